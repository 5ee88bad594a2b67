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
import type {
  ChargebackCollection,
  PriceList,
} from '@meshport/plugin-specmesh-common';
import { appIdsOfTopics, chargebackReport } from './chargebackReport';
import { formatChargebackCsv, formatChargebackText } from './formatChargeback';
import { parseInterval } from './readPricesFile';

const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};
const TOPIC = 'acme.a._public.orders';

function collection(
  collectedAt: string,
  records: number,
  read: number,
): ChargebackCollection {
  const bytes = records * 1000;
  return {
    collectedAt,
    topics: [
      {
        topic: TOPIC,
        ownerAppId: 'acme.a',
        partitions: 2,
        storageBytes: 3 * bytes,
        storageBytesSingleCopy: bytes,
        messages: records,
        byPartition: [
          { partition: 0, logStartOffset: 0, logEndOffset: records, bytes },
        ],
        collectedAt,
      },
    ],
    groups: [
      ['acme.b.reader', 'acme.b'],
      ['adhoc', null],
    ].map(([groupId, consumerAppId]) => ({
      groupId: groupId as string,
      consumerAppId,
      topic: TOPIC,
      committedOffsets: [{ partition: 0, offset: read }],
      collectedAt,
    })),
  };
}

describe('chargebackReport', () => {
  const report = chargebackReport(
    'local',
    collection('2025-06-01T00:00:00.000Z', 1000, 1000),
    collection('2025-06-01T00:00:10.000Z', 3000, 2000),
    PRICES,
  );

  it('prices storage for a month and transfer over the interval, by app-id', () => {
    expect(report.intervalSeconds).toBe(10);
    expect(report.appIds).toEqual([
      {
        appId: 'acme.a',
        topics: 1,
        partitions: 2,
        storageBytes: 9e6,
        messages: 3000,
        producedBytes: 2e6,
        consumedBytes: 0,
        monthlyCost: expect.closeTo(0.009 * 0.1 + 2 * 1.5, 12),
        intervalCost: expect.closeTo(0.002 * 0.05, 15),
      },
      expect.objectContaining({
        appId: 'acme.b',
        consumedBytes: 1e6,
        intervalCost: expect.closeTo(0.001 * 0.02, 15),
      }),
      expect.objectContaining({ appId: null, consumedBytes: 1e6 }),
    ]);
    expect(report.unattributedGroups).toEqual(['adhoc']);
  });

  it('bills one copy when the price list says so, and only storage for a snapshot', () => {
    const snapshot = chargebackReport(
      'local',
      undefined,
      collection('2025-06-01T00:00:00.000Z', 1000, 1000),
      { ...PRICES, storageBasis: 'singleCopy' },
    );
    expect(snapshot.intervalSeconds).toBeNull();
    expect(snapshot.appIds[0]).toMatchObject({
      storageBytes: 1e6,
      producedBytes: 0,
      intervalCost: 0,
    });
    expect(snapshot.consumption.map(c => c.groupId)).toEqual([
      'acme.b.reader',
      'adhoc',
    ]);
  });

  it('prints a table for people and CSV for spreadsheets', () => {
    const text = formatChargebackText(report);
    expect(text).toContain('interval 10.0 s; prices in EUR');
    expect(text).toMatch(
      /^acme\.a\s+1\s+2\s+9\.0 MB\s+3000\s+2\.0 MB\s+0 B\s+3\.00/m,
    );
    expect(text).toMatch(/^\(unattributed\)\s+0\s+0/m);
    expect(text).toContain(
      'Unattributed groups (no app-id prefixes them): adhoc',
    );
    const csv = formatChargebackCsv(report).split('\r\n');
    expect(csv[0]).toBe(
      'appId,topics,partitions,storageBytes,messages,producedBytes,consumedBytes,monthlyCost,intervalCost,currency',
    );
    expect(csv[3]).toMatch(/^,0,0,0,0,0,1000000,0,/);
  });

  it('neutralises CSV cells a spreadsheet would run as a formula', () => {
    const csv = formatChargebackCsv({
      ...report,
      currency: '@SUM(A1)',
      appIds: ['=cmd|calc', '-x', '+y', '\tz'].map(appId => ({
        ...report.appIds[0],
        appId,
        monthlyCost: -1,
      })),
    }).split('\r\n');
    expect(csv.slice(1, 5)).toEqual([
      "'=cmd|calc,1,2,9000000,3000,2000000,0,-1,0.0001,'@SUM(A1)",
      "'-x,1,2,9000000,3000,2000000,0,-1,0.0001,'@SUM(A1)",
      "'+y,1,2,9000000,3000,2000000,0,-1,0.0001,'@SUM(A1)",
      "'\tz,1,2,9000000,3000,2000000,0,-1,0.0001,'@SUM(A1)",
    ]);
  });
});

describe('appIdsOfTopics', () => {
  it('reads the app-id before the access segment of SpecMesh topic names', () => {
    expect(
      appIdsOfTopics([
        'acme.a._public.x',
        'acme.a._private.y',
        'acme.shop.pay._protected.z',
        '__consumer_offsets',
        'legacy-topic',
      ]),
    ).toEqual(['acme.a', 'acme.shop.pay']);
  });
});

describe('parseInterval', () => {
  it('reads ms, s and m, and names the option on a bad value', () => {
    expect(parseInterval('10s')).toBe(10_000);
    expect(parseInterval('500ms')).toBe(500);
    expect(parseInterval('2m')).toBe(120_000);
    expect(parseInterval('3')).toBe(3000);
    expect(() => parseInterval('soon')).toThrow("Invalid --interval 'soon'");
  });
});
