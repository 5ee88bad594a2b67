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
 * The chargeback cost query of one entity over 90 days of daily history on Postgres
 * (127.0.0.1:5432, user postgres, trust; or BENCH_POSTGRES_URL). Seeds the daily
 * rollups of 100 app-ids × 10 topics × 90 days directly (storage, partitions,
 * production, and two consumer groups of other app-ids per topic: 450,000 rows), then
 * times 200 entity reports (the HTTP API's query and aggregation, without HTTP) over
 * the 90 days, each for another entity. Drops its database at the end.
 *
 *   bench/run chargeback-query [--apps 100] [--days 90] [--queries 200]
 */
import { performance } from 'node:perf_hooks';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import knexFactory, { Knex } from 'knex';
import { ChargebackService } from '../plugins/specmesh-backend/src/chargeback/ChargebackService';
import { ChargebackStore } from '../plugins/specmesh-backend/src/database/ChargebackStore';
import { migrateDatabase } from '../plugins/specmesh-backend/src/database/migrateDatabase';

const P95_GOAL_MS = 50;
const TOPICS_PER_APP = 10;
const GROUPS_PER_TOPIC = 2;
const INSERT_BATCH = 1000;
const DATABASE = 'specmesh_bench_chargeback';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const apps = option('apps', 100);
const days = option('days', 90);
const queries = option('queries', 200);
const serverUrl =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

const appId = (index: number) => `acme.app${String(index).padStart(3, '0')}`;

function dayAt(offset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

async function seed(knex: Knex) {
  let batch: Record<string, unknown>[] = [];
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await knex('specmesh_chargeback_daily').insert(batch);
    total += batch.length;
    batch = [];
  };
  const row = (
    day: string,
    topic: string,
    owner: string,
    category: string,
    payer: string,
    groupId: string,
    unit: string,
    quantity: number,
    price: number,
    bytes = 0,
  ) => ({
    day,
    cluster: 'local',
    topic,
    category,
    payer_app_id: payer,
    group_id: groupId,
    owner_app_id: owner,
    currency: 'EUR',
    unit,
    quantity,
    amount: quantity * price,
    bytes,
    records: bytes / 1000,
  });
  for (let d = 0; d < days; d++) {
    const day = dayAt(d);
    for (let a = 0; a < apps; a++) {
      const owner = appId(a);
      for (let t = 0; t < TOPICS_PER_APP; t++) {
        const topic = `${owner}._public.topic${t}`;
        const gb = 1 + ((a * 7 + t * 3 + d) % 20);
        batch.push(
          row(
            day,
            topic,
            owner,
            'storage',
            owner,
            '',
            'GB-month',
            gb / 30,
            0.1,
          ),
          row(
            day,
            topic,
            owner,
            'partitions',
            owner,
            '',
            'partition-month',
            6 / 30,
            1.5,
          ),
          row(
            day,
            topic,
            owner,
            'production',
            owner,
            '',
            'GB',
            gb / 10,
            0.05,
            gb * 1e8,
          ),
        );
        for (let g = 1; g <= GROUPS_PER_TOPIC; g++) {
          const consumer = appId((a + g * 13) % apps);
          batch.push(
            row(
              day,
              topic,
              owner,
              'consumption',
              consumer,
              `${consumer}.reader`,
              'GB',
              gb / 20,
              0.02,
              gb * 5e7,
            ),
          );
        }
        if (batch.length >= INSERT_BATCH) await flush();
      }
    }
  }
  await flush();
  return total;
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function main() {
  const server = knexFactory({
    client: 'pg',
    connection: `${serverUrl}/postgres`,
  });
  await server.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [DATABASE]);
  await server.raw('CREATE DATABASE ??', [DATABASE]);
  const knex = knexFactory({
    client: 'pg',
    connection: `${serverUrl}/${DATABASE}`,
    pool: { min: 1, max: 4 },
  });
  try {
    await migrateDatabase(knex);
    const seedStart = performance.now();
    const rows = await seed(knex);
    await knex.raw('ANALYZE specmesh_chargeback_daily');
    console.log(
      `Seeded ${rows.toLocaleString(
        'en-US',
      )} daily rows (${apps} app-ids × ${TOPICS_PER_APP} topics × ${days} days) in ${(
        (performance.now() - seedStart) /
        1000
      ).toFixed(1)} s`,
    );

    const entities = new Map<string, Entity>();
    for (let a = 0; a < apps; a++) {
      entities.set(`api:default/${appId(a)}`, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: appId(a),
          namespace: 'default',
          annotations: { 'meshport.dev/app-id': appId(a) },
        },
        spec: {},
      });
    }
    const catalog = {
      getEntityByRef: async (ref: string) => entities.get(ref),
    } as unknown as CatalogService;
    const service = new ChargebackService({
      store: new ChargebackStore(knex),
      catalog,
      dataProducts: { entities: async function* none() {} },
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
    });
    const credentials = { $$type: '@backstage/BackstageCredentials' } as any;
    const range = { from: dayAt(0), to: dayAt(days - 1) };
    const report = (a: number) =>
      service.entity(
        { kind: 'api', namespace: 'default', name: appId(a % apps) },
        range,
        credentials,
      );

    // Warm the pool and the plan cache.
    for (let a = 0; a < 5; a++) await report(a);
    const times: number[] = [];
    let lines = 0;
    for (let q = 0; q < queries; q++) {
      const start = performance.now();
      const result = await report(q);
      times.push(performance.now() - start);
      lines += result.paid.length + result.consumers.length;
    }
    times.sort((x, y) => x - y);
    const p95 = percentile(times, 95);
    console.log(
      `Entity cost query, ${days} days, ${queries} queries (${Math.round(
        lines / queries,
      )} lines each): p50 ${percentile(times, 50).toFixed(
        1,
      )} ms, p95 ${p95.toFixed(1)} ms, max ${times[times.length - 1].toFixed(
        1,
      )} ms (goal p95 ≤ ${P95_GOAL_MS} ms: ${
        p95 <= P95_GOAL_MS ? 'met' : 'MISSED'
      })`,
    );
  } finally {
    await knex.destroy();
    await server.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [DATABASE]);
    await server.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
