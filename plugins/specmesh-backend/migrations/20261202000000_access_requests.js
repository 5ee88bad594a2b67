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

// Millisecond precision, with time zone on Postgres; SQLite stores what it is given.
const TIMESTAMP = { useTz: true, precision: 3 };

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('specmesh_access_requests', table => {
    table.comment(
      'Requests for READ on a topic for a data product, and owners revoking it: who asked, why, who decided, the proposed spec change and whether the grant is in force',
    );
    table.string('id').primary().comment('A UUID, returned to the caller');
    table.string('kind').notNullable().comment('grant or revoke');
    table.string('topic').notNullable().comment('The full Kafka topic name');
    table.string('owner_entity_ref').notNullable();
    table.string('owner_app_id').notNullable();
    table.string('requester_entity_ref').notNullable();
    table.string('requester_app_id').notNullable();
    table.text('reason').notNullable();
    table
      .string('state')
      .notNullable()
      .comment(
        'pending, denied, approved, proposal-failed, granted, withdrawn or revoked',
      );
    table
      .string('pending_key', 1400)
      .nullable()
      .unique({ indexName: 'specmesh_access_requests_pending_uq' })
      .comment(
        'kind, topic and requester while pending, else null: one pending request per topic and requester, even under concurrent requests',
      );
    table.string('created_by').notNullable().comment('A user entity ref');
    table.timestamp('created_at', TIMESTAMP).notNullable();
    table.string('decided_by').nullable();
    table.timestamp('decided_at', TIMESTAMP).nullable();
    table.text('decision_comment').nullable();
    table.text('proposal').nullable().comment('The proposed change, as JSON');
    table
      .text('grant_check')
      .nullable()
      .comment('The last grant check, as JSON');
    table.timestamp('updated_at', TIMESTAMP).notNullable();
    table.index(['owner_entity_ref'], 'specmesh_access_requests_owner_idx');
    table.index(
      ['requester_entity_ref'],
      'specmesh_access_requests_requester_idx',
    );
    table.index(['state'], 'specmesh_access_requests_state_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('specmesh_access_requests');
};
