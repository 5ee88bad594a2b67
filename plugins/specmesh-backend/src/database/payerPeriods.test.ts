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
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { dropTestDatabase, TEST_DATABASES } from '@meshport/dev-infra';
import type {
  ChargebackCollection,
  PriceList,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { ChargebackStore, PayerTotal } from './ChargebackStore';
import { migrateDatabase } from './migrateDatabase';
import { coverOf } from './payerPeriods';

jest.setTimeout(120_000);

describe('coverOf', () => {
  it('reads whole months, then whole dekads, then the days at the edges', () => {
    expect(coverOf('2025-01-01', '2025-03-31')).toEqual({
      months: ['2025-01-01', '2025-02-01', '2025-03-01'],
      dekads: [],
      days: [],
    });
    expect(coverOf('2025-01-08', '2025-04-13')).toEqual({
      months: ['2025-02-01', '2025-03-01'],
      dekads: ['2025-01-11', '2025-01-21', '2025-04-01'],
      days: [
        ['2025-01-08', '2025-01-10'],
        ['2025-04-11', '2025-04-13'],
      ],
    });
    expect(coverOf('2024-02-21', '2024-02-29').dekads).toEqual(['2024-02-21']);
    expect(coverOf('2025-06-05', '2025-06-05').days).toEqual([
      ['2025-06-05', '2025-06-05'],
    ]);
  });

  it('takes a day past its month’s end as the stored days compare with it', () => {
    // '2025-02-30' sorts after every day of February and before March's.
    expect(coverOf('2025-02-30', '2025-03-10')).toEqual({
      months: [],
      dekads: ['2025-03-01'],
      days: [],
    });
    expect(coverOf('2025-02-01', '2025-02-30').months).toEqual(['2025-02-01']);
  });
});

const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};
const MILLISECONDS_PER_HOUR = 3_600_000;

/** Three apps' topics, each read by the next app's group and by a group of no app-id. */
function collection(at: number, step: number): ChargebackCollection {
  const collectedAt = new Date(at).toISOString();
  const apps = ['acme.a', 'acme.b', 'acme.c'];
  return {
    collectedAt,
    topics: apps.map((app, i) => {
      const records = step * (i + 1) * 1_000 + (step % 7) * 333;
      return {
        topic: `${app}._public.events`,
        topicId: `id-${i}`,
        ownerAppId: app,
        partitions: i + 1,
        storageBytes: records * 900,
        storageBytesSingleCopy: records * 300,
        messages: records,
        byPartition: [
          {
            partition: 0,
            logStartOffset: 0,
            logEndOffset: records,
            bytes: records * 300,
          },
        ],
        collectedAt,
      };
    }),
    groups: apps.flatMap((app, i) => {
      const topic = `${app}._public.events`;
      const read = step * (i + 1) * 700;
      const reader = apps[(i + 1) % apps.length];
      return [
        [`${reader}.reader`, reader, read],
        [`legacy-${i}`, null, Math.floor(read / 3)],
      ].map(([groupId, consumerAppId, offset]) => ({
        groupId: groupId as string,
        topic,
        consumerAppId: consumerAppId as string | null,
        committedOffsets: [{ partition: 0, offset: offset as number }],
        collectedAt,
      }));
    }),
  };
}

/** The mesh report's sums as they were read before the period rollup: every day. */
async function unoptimisedTotals(knex: Knex, from: string, to: string) {
  const rows: Array<Record<string, any>> = await knex(
    'specmesh_chargeback_payer_daily',
  )
    .whereBetween('day', [from, to])
    .groupBy(['payer_app_id', 'category', 'currency', 'unit'])
    .select('payer_app_id', 'category', 'currency', 'unit')
    .sum({ quantity: 'quantity', amount: 'amount', bytes: 'bytes' });
  return new Map(
    rows.map(row => [
      [row.payer_app_id || null, row.category, row.currency, row.unit].join(),
      [Number(row.quantity), Number(row.amount), Number(row.bytes)],
    ]),
  );
}

function expectSameTotals(
  totals: PayerTotal[],
  expected: Map<string, number[]>,
) {
  expect(totals).toHaveLength(expected.size);
  for (const total of totals) {
    const key = [total.payerAppId, total.category, total.currency, total.unit];
    const [quantity, amount, bytes] = expected.get(key.join())!;
    // Added up in another order: equal up to the last bits of a double.
    expect(total.quantity).toBeCloseTo(quantity, 9);
    expect(total.amount).toBeCloseTo(amount, 9);
    expect(total.bytes).toBeCloseTo(bytes, 3);
  }
}

const RANGES: Array<[string, string]> = [
  ['2025-05-20', '2025-07-10'], // months, dekads and days
  ['2025-06-01', '2025-06-30'], // one whole month
  ['2025-06-11', '2025-06-20'], // one whole dekad
  ['2025-05-28', '2025-06-13'], // days, a dekad, days
  ['2025-06-07', '2025-06-07'], // one day
  ['2025-05-31', '2025-07-01'], // a month between two single days
  ['2025-06-31', '2025-07-20'], // a day past June's end
  ['2025-01-01', '2025-12-31'], // all of it
  ['2025-08-01', '2025-08-31'], // nothing recorded
];

const databases = TestDatabases.create(TEST_DATABASES);

describe.each(databases.eachSupportedId())('payer periods on %s', id => {
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

  it('answers every payer’s totals exactly as the per-day rollup does, before and after a purge', async () => {
    // Collections every 31 hours from May 18 to July 12: intervals split across days.
    const start = Date.parse('2025-05-18T05:00:00.000Z');
    for (let step = 0; step < 43; step++) {
      await store.recordCollection(
        'local',
        collection(start + step * 31 * MILLISECONDS_PER_HOUR, step),
        PRICES,
      );
    }
    for (const [from, to] of RANGES) {
      expectSameTotals(
        await store.totalsByPayer(from, to),
        await unoptimisedTotals(knex, from, to),
      );
    }
    expect(
      (await store.totalsByPayer('2025-05-20', '2025-07-10')).some(
        total => total.payerAppId === null && total.amount > 0,
      ),
    ).toBe(true);

    // Cuts within a month and a dekad (then again at the same day, then further into
    // the month): their periods keep only the days left.
    for (const rollupsBefore of ['2025-06-15', '2025-06-15', '2025-06-23']) {
      await store.purge({
        samplesBefore: new Date('2025-05-01T00:00:00.000Z'),
        rollupsBefore,
      });
      for (const [from, to] of RANGES) {
        expectSameTotals(
          await store.totalsByPayer(from, to),
          await unoptimisedTotals(knex, from, to),
        );
      }
    }
    expect(await store.totalsByPayer('2025-06-01', '2025-06-22')).toEqual([]);
  });
});
