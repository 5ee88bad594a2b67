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

// Consumer lag per consumer group instead of per group and topic: a chargeback cycle
// inserts one row per group (with the lag on each topic it reads, as JSON) instead of one
// per topic a group reads, with two indexes fewer. Each row and each index entry is a
// B-tree insert in the cycle; the lag's share of a cycle was mostly these inserts.
// Existing lag history is carried over, one collection at a time.

const TIMESTAMP = { useTz: true, precision: 3 };
const OLD = 'specmesh_chargeback_lag';
const NEW = 'specmesh_chargeback_group_lag';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(NEW, table => {
    table.comment(
      'Lag of each consumer group on the owned topics it reads, per collection',
    );
    table.integer('collection_id').notNullable();
    table.string('cluster').notNullable();
    table.timestamp('collected_at', TIMESTAMP).notNullable();
    table.string('group_id').notNullable();
    table
      .string('consumer_app_id')
      .notNullable()
      .comment('The app-id the group is attributed to; empty for none');
    table
      .text('topics', 'longtext')
      .notNullable()
      .comment(
        'The lag on each topic, as a JSON array of {topic, ownerAppId, lag, estimatedSeconds, partitions}',
      );
    table.primary(['collection_id', 'group_id'], 'specmesh_cb_group_lag_pk');
    table.index(['group_id', 'collected_at'], 'specmesh_cb_group_lag_idx');
    table.index(['collected_at'], 'specmesh_cb_group_lag_at_idx');
  });

  const ids = await knex(OLD).distinct('collection_id').pluck('collection_id');
  for (const id of ids) {
    const rows = await knex(OLD)
      .where('collection_id', id)
      .orderBy(['group_id', 'topic']);
    /** @type {Map<string, any>} */
    const groups = new Map();
    for (const row of rows) {
      let group = groups.get(row.group_id);
      if (!group) {
        group = {
          collection_id: row.collection_id,
          cluster: row.cluster,
          collected_at: row.collected_at,
          group_id: row.group_id,
          consumer_app_id: row.consumer_app_id,
          topics: [],
        };
        groups.set(row.group_id, group);
      }
      group.topics.push({
        topic: row.topic,
        ownerAppId: row.owner_app_id,
        lag: Number(row.lag),
        estimatedSeconds:
          row.estimated_seconds === null ? null : Number(row.estimated_seconds),
        partitions: JSON.parse(row.partitions),
      });
    }
    const converted = [...groups.values()].map(group => ({
      ...group,
      topics: JSON.stringify(group.topics),
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
    table.integer('collection_id').notNullable();
    table.string('cluster').notNullable();
    table.timestamp('collected_at', TIMESTAMP).notNullable();
    table.string('topic').notNullable();
    table.string('group_id').notNullable();
    table.string('consumer_app_id').notNullable();
    table.string('owner_app_id').notNullable();
    table.double('lag').notNullable();
    table.double('estimated_seconds').nullable();
    table.text('partitions', 'longtext').notNullable();
    table.primary(['collection_id', 'topic', 'group_id'], 'specmesh_cb_lag_pk');
    table.index(['collection_id', 'owner_app_id'], 'specmesh_cb_lag_owner_idx');
    table.index(
      ['collection_id', 'consumer_app_id'],
      'specmesh_cb_lag_consumer_idx',
    );
    table.index(
      ['topic', 'group_id', 'collected_at'],
      'specmesh_cb_lag_group_idx',
    );
    table.index(['collected_at'], 'specmesh_cb_lag_at_idx');
  });
  const ids = await knex(NEW).distinct('collection_id').pluck('collection_id');
  for (const id of ids) {
    const rows = await knex(NEW).where('collection_id', id);
    const exploded = rows.flatMap(row =>
      JSON.parse(row.topics).map(
        (/** @type {any} */ topic) => ({
          collection_id: row.collection_id,
          cluster: row.cluster,
          collected_at: row.collected_at,
          topic: topic.topic,
          group_id: row.group_id,
          consumer_app_id: row.consumer_app_id,
          owner_app_id: topic.ownerAppId,
          lag: topic.lag,
          estimated_seconds: topic.estimatedSeconds,
          partitions: JSON.stringify(topic.partitions),
        }),
      ),
    );
    await knex.batchInsert(OLD, exploded, 50);
  }
  await knex.schema.dropTable(NEW);
};
