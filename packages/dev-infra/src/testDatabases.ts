import knexFactory, { Knex } from 'knex';

/**
 * The options of backend-test-utils' `TestDatabases.create` for this project:
 * SQLite always; Postgres 15 when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * is set (scripts/lib/postgres.sh), never through Docker, which the project's
 * machines lack.
 */
export const TEST_DATABASES: {
  ids: Array<'SQLITE_3' | 'POSTGRES_15'>;
  disableDocker: boolean;
} = {
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
};

/**
 * Closes a test database and, on Postgres, drops it by force: a plain DROP
 * DATABASE (what TestDatabases does) fails silently while a connection lingers,
 * as the catalog's do for a moment after a backend stops, leaking one database
 * per run.
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
