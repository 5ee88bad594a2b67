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

import type { Knex } from 'knex';

/** Rows per insert: 13 columns each stays under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;

/**
 * Inserts `records` into `table`, adding the `addedUp` columns onto those of a row
 * with the same `key` (an upsert that sums).
 */
export async function addUp(
  tx: Knex.Transaction,
  table: string,
  key: string[],
  addedUp: string[],
  records: Array<Record<string, unknown>>,
): Promise<void> {
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    await tx(table)
      .insert(records.slice(start, start + INSERT_CHUNK))
      .onConflict(key)
      .merge(
        Object.fromEntries(
          addedUp.map(column => [
            column,
            tx.raw('?? + excluded.??', [`${table}.${column}`, column]),
          ]),
        ),
      );
  }
}
