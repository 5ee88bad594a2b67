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

// @ts-check

// Millisecond precision, with time zone on Postgres; SQLite stores what it is given.
const TIMESTAMP = { useTz: true, precision: 3 };

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('specmesh_chargeback_collections', table => {
    table.comment(
      'Raw chargeback samples: everything one collection cycle read from a cluster',
    );
    table.increments('id').primary();
    table.string('cluster').notNullable();
    table.timestamp('collected_at', TIMESTAMP).notNullable();
    table
      .text('samples', 'longtext')
      .notNullable()
      .comment('The ChargebackCollection, as JSON');
    table.index(['cluster', 'collected_at'], 'specmesh_cb_collections_idx');
  });

  await knex.schema.createTable('specmesh_chargeback_intervals', table => {
    table.comment(
      'The intervals between two collections already counted into the daily rollups',
    );
    table.string('cluster').notNullable();
    table.integer('from_collection_id').notNullable();
    table.integer('to_collection_id').notNullable();
    table.timestamp('from_at', TIMESTAMP).notNullable();
    table.timestamp('to_at', TIMESTAMP).notNullable();
    // Each collection starts at most one counted interval: a second replica or a
    // retried cycle computing the same interval fails here instead of counting twice.
    table.primary(['cluster', 'from_collection_id']);
    table.unique(['cluster', 'to_collection_id'], {
      indexName: 'specmesh_cb_intervals_to_uniq',
    });
  });

  await knex.schema.createTable('specmesh_chargeback_daily', table => {
    table.comment(
      'Usage and cost per UTC day, cluster, topic, category, payer and consumer group',
    );
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('cluster').notNullable();
    table.string('topic').notNullable();
    table
      .string('category', 16)
      .notNullable()
      .comment('storage, partitions, production or consumption');
    table
      .string('payer_app_id')
      .notNullable()
      .comment('Who pays; empty for an unattributed consumer group');
    table
      .string('group_id')
      .notNullable()
      .comment('The consumer group for consumption, else empty');
    table.string('owner_app_id').notNullable();
    table.string('currency', 16).notNullable();
    table.string('unit', 16).notNullable();
    table.double('quantity').notNullable();
    table.double('amount').notNullable();
    table
      .double('bytes')
      .notNullable()
      .comment('Bytes produced or consumed; 0 for storage and partitions');
    table
      .double('records')
      .notNullable()
      .comment('Offsets produced or consumed; 0 for storage and partitions');
    table.primary(
      [
        'day',
        'cluster',
        'topic',
        'category',
        'payer_app_id',
        'group_id',
        'currency',
      ],
      'specmesh_cb_daily_pk',
    );
    table.index(['owner_app_id', 'day'], 'specmesh_cb_daily_owner_idx');
    table.index(['payer_app_id', 'day'], 'specmesh_cb_daily_payer_idx');
    table.index(['topic', 'day'], 'specmesh_cb_daily_topic_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('specmesh_chargeback_daily');
  await knex.schema.dropTable('specmesh_chargeback_intervals');
  await knex.schema.dropTable('specmesh_chargeback_collections');
};
