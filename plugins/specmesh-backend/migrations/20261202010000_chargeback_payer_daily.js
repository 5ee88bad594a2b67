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

// The mesh report adds up every payer's bill over a date range. From the daily rows
// (one per topic, category, payer and group) that is millions of rows at 10,000
// topics over 90 days; this rollup keeps one row per day, payer and category,
// written in the same transaction as the daily rows it sums.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('specmesh_chargeback_payer_daily', table => {
    table.comment(
      'specmesh_chargeback_daily added up per UTC day, payer, category, currency and unit',
    );
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table
      .string('payer_app_id')
      .notNullable()
      .comment('Who pays; empty for an unattributed consumer group');
    table.string('category', 16).notNullable();
    table.string('currency', 16).notNullable();
    table.string('unit', 16).notNullable();
    table.double('quantity').notNullable();
    table.double('amount').notNullable();
    table.double('bytes').notNullable();
    table.primary(
      ['day', 'payer_app_id', 'category', 'currency', 'unit'],
      'specmesh_cb_payer_daily_pk',
    );
  });
  // Portable SQL: the rollup of the rows already there.
  await knex.raw(
    `INSERT INTO specmesh_chargeback_payer_daily
       (day, payer_app_id, category, currency, unit, quantity, amount, bytes)
     SELECT day, payer_app_id, category, currency, unit,
            SUM(quantity), SUM(amount), SUM(bytes)
     FROM specmesh_chargeback_daily
     GROUP BY day, payer_app_id, category, currency, unit`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('specmesh_chargeback_payer_daily');
};
