/*
 * Copyright 2026 The Meshport Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import type { ChargebackCollection } from '@meshport/plugin-specmesh-common';
import { formatLagText } from './formatLag';
import { lagReport } from './lagReport';

const AT = '2026-06-01T10:00:00.000Z';
const ORDERS = 'acme.shop._public.orders';
const STOCK = 'acme.stock._public.levels';

const collection: ChargebackCollection = {
  collectedAt: AT,
  topics: [ORDERS, STOCK].map(topic => ({
    topic,
    ownerAppId: topic.slice(0, topic.indexOf('._')),
    partitions: 1,
    storageBytes: 0,
    storageBytesSingleCopy: 0,
    messages: 100,
    byPartition: [
      { partition: 0, logStartOffset: 0, logEndOffset: 100, bytes: 0 },
    ],
    collectedAt: AT,
  })),
  groups: [
    {
      groupId: 'acme.billing.orders',
      consumerAppId: 'acme.billing',
      topic: ORDERS,
      offset: 90,
    },
    { groupId: 'legacy', consumerAppId: null, topic: ORDERS, offset: 40 },
    {
      groupId: 'acme.shop.stock',
      consumerAppId: 'acme.shop',
      topic: STOCK,
      offset: 100,
    },
    {
      groupId: 'acme.billing.stock',
      consumerAppId: 'acme.billing',
      topic: STOCK,
      offset: 0,
    },
  ].map(({ offset, ...group }) => ({
    ...group,
    committedOffsets: [{ partition: 0, offset }],
    collectedAt: AT,
  })),
};
const spec = {
  appId: 'acme.shop',
  topics: [ORDERS, 'acme.shop._private.audit'],
};

describe('lagReport', () => {
  it('has the readers of every spec topic and the app-id’s own groups', () => {
    const report = lagReport('prod', spec, collection);
    expect(
      report.topics.map(t => [t.topic, t.readers.map(r => r.groupId)]),
    ).toEqual([
      ['acme.shop._private.audit', []],
      [ORDERS, ['acme.billing.orders', 'legacy']],
    ]);
    expect(report.groups.map(g => g.groupId)).toEqual(['acme.shop.stock']);
    expect(report).toMatchObject({ maxLag: null, exceeded: [] });
  });

  it('lists the reported groups past --max-lag, never other app-ids’ groups elsewhere', () => {
    const report = lagReport('prod', spec, collection, 10);
    expect(report.exceeded.map(g => [g.groupId, g.lag])).toEqual([
      ['legacy', 60],
    ]);
    expect(lagReport('prod', spec, collection, 60).exceeded).toEqual([]);
  });
});

describe('formatLagText', () => {
  it('prints a table per section, unattributed groups as such', () => {
    const text = formatLagText(lagReport('prod', spec, collection, 10));
    expect(text).toContain(`Lag on prod at ${AT} for acme.shop`);
    expect(text).toMatch(/acme\.shop\._private\.audit\s+\(no readers\)/);
    expect(text).toMatch(/legacy\s+\(unattributed\)\s+60\s+p0:60/);
    expect(text).toMatch(
      /acme\.shop\.stock\s+acme\.stock\._public\.levels\s+acme\.stock\s+0\s+p0:0/,
    );
    expect(text).toContain(
      '✖ 1 group(s) more than 10 messages behind: legacy on acme.shop._public.orders (60)',
    );
  });
});
