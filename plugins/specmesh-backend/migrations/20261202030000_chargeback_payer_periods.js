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

// The mesh report adds up every payer's bill over a date range from the per-day payer
// rollup: 90 days at 1,000 payers is 360,000 rows to sum. This rollup keeps the same
// sums per calendar month and per dekad (days 1–10, 11–20, 21–end), so a range reads
// its whole months and dekads here and only the days at its edges per day. Written in
// the same transaction as the per-day rows it sums.

/** The first day of a row's month and dekad, in SQL both SQLite and Postgres run. */
const MONTH_START = `substr(day, 1, 8) || '01'`;
const DEKAD_START = `substr(day, 1, 8) || CASE
  WHEN substr(day, 9, 2) <= '10' THEN '01'
  WHEN substr(day, 9, 2) <= '20' THEN '11'
  ELSE '21' END`;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('specmesh_chargeback_payer_periods', table => {
    table.comment(
      'specmesh_chargeback_payer_daily added up per month and per dekad (days 1-10, 11-20, 21-end)',
    );
    table.string('kind', 8).notNullable().comment('month or dekad');
    table
      .string('first_day', 10)
      .notNullable()
      .comment('YYYY-MM-DD, UTC: the first day of the month or dekad');
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
      ['kind', 'first_day', 'payer_app_id', 'category', 'currency', 'unit'],
      'specmesh_cb_payer_periods_pk',
    );
  });
  // Portable SQL: the rollup of the per-day rows already there.
  for (const [kind, firstDay] of [
    ['month', MONTH_START],
    ['dekad', DEKAD_START],
  ]) {
    await knex.raw(
      `INSERT INTO specmesh_chargeback_payer_periods
         (kind, first_day, payer_app_id, category, currency, unit,
          quantity, amount, bytes)
       SELECT '${kind}', ${firstDay}, payer_app_id, category, currency, unit,
              SUM(quantity), SUM(amount), SUM(bytes)
       FROM specmesh_chargeback_payer_daily
       GROUP BY ${firstDay}, payer_app_id, category, currency, unit`,
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('specmesh_chargeback_payer_periods');
};
