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

/*
 * The benches' Postgres: the machine's server on 127.0.0.1:5432 (user postgres,
 * trust) or BENCH_POSTGRES_URL, a fresh database per run, and the machine's load.
 */
import knexFactory from 'knex';
import { cpus, loadavg } from 'node:os';

/** The server's URL, without a database. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

/** A database name no earlier run used: `prefix` and the time and process. */
export function freshDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${process.pid}`;
}

/** Drops every database whose name starts with `prefix` (a run's leftovers). */
export async function dropDatabases(prefix: string): Promise<void> {
  const server = knexFactory({
    client: 'pg',
    connection: `${BENCH_POSTGRES_URL}/postgres`,
  });
  try {
    const { rows } = await server.raw(
      'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
      [prefix],
    );
    for (const { datname } of rows as Array<{ datname: string }>) {
      await server.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await server.destroy();
  }
}

/** The machine, for the line printed next to each figure. */
export function machineLine(): string {
  const [one, five, fifteen] = loadavg().map(l => l.toFixed(2));
  return `machine: ${cpus().length} cores (${
    cpus()[0]?.model.trim() ?? 'unknown'
  }), load average ${one} ${five} ${fifteen}`;
}
