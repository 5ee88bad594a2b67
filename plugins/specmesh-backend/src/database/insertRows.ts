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
import type { Knex } from 'knex';

/**
 * Bound parameters one statement may carry, by driver. Unknown drivers get SQLite's
 * historical limit, which every database accepts.
 */
const PARAMETER_LIMITS: Readonly<Record<string, number>> = {
  pg: 65_535,
  'better-sqlite3': 32_766,
  mysql: 65_535,
  mysql2: 65_535,
};
const DEFAULT_PARAMETER_LIMIT = 999;

/** How many rows of `columns` columns one insert statement of this driver takes. */
export function rowsPerInsert(
  db: Knex | Knex.Transaction,
  columns: number,
): number {
  const limit =
    PARAMETER_LIMITS[String(db.client.driverName)] ?? DEFAULT_PARAMETER_LIMIT;
  return Math.max(1, Math.floor(limit / columns));
}

/**
 * Inserts rows (values in the order of `columns`) with one multi-row `values`
 * statement per chunk sized for the driver's parameter limit: one round trip for a
 * cycle's rows on Postgres, and on SQLite a plain `values` list, which it prepares far
 * faster than the `select … union all` knex builds there (and which has no
 * 500-row compound limit).
 */
export async function insertRows(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): Promise<void> {
  const perStatement = rowsPerInsert(db, columns.length);
  const head = `insert into ?? (${columns.map(() => '??').join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const bindings: unknown[] = [table, ...columns];
    for (const row of chunk) {
      if (row.length !== columns.length) {
        throw new Error(
          `insertRows into ${table}: a row has ${row.length} values for ${columns.length} columns`,
        );
      }
      for (const value of row) bindings.push(value);
    }
    await db.raw(
      head + new Array(chunk.length).fill(tuple).join(', '),
      bindings as Knex.RawBinding[],
    );
  }
}
