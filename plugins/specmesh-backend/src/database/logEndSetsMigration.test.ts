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
import type { Knex } from 'knex';
import { dateOf } from './migrateDatabase';

jest.setTimeout(60_000);

const MIGRATIONS = { directory: `${__dirname}/../../migrations` };
const THIS_MIGRATION = '20261202050000_chargeback_log_end_sets.js';
const OLD = 'specmesh_chargeback_log_ends';
const NEW = 'specmesh_chargeback_log_end_sets';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute));

type OldRow = {
  collection_id: number;
  cluster: string;
  collected_at: string;
  topic: string;
  topic_id: string | null;
  log_end_offsets: Array<number | null>;
};

/** Collections 1 and 2 on one cluster, 3 on another. */
const OLD_ROWS: OldRow[] = [
  ...[1, 2].flatMap(id => {
    const collectedAt = at(id).toISOString();
    const row = (
      topic: string,
      topicId: string | null,
      offsets: Array<number | null>,
    ) => ({
      collection_id: id,
      cluster: 'local',
      collected_at: collectedAt,
      topic,
      topic_id: topicId,
      log_end_offsets: offsets.map(o => (o === null ? null : o * id)),
    });
    return [
      row('acme.a._private.state', 'id-state', [0, 3]),
      row('acme.a._protected.audit', null, [7]),
      row('acme.a._public.orders', 'id-orders', [100, null, 250]),
      row('acme.b._public.events', 'id-events', [42]),
      // Its first level segment is the private one.
      row('acme.c._private.x._public.y', 'id-y', [9]),
      row('legacy-clicks', null, [null, 5]),
    ];
  }),
  {
    collection_id: 3,
    cluster: 'eu',
    collected_at: at(3).toISOString(),
    topic: 'acme.a._public.orders',
    topic_id: 'id-eu-orders',
    log_end_offsets: [1, 2, 3],
  },
];

/** The log end sets the rows above become. */
function expectedSets(id: number) {
  return {
    'acme.a': {
      'acme.a._private.state': {
        topicId: 'id-state',
        logEndOffsets: [0, 3 * id],
      },
      'acme.a._protected.audit': { logEndOffsets: [7 * id] },
      'acme.a._public.orders': {
        topicId: 'id-orders',
        logEndOffsets: [100 * id, null, 250 * id],
      },
    },
    'acme.b': {
      'acme.b._public.events': {
        topicId: 'id-events',
        logEndOffsets: [42 * id],
      },
    },
    'acme.c': {
      'acme.c._private.x._public.y': {
        topicId: 'id-y',
        logEndOffsets: [9 * id],
      },
    },
    'legacy-clicks': { 'legacy-clicks': { logEndOffsets: [null, 5 * id] } },
  };
}

const databases = TestDatabases.create(TEST_DATABASES);

describe.each(databases.eachSupportedId())('log end sets on %s', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
    // Every migration before this one, one at a time.
    const [, pending] = await knex.migrate.list(MIGRATIONS);
    for (const { file } of pending as Array<{ file: string }>) {
      if (file === THIS_MIGRATION) break;
      await knex.migrate.up({ ...MIGRATIONS, name: file });
    }
    await knex(OLD).insert(
      OLD_ROWS.map(row => ({
        ...row,
        collected_at: new Date(row.collected_at),
        log_end_offsets: JSON.stringify(row.log_end_offsets),
      })),
    );
  });

  afterEach(async () => {
    await dropTestDatabase(knex);
  });

  const up = () => knex.migrate.up({ ...MIGRATIONS, name: THIS_MIGRATION });
  const down = () => knex.migrate.down({ ...MIGRATIONS, name: THIS_MIGRATION });

  async function setsAsStored() {
    const rows = await knex(NEW).orderBy(['collection_id', 'owner_prefix']);
    return rows.map(row => ({
      collection_id: Number(row.collection_id),
      stored_with: Number(row.stored_with),
      cluster: row.cluster,
      collected_at: dateOf(row.collected_at).toISOString(),
      owner_prefix: row.owner_prefix,
      topics: Object.keys(JSON.parse(row.log_ends)),
      log_ends: JSON.parse(row.log_ends),
    }));
  }

  async function oldRowsAsStored(): Promise<OldRow[]> {
    const rows = await knex(OLD).orderBy(['collection_id', 'topic']);
    return rows.map(row => ({
      collection_id: Number(row.collection_id),
      cluster: row.cluster,
      collected_at: dateOf(row.collected_at).toISOString(),
      topic: row.topic,
      topic_id: row.topic_id,
      log_end_offsets: JSON.parse(row.log_end_offsets),
    }));
  }

  it('groups each collection by owner prefix, and explodes the sets back on the way down', async () => {
    expect(await knex.schema.hasTable(NEW)).toBe(false);
    expect(await oldRowsAsStored()).toStrictEqual(OLD_ROWS);
    await up();
    expect(await knex.schema.hasTable(OLD)).toBe(false);
    const sets = await setsAsStored();
    const local = (collection: number) =>
      Object.entries(expectedSets(collection)).map(([prefix, logEnds]) => ({
        collection_id: collection,
        stored_with: collection,
        cluster: 'local',
        collected_at: at(collection).toISOString(),
        owner_prefix: prefix,
        topics: Object.keys(logEnds),
        log_ends: logEnds,
      }));
    expect(sets).toStrictEqual([
      ...local(1),
      ...local(2),
      {
        collection_id: 3,
        stored_with: 3,
        cluster: 'eu',
        collected_at: at(3).toISOString(),
        owner_prefix: 'acme.a',
        topics: ['acme.a._public.orders'],
        log_ends: {
          'acme.a._public.orders': {
            topicId: 'id-eu-orders',
            logEndOffsets: [1, 2, 3],
          },
        },
      },
    ]);

    await down();
    expect(await knex.schema.hasTable(NEW)).toBe(false);
    expect(await oldRowsAsStored()).toStrictEqual(OLD_ROWS);

    await up();
    expect(await setsAsStored()).toStrictEqual(sets);
  });

  it("keeps a stretch end's points with the collection whose time they have", async () => {
    await up();
    // Collection 3 stored a stretch end for collection 2: a new topic of acme.b
    // and, against the writer's habit, one collection 2 stored itself.
    await knex(NEW).insert({
      collection_id: 2,
      stored_with: 3,
      cluster: 'local',
      collected_at: at(2),
      owner_prefix: 'acme.b',
      log_ends: JSON.stringify({
        'acme.b._public.events': { logEndOffsets: [1] },
        'acme.b._public.late': { topicId: 'id-late', logEndOffsets: [60, 61] },
      }),
    });

    await down();
    const rows = await oldRowsAsStored();
    expect(rows).toHaveLength(OLD_ROWS.length + 1);
    expect(rows.filter(row => row.topic.startsWith('acme.b.'))).toStrictEqual([
      OLD_ROWS[3],
      OLD_ROWS[9],
      {
        collection_id: 2,
        cluster: 'local',
        collected_at: at(2).toISOString(),
        topic: 'acme.b._public.late',
        topic_id: 'id-late',
        log_end_offsets: [60, 61],
      },
    ]);
  });
});
