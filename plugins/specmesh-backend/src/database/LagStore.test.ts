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

const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};
const ORDERS = 'acme.a._public.orders';
const OTHER = 'acme.c._public.other';

/** A's two-partition topic with its log ends; B's group and a stranger's on it. */
function collection(
  collectedAt: string,
  logEnds: [number, number],
  readByB: [number, number],
  readByStranger: number,
): ChargebackCollection {
  return {
    collectedAt,
    topics: [
      {
        topic: ORDERS,
        topicId: 'id-1',
        ownerAppId: 'acme.a',
        partitions: 2,
        storageBytes: 0,
        storageBytesSingleCopy: 0,
        messages: logEnds[0] + logEnds[1],
        byPartition: logEnds.map((logEndOffset, partition) => ({
          partition,
          logStartOffset: 0,
          logEndOffset,
          bytes: 0,
        })),
        collectedAt,
      },
      {
        topic: OTHER,
        ownerAppId: 'acme.c',
        partitions: 1,
        storageBytes: 0,
        storageBytesSingleCopy: 0,
        messages: 0,
        byPartition: [
          { partition: 0, logStartOffset: 0, logEndOffset: 0, bytes: 0 },
        ],
        collectedAt,
      },
    ],
    groups: [
      {
        groupId: 'acme.b.reader',
        topic: ORDERS,
        consumerAppId: 'acme.b',
        committedOffsets: readByB.map((offset, partition) => ({
          partition,
          offset,
        })),
        collectedAt,
      },
      {
        groupId: 'legacy-etl',
        topic: ORDERS,
        consumerAppId: null,
        committedOffsets: [{ partition: 0, offset: readByStranger }],
        collectedAt,
      },
    ],
  };
}

const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:01:00.000Z';
const T2 = '2026-06-01T10:02:00.000Z';

const databases = TestDatabases.create(TEST_DATABASES);

