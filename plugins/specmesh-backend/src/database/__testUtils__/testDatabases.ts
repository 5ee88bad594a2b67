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
import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';

/**
 * SQLite always; Postgres 15 when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * is set, never through Docker, which the project's machines lack.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
}

/**
 * Closes a test database and, on Postgres, drops it by force: a plain DROP
 * DATABASE fails silently while a connection lingers, leaking one database per
 * run.
 */
export async function dropTestDatabase(knex: Knex): Promise<void> {
  const { client, connection } = knex.client.config;
  await knex.destroy();
  if (client !== 'pg') return;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  try {
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      connection.database,
    ]);
  } finally {
    await admin.destroy();
  }
}
