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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@meshport/plugin-specmesh-backend',
  'migrations',
);

/** How long a replica waits for another one's migrations to finish. */
const MIGRATION_LOCK_WAIT_MS = 120_000;
const MIGRATION_LOCK_POLL_MS = 500;

/**
 * Brings the plugin's tables up to date. Replicas starting together on one
 * database race for knex's migration lock: the losers wait for the winner
 * rather than fail the backend's start.
 */
export async function migrateDatabase(knex: Knex): Promise<void> {
  const deadline = Date.now() + MIGRATION_LOCK_WAIT_MS;
  for (;;) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (
        (error as Error).name !== 'MigrationLocked' ||
        Date.now() > deadline
      ) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, MIGRATION_LOCK_POLL_MS));
    }
  }
}

/**
 * A timestamp column as a Date: Postgres returns Dates, SQLite the epoch
 * milliseconds it was given.
 */
export function dateOf(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}
