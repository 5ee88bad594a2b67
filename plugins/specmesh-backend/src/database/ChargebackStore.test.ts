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
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { dropTestDatabase, TEST_DATABASES } from '@meshport/dev-infra';
import type {
  ChargebackCollection,
  PriceList,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { ChargebackStore } from './ChargebackStore';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};
const TOPIC = 'acme.a._public.orders';
const RECORD_BYTES = 1_000;

/**
 * App A's one-partition topic holding `records` records of 1 kB; app B's group and a
 * group of no app-id have read `readByB` and `readByStranger` of them.
 */
function collection(
  collectedAt: string,
  records: number,
  readByB: number,
  readByStranger: number,
): ChargebackCollection {
  const bytes = records * RECORD_BYTES;
  return {
    collectedAt,
    topics: [
      {
        topic: TOPIC,
        topicId: 'id-1',
        ownerAppId: 'acme.a',
        partitions: 1,
        storageBytes: bytes,
        storageBytesSingleCopy: bytes,
        messages: records,
        byPartition: [
          { partition: 0, logStartOffset: 0, logEndOffset: records, bytes },
        ],
        collectedAt,
      },
    ],
    groups: [
      ['acme.b.reader', 'acme.b', readByB],
      ['legacy-etl', null, readByStranger],
    ].map(([groupId, consumerAppId, offset]) => ({
      groupId: groupId as string,
      topic: TOPIC,
      consumerAppId: consumerAppId as string | null,
      committedOffsets: [{ partition: 0, offset: offset as number }],
      collectedAt,
    })),
  };
}

const databases = TestDatabases.create(TEST_DATABASES);

