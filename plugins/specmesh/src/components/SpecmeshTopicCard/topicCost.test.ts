/*
 * Copyright 2025 The Meshport Authors
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
import type { ChargebackLine, TopicChargeback } from '../../api';
import { summarizeTopicCost } from './topicCost';

const TOPIC = 'acme.a._public.orders';

const line = (extra: Partial<ChargebackLine>): ChargebackLine => ({
  day: '2026-11-20',
  cluster: 'local',
  topic: TOPIC,
  category: 'storage',
  ownerAppId: 'acme.a',
  payerAppId: 'acme.a',
  groupId: null,
  currency: 'USD',
  unit: 'GB-month',
  quantity: 1,
  amount: 1,
  bytes: 0,
  records: 0,
  ...extra,
});

const report = (lines: ChargebackLine[]): TopicChargeback => ({
  topic: TOPIC,
  from: '2026-10-26',
  to: '2026-11-24',
  totals: [
    { currency: 'USD', amount: lines.reduce((sum, l) => sum + l.amount, 0) },
  ],
  lines,
});

describe('summarizeTopicCost', () => {
  it('sums each category and names who pays for reading, largest first', () => {
    const summary = summarizeTopicCost(
      report([
        line({ category: 'storage', amount: 0.5 }),
        line({ category: 'storage', day: '2026-11-21', amount: 0.25 }),
        line({ category: 'partitions', unit: 'partition-month', amount: 1 }),
        line({ category: 'production', unit: 'GB', amount: 0.2, bytes: 4e9 }),
        line({
          category: 'consumption',
          unit: 'GB',
          payerAppId: 'acme.b',
          groupId: 'acme.b.reader',
          amount: 0.1,
          bytes: 2e9,
        }),
        line({
          category: 'consumption',
          unit: 'GB',
          payerAppId: 'acme.c',
          groupId: 'acme.c.reader',
          amount: 0.3,
          bytes: 6e9,
        }),
        line({
          category: 'consumption',
          unit: 'GB',
          payerAppId: null,
          groupId: 'stray-group',
          amount: 0.05,
          bytes: 1e9,
        }),
      ]),
    );

    expect(summary.byCategory).toEqual({
      storage: 0.75,
      partitions: 1,
      production: 0.2,
      consumption: 0.45,
    });
    expect(summary.total).toBeCloseTo(2.4);
    expect(summary.producedBytes).toBe(4e9);
    expect(summary.consumedBytes).toBe(9e9);
    expect(summary.readers.map(r => [r.party, r.amount])).toEqual([
      ['acme.c', 0.3],
      ['acme.b', 0.1],
      ['unattributed group stray-group', 0.05],
    ]);
    expect(summary.measured).toBe(true);
  });

  it('says nothing was measured in a range without lines', () => {
    const summary = summarizeTopicCost({ ...report([]), totals: [] });
    expect(summary).toMatchObject({
      currency: 'USD',
      total: 0,
      readers: [],
      measured: false,
    });
  });
});