describe.each(databases.eachSupportedId())('LagStore on %s', id => {
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

  it('has nothing to tell before the first collection', async () => {
    expect(await store.lag.readersOf('acme.a')).toEqual({
      collectedAt: null,
      groups: [],
    });
  });

  it('stores each collection with the lag of its groups, estimated from the stored log ends', async () => {
    // Partition 0's log end: 100, 160, 200. B sits at 130 at T2: passed half-way
    // between T0 and T1, 90 s before T2. The stranger is at the end.
    await store.recordCollection(
      'local',
      collection(T0, [100, 5], [100, 5], 100),
      PRICES,
    );
    await store.recordCollection(
      'local',
      collection(T1, [160, 5], [120, 5], 160),
      PRICES,
    );
    await store.recordCollection(
      'local',
      collection(T2, [200, 5], [130, 5], 200),
      PRICES,
    );

    const readers = await store.lag.readersOf('acme.a');
    expect(readers.collectedAt).toBe(T2);
    expect(readers.groups).toEqual([
      {
        groupId: 'acme.b.reader',
        consumerAppId: 'acme.b',
        topic: ORDERS,
        ownerAppId: 'acme.a',
        lag: 70,
        estimatedSeconds: 90,
        partitions: [
          {
            partition: 0,
            committedOffset: 130,
            logEndOffset: 200,
            lag: 70,
            estimatedSeconds: 90,
          },
          {
            partition: 1,
            committedOffset: 5,
            logEndOffset: 5,
            lag: 0,
            estimatedSeconds: 0,
          },
        ],
      },
      expect.objectContaining({
        groupId: 'legacy-etl',
        consumerAppId: null,
        lag: 0,
      }),
    ]);
    expect(await store.lag.readersOf('acme.a', OTHER)).toMatchObject({
      groups: [],
    });
    expect((await store.lag.groupsOf('acme.b')).groups).toEqual([
      expect.objectContaining({ groupId: 'acme.b.reader', lag: 70 }),
    ]);
    expect((await store.lag.groupsOf('acme.a')).groups).toEqual([]);

    expect(
      await store.lag.history(ORDERS, 'acme.b.reader', new Date(T1)),
    ).toEqual([
      { at: T1, lag: 40, estimatedSeconds: 40 },
      { at: T2, lag: 70, estimatedSeconds: 90 },
    ]);

    // B stays put a minute more: its estimate carries over from T2, 60 s older.
    const T3 = '2026-06-01T10:03:00.000Z';
    await store.recordCollection(
      'local',
      collection(T3, [230, 5], [130, 5], 230),
      PRICES,
    );
    expect(
      await store.lag.history(ORDERS, 'acme.b.reader', new Date(T3)),
    ).toEqual([{ at: T3, lag: 100, estimatedSeconds: 150 }]);
  });

  it('keeps only the latest collection of each cluster current, and purges with the raw samples', async () => {
    await store.recordCollection(
      'local',
      collection(T0, [100, 5], [50, 5], 0),
      PRICES,
    );
    await store.recordCollection(
      'local',
      collection(T1, [100, 5], [100, 5], 100),
      PRICES,
    );
    expect(
      (await store.lag.readersOf('acme.a')).groups.map(g => g.lag),
    ).toEqual([0, 0]);

    await store.purge({
      samplesBefore: new Date(T1),
      rollupsBefore: '2000-01-01',
    });
    expect(
      await store.lag.history(ORDERS, 'acme.b.reader', new Date(T0)),
    ).toEqual([{ at: T1, lag: 0, estimatedSeconds: 0 }]);
    // The log ends did not change at T1: only T0's point was stored, and it went.
    const [{ count }] = await knex('specmesh_chargeback_log_end_sets').count({
      count: '*',
    });
    expect(Number(count)).toBe(0);
  });

  it('stores log ends only when they change, and still interpolates from the last collection at the old end', async () => {
    // Partition 0's log end stays at 100 from T0 to T2, then is 200 at T3. B moves from
    // 100 to 150 at T3: the log end passed 150 half-way between T2 and T3 (30 s), not
    // between T0 and T3.
    const T3 = '2026-06-01T10:03:00.000Z';
    await store.recordCollection(
      'local',
      collection(T0, [100, 5], [100, 5], 100),
      PRICES,
    );
    await store.recordCollection(
      'local',
      collection(T1, [100, 5], [100, 5], 100),
      PRICES,
    );
    await store.recordCollection(
      'local',
      collection(T2, [100, 5], [100, 5], 100),
      PRICES,
    );
    const stored = async () =>
      (
        await knex('specmesh_chargeback_log_end_sets')
          .orderBy('collected_at')
          .select('collected_at', 'log_ends')
      )
        .filter(row => ORDERS in JSON.parse(row.log_ends))
        .map(row => new Date(row.collected_at).toISOString());
    expect(await stored()).toEqual([T0]);

    await store.recordCollection(
      'local',
      collection(T3, [200, 5], [150, 5], 200),
      PRICES,
    );
    expect(await stored()).toEqual([T0, T2, T3]);
    expect(
      await store.lag.history(ORDERS, 'acme.b.reader', new Date(T3)),
    ).toEqual([{ at: T3, lag: 50, estimatedSeconds: 30 }]);

    // A recreated topic (another id, same offsets) is a change.
    const recreated = collection(
      '2026-06-01T10:04:00.000Z',
      [200, 5],
      [150, 5],
      200,
    );
    recreated.topics[0].topicId = 'id-2';
    await store.recordCollection('local', recreated, PRICES);
    expect(await stored()).toHaveLength(4);
  });
  it('finds an estimate beyond the recent collections in the older log ends', async () => {
    // The log end grows by 10 a minute for 26 collections. B sits at 0, then commits 15 at
    // minute 24: the log end passed 15 at minute 1.5, before the last 5 collections read
    // first (then the whole lookback is). At minute 25 it commits 235: passed at minute
    // 23.5, in the last 5.
    const at = (minute: number) =>
      new Date(Date.parse(T0) + minute * 60_000).toISOString();
    for (let minute = 0; minute < 24; minute++) {
      await store.recordCollection(
        'local',
        collection(at(minute), [minute * 10, 5], [0, 5], minute * 10),
        PRICES,
      );
    }
    await store.recordCollection(
      'local',
      collection(at(24), [240, 5], [15, 5], 240),
      PRICES,
    );
    await store.recordCollection(
      'local',
      collection(at(25), [250, 5], [235, 5], 250),
      PRICES,
    );
    expect(
      await store.lag.history(ORDERS, 'acme.b.reader', new Date(at(24))),
    ).toEqual([
      { at: at(24), lag: 225, estimatedSeconds: 22.5 * 60 },
      { at: at(25), lag: 15, estimatedSeconds: 1.5 * 60 },
    ]);
  });
});
