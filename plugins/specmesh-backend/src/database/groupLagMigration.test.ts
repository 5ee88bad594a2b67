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
import { ChargebackStore } from './ChargebackStore';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const MIGRATIONS = { directory: `${__dirname}/../../migrations` };
const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};

/** Two of A's topics; B's group reads both, a stranger's group one. */
function collection(minute: number): ChargebackCollection {
  const collectedAt = new Date(Date.UTC(2026, 5, 1, 10, minute)).toISOString();
  const topic = (name: string, partitions: number) => ({
    topic: name,
    ownerAppId: 'acme.a',
    partitions,
    storageBytes: 0,
    storageBytesSingleCopy: 0,
    messages: 0,
    byPartition: Array.from({ length: partitions }, (_, partition) => ({
      partition,
      logStartOffset: 0,
      logEndOffset: 100 * (minute + 1) + partition,
      bytes: 0,
    })),
    collectedAt,
  });
  const group = (groupId: string, name: string, offset: number) => ({
    groupId,
    topic: name,
    consumerAppId: groupId.startsWith('acme.b') ? 'acme.b' : null,
    committedOffsets: [{ partition: 0, offset }],
    collectedAt,
  });
  return {
    collectedAt,
    topics: [
      topic('acme.a._public.orders', 2),
      topic('acme.a._public.refunds', 1),
    ],
    groups: [
      group('acme.b.reader', 'acme.a._public.orders', 100 * minute + 50),
      group('acme.b.reader', 'acme.a._public.refunds', 100 * minute),
      group('legacy-etl', 'acme.a._public.orders', 20),
    ],
  };
}

const databases = TestDatabases.create(TEST_DATABASES);

describe.each(databases.eachSupportedId())('lag per group on %s', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
    await migrateDatabase(knex);
  });

  afterEach(async () => {
    await dropTestDatabase(knex);
  });

  const rowCount = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  /** Everything the lag store answers about the stored collections. */
  async function lagAsStored() {
    const lag = new ChargebackStore(knex).lag;
    const since = new Date(0);
    return {
      readers: await lag.readersOf('acme.a'),
      groups: await lag.groupsOf('acme.b'),
      history: await lag.history(
        'acme.a._public.refunds',
        'acme.b.reader',
        since,
      ),
      stranger: await lag.history('acme.a._public.orders', 'legacy-etl', since),
      consumer: await lag.consumerOf('acme.a._public.orders', 'legacy-etl'),
    };
  }

  it('stores one row per group and collection, and keeps the lag history through a rollback and back', async () => {
    const store = new ChargebackStore(knex);
    for (let minute = 0; minute < 4; minute++) {
      await store.recordCollection('local', collection(minute), PRICES);
    }
    expect(await rowCount('specmesh_chargeback_group_lag')).toBe(8);
    const before = await lagAsStored();
    // By topic, then group.
    expect(before.readers.groups.map(g => [g.groupId, g.topic, g.lag])).toEqual(
      [
        ['acme.b.reader', 'acme.a._public.orders', 50],
        ['legacy-etl', 'acme.a._public.orders', 380],
        ['acme.b.reader', 'acme.a._public.refunds', 100],
      ],
    );
    expect(before.history.map(point => point.lag)).toEqual([
      100, 100, 100, 100,
    ]);
    expect(before.stranger).toHaveLength(4);
    expect(before.consumer).toBeNull();

    // Back to one row per group and topic, then forward again.
    await knex.migrate.down({
      ...MIGRATIONS,
      name: '20261202040000_chargeback_group_lag.js',
    });
    expect(await knex.schema.hasTable('specmesh_chargeback_group_lag')).toBe(
      false,
    );
    expect(await rowCount('specmesh_chargeback_lag')).toBe(12);
    await migrateDatabase(knex);
    expect(await lagAsStored()).toEqual(before);
  });
});
