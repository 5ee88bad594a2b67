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
  await knex.schema.createTable('specmesh_applies', table => {
    table.comment(
      'Every apply of a data product: who, when, on which cluster, the plan and the outcome',
    );
    table.string('id').primary().comment('A UUID, returned to the caller');
    table
      .string('entity_ref')
      .notNullable()
      .comment('The API entity the spec came from');
    table.string('app_id').notNullable();
    table
      .string('cluster')
      .notNullable()
      .comment('The configured cluster name');
    table
      .string('actor')
      .notNullable()
      .comment('The user entity ref, or plugin:specmesh for the reconcile');
    table.timestamp('started_at', TIMESTAMP).notNullable();
    table.timestamp('finished_at', TIMESTAMP).nullable();
    table
      .string('status')
      .notNullable()
      .comment('running, succeeded, blocked or failed');
    table.text('plan', 'longtext').nullable().comment('The plan, as JSON');
    table
      .text('result', 'longtext')
      .nullable()
      .comment('The apply result, as JSON');
    table.text('error').nullable().comment('Why the apply could not run');
    table.index(['entity_ref', 'started_at'], 'specmesh_applies_entity_idx');
  });

  await knex.schema.createTable('specmesh_locks', table => {
    table.comment(
      'One apply per app-id at a time, across every backend replica',
    );
    table.string('app_id').primary();
    table.string('holder').notNullable().comment('The id of the running apply');
    table.string('actor').notNullable();
    table.timestamp('acquired_at', TIMESTAMP).notNullable();
    table
      .timestamp('expires_at', TIMESTAMP)
      .notNullable()
      .comment('After this, the lock of a crashed replica may be taken over');
  });

  await knex.schema.createTable('specmesh_drift', table => {
    table.comment(
      'The last verdict of the reconcile per data product and cluster',
    );
    table.string('entity_ref').notNullable();
    table.string('cluster').notNullable();
    table.string('app_id').nullable();
    table
      .string('status')
      .notNullable()
      .comment(
        'in-sync, drifted, unknown, or error when it could not be checked',
      );
    table.timestamp('checked_at', TIMESTAMP).notNullable();
    table
      .timestamp('drifted_since', TIMESTAMP)
      .nullable()
      .comment('When the current drift was first seen');
    table
      .text('items', 'longtext')
      .nullable()
      .comment('The items not in sync, as JSON');
    table.text('error').nullable();
    table.primary(['entity_ref', 'cluster']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('specmesh_drift');
  await knex.schema.dropTable('specmesh_locks');
  await knex.schema.dropTable('specmesh_applies');
};