describe.each(databases.eachSupportedId())('ChargebackStore on %s', id => {
  let knex: Knex;
  let store: ChargebackStore;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
    await migrateDatabase(knex);
    store = new ChargebackStore(knex);
  });

  afterEach(async () => {
    await dropTestDatabase(knex);
  });

  it('counts nothing at the first collection, then the usage since the previous one, priced', async () => {
    const first = await store.recordCollection(
      'local',
      collection('2025-06-01T10:00:00.000Z', 1000, 0, 0),
      PRICES,
    );
    expect(first.rollupRows).toBe(0);
    // 73 hours: a tenth of a month; 1000 records more, B read 1500, the stranger 500.
    await store.recordCollection(
      'local',
      collection('2025-06-04T11:00:00.000Z', 2000, 1500, 500),
      PRICES,
    );

    const rows = await store.dailyRows({
      from: '2025-06-01',
      to: '2025-06-30',
    });
    expect(new Set(rows.map(r => r.day))).toEqual(
      new Set(['2025-06-01', '2025-06-02', '2025-06-03', '2025-06-04']),
    );
    const sum = (category: string, payer: string | null) =>
      rows
        .filter(r => r.category === category && r.payerAppId === payer)
        .reduce(
          (total, r) => ({
            amount: total.amount + r.amount,
            bytes: total.bytes + r.bytes,
            records: total.records + r.records,
          }),
          { amount: 0, bytes: 0, records: 0 },
        );
    // Average storage 1.5 MB for a tenth of a month.
    expect(sum('storage', 'acme.a').amount).toBeCloseTo(
      (1.5e6 / 1e9) * 0.1 * 0.1,
      12,
    );
    expect(sum('partitions', 'acme.a').amount).toBeCloseTo(1 * 0.1 * 1.5, 9);
    expect(sum('production', 'acme.a')).toEqual({
      amount: expect.closeTo((1e6 / 1e9) * 0.05, 12),
      bytes: expect.closeTo(1e6, 3),
      records: expect.closeTo(1000, 6),
    });
    expect(sum('consumption', 'acme.b')).toEqual({
      amount: expect.closeTo((1.5e6 / 1e9) * 0.02, 12),
      bytes: expect.closeTo(1.5e6, 3),
      records: expect.closeTo(1500, 6),
    });
    expect(sum('consumption', null).bytes).toBeCloseTo(5e5, 3);

    // The first day holds 14 of the 73 hours.
    const firstDay = rows.filter(
      r => r.day === '2025-06-01' && r.category === 'consumption',
    );
    expect(firstDay.find(r => r.payerAppId === 'acme.b')?.records).toBeCloseTo(
      (1500 * 14) / 73,
      6,
    );

    expect(await store.unattributedGroups('2025-06-01', '2025-06-30')).toEqual([
      {
        groupId: 'legacy-etl',
        topic: TOPIC,
        ownerAppId: 'acme.a',
        currency: 'EUR',
        bytes: expect.closeTo(5e5, 3),
        records: expect.closeTo(500, 6),
        amount: expect.closeTo((5e5 / 1e9) * 0.02, 12),
      },
    ]);
    const payers = await store.totalsByPayer('2025-06-01', '2025-06-30');
    expect(payers.map(p => `${p.payerAppId} ${p.category}`).sort()).toEqual([
      'acme.a partitions',
      'acme.a production',
      'acme.a storage',
      'acme.b consumption',
      'null consumption',
    ]);

    // Filters: B's rows are its consumption only; the topic filter sees everything.
    const ofB = await store.dailyRows({
      from: '2025-06-01',
      to: '2025-06-30',
      appIds: ['acme.b'],
    });
    expect(new Set(ofB.map(r => r.category))).toEqual(new Set(['consumption']));
    expect(
      await store.dailyRows({
        from: '2025-06-02',
        to: '2025-06-02',
        topic: TOPIC,
      }),
    ).toHaveLength(5);
  });

  it('adds up each payer’s bill from its rollup exactly as from the daily rows', async () => {
    // Three collections over two days: the rollup is written at each of them.
    for (const [at, records, readByB, readByStranger] of [
      ['2025-06-01T12:00:00.000Z', 0, 0, 0],
      ['2025-06-02T06:00:00.000Z', 400, 100, 50],
      ['2025-06-03T18:00:00.000Z', 1000, 700, 90],
    ] as const) {
      await store.recordCollection(
        'local',
        collection(at, records, readByB, readByStranger),
        PRICES,
      );
    }
    const fromDaily = new Map<string, number[]>();
    for (const row of await store.dailyRows({
      from: '2025-06-02',
      to: '2025-06-03',
    })) {
      const key = [row.payerAppId, row.category, row.currency, row.unit].join();
      const sum = fromDaily.get(key) ?? [0, 0, 0];
      fromDaily.set(key, [
        sum[0] + row.quantity,
        sum[1] + row.amount,
        sum[2] + row.bytes,
      ]);
    }
    const totals = await store.totalsByPayer('2025-06-02', '2025-06-03');
    expect(totals).toHaveLength(fromDaily.size);
    for (const total of totals) {
      const key = [
        total.payerAppId,
        total.category,
        total.currency,
        total.unit,
      ];
      const [quantity, amount, bytes] = fromDaily.get(key.join())!;
      expect(total.quantity).toBeCloseTo(quantity, 9);
      expect(total.amount).toBeCloseTo(amount, 9);
      expect(total.bytes).toBeCloseTo(bytes, 3);
    }
    // A range of one day sees that day only.
    const secondDay = await store.totalsByPayer('2025-06-03', '2025-06-03');
    const storage = (list: typeof totals) =>
      list.find(t => t.category === 'storage')!.quantity;
    expect(storage(secondDay)).toBeLessThan(storage(totals));
    expect(storage(secondDay)).toBeGreaterThan(0);
  });

  it('never counts an interval twice, even when two replicas record at once', async () => {
    await store.recordCollection(
      'local',
      collection('2025-06-01T00:00:00.000Z', 0, 0, 0),
      PRICES,
    );
    const next = collection('2025-06-01T01:00:00.000Z', 100, 100, 0);
    const outcomes = await Promise.allSettled([
      store.recordCollection('local', next, PRICES),
      new ChargebackStore(knex).recordCollection('local', next, PRICES),
    ]);
    expect(outcomes.some(o => o.status === 'fulfilled')).toBe(true);

    const rows = await store.dailyRows({
      from: '2025-06-01',
      to: '2025-06-01',
    });
    const produced = rows
      .filter(r => r.category === 'production')
      .reduce((total, r) => total + r.records, 0);
    expect(produced).toBeCloseTo(100, 9);
  });

  it('keeps nothing of a failed cycle; the next one counts the whole gap', async () => {
    await store.recordCollection(
      'local',
      collection('2025-06-01T00:00:00.000Z', 0, 0, 0),
      PRICES,
    );
    const broken = collection('2025-06-01T01:00:00.000Z', 50, 0, 0);
    broken.groups[0].topic = 'acme.a._public.unsampled';
    await expect(
      store.recordCollection('local', broken, PRICES),
    ).rejects.toThrow('no sample of that topic');
    expect(await store.collectionCount('local')).toBe(1);

    await store.recordCollection(
      'local',
      collection('2025-06-01T02:00:00.000Z', 100, 0, 0),
      PRICES,
    );
    const rows = await store.dailyRows({
      from: '2025-06-01',
      to: '2025-06-01',
    });
    expect(rows.find(r => r.category === 'production')?.records).toBeCloseTo(
      100,
      9,
    );
  });

  it('purges samples and rollups past retention, keeping each cluster’s latest sample', async () => {
    for (const [at, records] of [
      ['2025-05-01T00:00:00.000Z', 0],
      ['2025-05-02T00:00:00.000Z', 10],
      ['2025-06-10T00:00:00.000Z', 20],
    ] as const) {
      await store.recordCollection(
        'local',
        collection(at, records, 0, 0),
        PRICES,
      );
    }
    await store.recordCollection(
      'other',
      collection('2025-05-01T00:00:00.000Z', 0, 0, 0),
      PRICES,
    );

    const purged = await store.purge({
      samplesBefore: new Date('2025-06-01T00:00:00.000Z'),
      rollupsBefore: '2025-05-02',
    });
    expect(purged.collections).toBe(2);
    expect(await store.collectionCount('local')).toBe(1);
    expect(await store.collectionCount('other')).toBe(1);
    const days = (
      await store.dailyRows({ from: '2025-01-01', to: '2025-12-31' })
    ).map(r => r.day);
    expect(days.length).toBeGreaterThan(0);
    expect(days.every(day => day >= '2025-05-02')).toBe(true);
    expect(purged.rollups).toBeGreaterThan(0);
    const payerDays = await knex('specmesh_chargeback_payer_daily').pluck(
      'day',
    );
    expect(payerDays.length).toBeGreaterThan(0);
    expect(payerDays.every((day: string) => day >= '2025-05-02')).toBe(true);
  });
});
