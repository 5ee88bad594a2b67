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

// Consumer-group lag (issue 15), kept with the chargeback samples and purged with them.
// The raw collections hold the same offsets as JSON; these tables keep per cycle only
// what lag needs, so that the lag of the latest cycle and a group's history are read
// with an index instead of parsing every collection.

// Millisecond precision, with time zone on Postgres; SQLite stores what it is given.
const TIMESTAMP = { useTz: true, precision: 3 };

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('specmesh_chargeback_lag', table => {
    table.comment(
      'Lag of each consumer group on each owned topic, per collection',
    );
    table.integer('collection_id').notNullable();
    table.string('cluster').notNullable();
    table.timestamp('collected_at', TIMESTAMP).notNullable();
    table.string('topic').notNullable();
    table.string('group_id').notNullable();
    table
      .string('consumer_app_id')
      .notNullable()
      .comment('The app-id the group is attributed to; empty for none');
    table.string('owner_app_id').notNullable();
    table
      .double('lag')
      .notNullable()
      .comment('Messages behind, all partitions');
    table
      .double('estimated_seconds')
      .nullable()
      .comment('Time behind; null when the history cannot tell');
    table
      .text('partitions', 'longtext')
      .notNullable()
      .comment('The PartitionLag of each partition, as JSON');
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

  await knex.schema.createTable('specmesh_chargeback_log_ends', table => {
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
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('specmesh_chargeback_log_ends');
  await knex.schema.dropTable('specmesh_chargeback_lag');
};
