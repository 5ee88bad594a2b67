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
import { PreviousLags } from './PreviousLags';

jest.setTimeout(120_000);

const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};
const T0 = Date.parse('2026-06-01T10:00:00.000Z');
const TOPICS = 6;
const GROUPS = 4;

/**
 * Minute `m` of a mesh where topic t's log end grows by t+1 a minute (topic 4 in steps
 * every 4 minutes, topic 5 not at all) and group g commits every (g+1)th minute, behind by up to a dozen collections:
 * estimates carried over, found in the last 5 collections, in the last 60 or nowhere.
 */
function collectionAt(minute: number): ChargebackCollection {
  const collectedAt = new Date(T0 + minute * 60_000).toISOString();
  const end = (t: number, m: number) => {
    if (t === 5) return 40;
    // Topic 4 stands still for 4 minutes at a time: its history has stretches.
    if (t === 4) return 100 + 10 * Math.floor(m / 4);
    return 100 + m * (t + 1);
  };
  const topics = Array.from({ length: TOPICS }, (_, t) => ({
    topic: `acme.a._public.t${t}`,
    topicId: `id-${t}`,
    ownerAppId: 'acme.a',
    partitions: 2,
    storageBytes: 0,
    storageBytesSingleCopy: 0,
    messages: 0,
    byPartition: [0, 1].map(partition => ({
      partition,
      logStartOffset: 0,
      logEndOffset: end(t, minute) + partition,
      bytes: 0,
    })),
    collectedAt,
  }));
  const groups = Array.from({ length: GROUPS }).flatMap((_, g) =>
    Array.from({ length: TOPICS }, (__, t) => {
      const committedAt = minute - (minute % (g + 1)) - 3 * g;
      return {
        groupId: `acme.b.reader${g}`,
        topic: `acme.a._public.t${t}`,
        consumerAppId: g === 3 ? null : 'acme.b',
        committedOffsets: [0, 1].map(partition => ({
          partition,
          offset: Math.min(end(t, Math.max(0, committedAt)), end(t, minute)),
        })),
        collectedAt,
      };
    }),
  );
  return { collectedAt, topics, groups };
}

/** Every stored lag, one per collection, topic and group. */
async function lagRows(knex: Knex) {
  const rows = await knex('specmesh_chargeback_group_lag')
    .orderBy(['collected_at', 'group_id'])
    .select();
  // Collection ids differ where a rolled back transaction took one.
  return rows
    .flatMap(({ collection_id: _id, topics, ...row }) =>
      JSON.parse(topics).map((topic: object) => ({
        ...row,
        collected_at: new Date(row.collected_at).toISOString(),
        ...topic,
      })),
    )
    .sort(
      (a, b) =>
        a.collected_at.localeCompare(b.collected_at) ||
        a.topic.localeCompare(b.topic) ||
        a.group_id.localeCompare(b.group_id),
    );
}

async function latestId(knex: Knex): Promise<number> {
  const row = await knex('specmesh_chargeback_collections')
    .orderBy('id', 'desc')
    .first('id');
  return Number(row.id);
}

const databases = TestDatabases.create(TEST_DATABASES);

describe.each(databases.eachSupportedId())(
  'Lag kept in memory by the collecting process, on %s',
  databaseId => {
    let kept: Knex;
    let fromDatabase: Knex;

    beforeEach(async () => {
      kept = await databases.init(databaseId as TestDatabaseId);
      fromDatabase = await databases.init(databaseId as TestDatabaseId);
      await migrateDatabase(kept);
      await migrateDatabase(fromDatabase);
    });

    afterEach(async () => {
      await dropTestDatabase(kept);
      await dropTestDatabase(fromDatabase);
    });

    it('stores the same lags and estimates as a process that reads everything back', async () => {
      // One long-lived store keeps the previous lags and recent log ends in memory; the
      // other is a new store (a restart) at every collection, reading them back.
      const store = new ChargebackStore(kept);
      for (let minute = 0; minute < 20; minute++) {
        await store.recordCollection('local', collectionAt(minute), PRICES);
        await new ChargebackStore(fromDatabase).recordCollection(
          'local',
          collectionAt(minute),
          PRICES,
        );
      }
      const rows = await lagRows(kept);
      expect(rows).toEqual(await lagRows(fromDatabase));
      // The series has every kind of estimate: carried over, interpolated, none.
      const estimates = rows.map(row => row.estimatedSeconds);
      expect(estimates.filter(e => e === null).length).toBeGreaterThan(0);
      expect(estimates.filter(e => e !== null && e > 0).length).toBeGreaterThan(
        100,
      );
      expect(new Set(estimates).size).toBeGreaterThan(20);
    });

    it('keeps the previous lags exactly as the database returns them', async () => {
      const store = new ChargebackStore(kept);
      for (let minute = 0; minute < 8; minute++) {
        await store.recordCollection('local', collectionAt(minute), PRICES);
      }
      const latest = {
        id: await latestId(kept),
        collectedAt: collectionAt(7).collectedAt,
      };
      const previousLags = (
        store.lag as unknown as { previousLags: PreviousLags }
      ).previousLags;
      const inMemory = await kept.transaction(tx =>
        previousLags.of(tx, 'local', latest),
      );
      const read = await PreviousLags.read(kept, latest);
      expect(inMemory).toEqual(read);
      expect(inMemory.size).toBe(TOPICS);
    });

    it('falls back to the database when another replica stored the previous collection, or a transaction rolled back', async () => {
      const replicaA = new ChargebackStore(kept);
      const replicaB = new ChargebackStore(kept);
      const reference = new ChargebackStore(fromDatabase);
      // B collects minutes 6 and 9; A the others.
      const collect = async (minute: number) => {
        const collector = minute === 6 || minute === 9 ? replicaB : replicaA;
        await collector.recordCollection('local', collectionAt(minute), PRICES);
        await reference.recordCollection('local', collectionAt(minute), PRICES);
      };
      for (let minute = 0; minute < 9; minute++) await collect(minute);
      // A stores other log ends for minute 9, then rolls back: B stores minute 9
      // (on SQLite under the same id) and A must not carry over from what it lost.
      const previous = {
        id: await latestId(kept),
        collection: collectionAt(8),
      };
      // The same offsets, other log ends: estimates carried over from it differ.
      const lost = collectionAt(9);
      lost.topics = collectionAt(8).topics.map(topic => ({
        ...topic,
        collectedAt: lost.collectedAt,
      }));
      await expect(
        kept.transaction(async tx => {
          const [inserted] = await tx('specmesh_chargeback_collections')
            .insert(
              {
                cluster: 'local',
                collected_at: new Date(lost.collectedAt),
                samples: JSON.stringify(lost),
              },
              ['id'],
            )
            .returning('id');
          const lostId = typeof inserted === 'object' ? inserted.id : inserted;
          await replicaA.lag.record(
            tx,
            'local',
            Number(lostId),
            lost,
            previous,
          );
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      for (let minute = 9; minute < 16; minute++) await collect(minute);
      expect(await lagRows(kept)).toEqual(await lagRows(fromDatabase));
    });
  },
);
