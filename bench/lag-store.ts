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

/*
 * The database share of lag in a chargeback cycle (issue 15), without a broker: synthetic
 * collections of 1,000 topics × 200 groups (5 topics each, every group behind) stored by
 * ChargebackStore.recordCollection with and without lag, on SQLite in memory and on
 * Postgres (BENCH_POSTGRES_URL). Prints the median store time of each and the lag's extra
 * milliseconds per cycle, for groups staying put and for everything moving.
 *
 *   bench/run lag-store [--topics 1000] [--groups 200] [--cycles 15] [--no-postgres]
 */
import { performance } from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';
import type {
  ChargebackCollection,
  PriceList,
} from '@meshport/plugin-specmesh-common';
import { ChargebackStore } from '../plugins/specmesh-backend/src/database/ChargebackStore';
import { migrateDatabase } from '../plugins/specmesh-backend/src/database/migrateDatabase';
import {
  BENCH_POSTGRES_URL,
  dropDatabases,
  freshDatabaseName,
  machineLine,
} from './benchPostgres';

const TOPICS_PER_GROUP = 5;
const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};
const PREFIX = 'meshport_bench_lag_store';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** Collection `step` of a mesh where, when `moving`, every topic and group advance by one per step. */
function collectionAt(
  step: number,
  topicCount: number,
  groupCount: number,
  moving: boolean,
): ChargebackCollection {
  const collectedAt = new Date(
    Date.UTC(2026, 11, 1) + step * 60_000,
  ).toISOString();
  const advance = moving ? step : 0;
  const topics = Array.from({ length: topicCount }, (_, i) => {
    const logEndOffset = 5 + advance;
    return {
      topic: `app${Math.floor(i / 10)}._public.t${i % 10}`,
      topicId: `id-${i}`,
      ownerAppId: `app${Math.floor(i / 10)}`,
      partitions: 1,
      storageBytes: 1000 + advance,
      storageBytesSingleCopy: 1000 + advance,
      messages: logEndOffset,
      byPartition: [
        { partition: 0, logStartOffset: 0, logEndOffset, bytes: 1000 },
      ],
      collectedAt,
    };
  });
  const groups = Array.from({ length: groupCount }).flatMap((_, g) =>
    Array.from({ length: TOPICS_PER_GROUP }, (__, j) => ({
      groupId: `app${g % 100}.reader${g}`,
      topic: topics[(g * 7 + j * 13) % topicCount].topic,
      committedOffsets: [{ partition: 0, offset: 1 + (j % 3) + advance }],
      consumerAppId: `app${g % 100}`,
      collectedAt,
    })),
  );
  return { collectedAt, topics, groups };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median store times without and with lag, cycles alternating so that load hits both alike. */
async function timeStores(
  knex: Knex,
  moving: boolean,
): Promise<{ today: number; lag: number }> {
  const cycles = option('cycles', 15);
  const topicCount = option('topics', 1000);
  const groupCount = option('groups', 200);
  const today = new ChargebackStore(knex);
  today.lag.record = async () => 0;
  const withLag = new ChargebackStore(knex);
  const times = { today: [] as number[], lag: [] as number[] };
  // Two warm-up cycles: the first has no previous collection.
  for (let step = 0; step < cycles + 2; step++) {
    const collection = collectionAt(step, topicCount, groupCount, moving);
    for (const [name, store] of [
      ['today', today],
      ['lag', withLag],
    ] as const) {
      const started = performance.now();
      await store.recordCollection(name, collection, PRICES);
      if (step >= 2) times[name].push(performance.now() - started);
    }
  }
  return { today: median(times.today), lag: median(times.lag) };
}

async function measure(label: string, open: () => Promise<Knex>) {
  for (const moving of [false, true]) {
    const knex = await open();
    try {
      await migrateDatabase(knex);
      const { today, lag } = await timeStores(knex, moving);
      console.log(
        `${label}, ${
          moving ? 'everything moving' : 'groups staying put'
        }: store median ${today.toFixed(1)} ms today, ${lag.toFixed(
          1,
        )} ms with lag (+${(lag - today).toFixed(1)} ms per cycle)`,
      );
    } finally {
      await knex.destroy();
    }
  }
}

async function main() {
  console.log(machineLine());
  await measure('SQLite in memory', async () =>
    knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    }),
  );
  if (process.argv.includes('--no-postgres')) return;
  await dropDatabases(PREFIX);
  try {
    await measure('Postgres', async () => {
      const name = freshDatabaseName(PREFIX);
      const server = knexFactory({
        client: 'pg',
        connection: `${BENCH_POSTGRES_URL}/postgres`,
      });
      await server.raw('CREATE DATABASE ??', [name]);
      await server.destroy();
      return knexFactory({
        client: 'pg',
        connection: `${BENCH_POSTGRES_URL}/${name}`,
      });
    });
  } finally {
    await dropDatabases(PREFIX);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
