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

// @ts-check

// Log end offsets per collection and topic owner instead of per collection and topic.
// The (cluster, topic, collected_at) index made every stored topic a random B-tree
// insert, the largest part of lag's cost in a chargeback cycle (1,000 moving topics,
// 1,000 random inserts). One row per owner prefix holds its topics' points as JSON:
// about 10× fewer inserts, while one topic's history still reads only its owner's rows.
// Existing history is carried over, one collection at a time.

const TIMESTAMP = { useTz: true, precision: 3 };
const OLD = 'specmesh_chargeback_log_ends';
const NEW = 'specmesh_chargeback_log_end_sets';
const LEVEL_MARKERS = ['._public.', '._protected.', '._private.'];

/**
 * What precedes the topic's first level segment (RULES §2), else the whole name.
 * A copy of ownerPrefixOfTopic: migrations do not import the code they outlive.
 *
 * @param {string} topic
 */
function ownerPrefixOf(topic) {
  let end = -1;
  for (const marker of LEVEL_MARKERS) {
    const index = topic.indexOf(marker);
    if (index !== -1 && (end === -1 || index < end)) end = index;
  }
  return end === -1 ? topic : topic.slice(0, end);
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(NEW, table => {
    table.comment(
      'Log end offsets of the owned topics groups read, per collection and owner prefix: the history lag estimates are interpolated from',
    );
    table
      .integer('collection_id')
      .notNullable()
      .comment('The collection whose time the points have');
    table
      .integer('stored_with')
      .notNullable()
      .comment(
        'The collection whose storing wrote the row: collection_id, except for the points an unchanged stretch adds at its end',
      );
    table.string('cluster').notNullable();
    table
      .timestamp('collected_at', TIMESTAMP)
      .notNullable()
      .comment('The time of collection_id');
    table
      .string('owner_prefix')
      .notNullable()
      .comment(
        "What precedes the topic's first ._public., ._protected. or ._private. segment (RULES §2), else the whole topic name",
      );
    table
      .text('log_ends', 'longtext')
      .notNullable()
      .comment(
        'JSON object by topic name of { "topicId"?: string, "logEndOffsets": (number|null)[] }',
      );
    table.primary(
      ['collection_id', 'owner_prefix', 'stored_with'],
      'specmesh_cb_log_end_sets_pk',
    );
    table.index(
      ['cluster', 'owner_prefix', 'collected_at'],
      'specmesh_cb_log_end_sets_owner_idx',
    );
    table.index(['collected_at'], 'specmesh_cb_log_end_sets_at_idx');
  });

  const ids = await knex(OLD).distinct('collection_id').pluck('collection_id');
  for (const id of ids) {
    const rows = await knex(OLD).where('collection_id', id).orderBy('topic');
    /** @type {Map<string, any>} */
    const sets = new Map();
    for (const row of rows) {
      const ownerPrefix = ownerPrefixOf(row.topic);
      let set = sets.get(ownerPrefix);
      if (!set) {
        set = {
          collection_id: row.collection_id,
          stored_with: row.collection_id,
          cluster: row.cluster,
          collected_at: row.collected_at,
          owner_prefix: ownerPrefix,
          // No prototype: any topic name is an own key.
          log_ends: Object.create(null),
        };
        sets.set(ownerPrefix, set);
      }
      set.log_ends[row.topic] = {
        ...(row.topic_id === null ? {} : { topicId: row.topic_id }),
        logEndOffsets: JSON.parse(row.log_end_offsets),
      };
    }
    const converted = [...sets.values()].map(set => ({
      ...set,
      log_ends: JSON.stringify(set.log_ends),
    }));
    // Small batches: SQLite takes at most 999 parameters a statement in old builds.
    await knex.batchInsert(NEW, converted, 100);
  }
  await knex.schema.dropTable(OLD);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.createTable(OLD, table => {
    table.comment(
      'Log end offsets per collection of the owned topics a group reads: the history lag estimates are interpolated from',
    );
    table.integer('collection_id').notNullable();
    table.string('cluster').notNullable();
    table.timestamp('collected_at', TIMESTAMP).notNullable();
    table.string('topic').notNullable();
    table.string('topic_id').nullable();
    table
      .text('log_end_offsets', 'longtext')
      .notNullable()
      .comment('Log end offset by partition index, as a JSON array');
    table.primary(['collection_id', 'topic'], 'specmesh_cb_log_ends_pk');
    table.index(
      ['cluster', 'topic', 'collected_at'],
      'specmesh_cb_log_ends_topic_idx',
    );
    table.index(['collected_at'], 'specmesh_cb_log_ends_at_idx');
  });
  const ids = await knex(NEW).distinct('collection_id').pluck('collection_id');
  for (const id of ids) {
    // A stretch end's points belong to the collection whose time they have. Should
    // two rows of a collection hold one topic (the writer never does), the row the
    // collection stored itself wins: a topic's rows share its owner prefix, and a
    // stretch end is stored with a later collection.
    const rows = await knex(NEW)
      .where('collection_id', id)
      .orderBy(['owner_prefix', 'stored_with']);
    /** @type {Map<string, any>} */
    const byTopic = new Map();
    for (const row of rows) {
      for (const [topic, point] of Object.entries(JSON.parse(row.log_ends))) {
        if (byTopic.has(topic)) continue;
        byTopic.set(topic, {
          collection_id: row.collection_id,
          cluster: row.cluster,
          collected_at: row.collected_at,
          topic,
          topic_id: point.topicId ?? null,
          log_end_offsets: JSON.stringify(point.logEndOffsets),
        });
      }
    }
    await knex.batchInsert(OLD, [...byTopic.values()], 100);
  }
  await knex.schema.dropTable(NEW);
};
