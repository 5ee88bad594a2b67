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
 * rollups of 1,000 app-ids × 10 topics × 90 days directly (storage, partitions,
 * production, and two of the 1,000 consumer groups of other app-ids per topic:
 * 4,500,000 rows), then times 200 entity reports (the HTTP API's query and
 * aggregation, without HTTP) over the 90 days, each for another entity, and the
 * mesh report (every payer's bill, the unattributed groups). A fresh database per
 * run, dropped at the end.
 *
 *   bench/run chargeback-query [--apps 1000] [--days 90] [--queries 200] [--mesh-queries 40]
 */
import { performance } from 'node:perf_hooks';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import knexFactory, { Knex } from 'knex';
import { ChargebackService } from '../plugins/specmesh-backend/src/chargeback/ChargebackService';
import { ChargebackStore } from '../plugins/specmesh-backend/src/database/ChargebackStore';
import { migrateDatabase } from '../plugins/specmesh-backend/src/database/migrateDatabase';
import {
  BENCH_POSTGRES_URL,
  freshDatabaseName,
  machineLine,
} from './benchPostgres';

const P95_GOAL_MS = 50;
const MESH_P95_GOAL_MS = 200;
const TOPICS_PER_APP = 10;
const GROUPS_PER_TOPIC = 2;
const DATABASE = freshDatabaseName('specmesh_bench_chargeback');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const apps = option('apps', 1000);
const days = option('days', 90);
const queries = option('queries', 200);
const meshQueries = option('mesh-queries', 40);
const serverUrl = BENCH_POSTGRES_URL;

const appId = (index: number) => `acme.app${String(index).padStart(3, '0')}`;

function dayAt(offset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

// Seeds in the server, in one statement per day: the same rows as the
// topic-by-topic inserts would write, without shipping millions of rows.
async function seed(knex: Knex) {
  const appIdSql = (n: string) =>
    `'acme.app' || CASE WHEN ${n} >= 100 THEN CAST(${n} AS text) ELSE lpad(CAST(${n} AS text), 3, '0') END`;
  let total = 0;
  for (let d = 0; d < days; d++) {
    const result = await knex.raw(
      `INSERT INTO specmesh_chargeback_daily
         (day, cluster, topic, category, payer_app_id, group_id, owner_app_id,
          currency, unit, quantity, amount, bytes, records)
       SELECT :day, 'local', owner || '._public.topic' || t, c.category,
              CASE WHEN c.g = 0 THEN owner ELSE ${appIdSql(
                `((a + c.g * 13) % :apps)`,
              )} END,
              CASE WHEN c.g = 0 THEN '' ELSE ${appIdSql(
                `((a + c.g * 13) % :apps)`,
              )} || '.reader' END,
              owner, 'EUR', c.unit, q, q * c.price, b, b / 1000
       FROM generate_series(0, :apps - 1) a
       CROSS JOIN LATERAL (SELECT ${appIdSql('a')} AS owner) o
       CROSS JOIN generate_series(0, ${TOPICS_PER_APP - 1}) t
       CROSS JOIN LATERAL (SELECT 1 + ((a * 7 + t * 3 + :d) % 20) AS gb) s
       CROSS JOIN LATERAL (VALUES
         ('storage', 0, 'GB-month', s.gb / 30.0, 0.1, 0),
         ('partitions', 0, 'partition-month', 6 / 30.0, 1.5, 0),
         ('production', 0, 'GB', s.gb / 10.0, 0.05, s.gb * 1e8),
         ${Array.from(
           { length: GROUPS_PER_TOPIC },
           (_, i) =>
             `('consumption', ${i + 1}, 'GB', s.gb / 20.0, 0.02, s.gb * 5e7)`,
         ).join(', ')}
       ) AS c(category, g, unit, q, price, b)`,
      { day: dayAt(d), apps, d },
    );
    total += result.rowCount;
  }
  // What recordCollection keeps for the mesh report, as the migration adds it up.
  await knex.raw(
    `INSERT INTO specmesh_chargeback_payer_daily
       (day, payer_app_id, category, currency, unit, quantity, amount, bytes)
     SELECT day, payer_app_id, category, currency, unit,
            SUM(quantity), SUM(amount), SUM(bytes)
     FROM specmesh_chargeback_daily
     GROUP BY day, payer_app_id, category, currency, unit`,
  );
  // And its sums per month and per dekad, as the periods migration adds them up.
  for (const [kind, firstDay] of [
    ['month', `substr(day, 1, 8) || '01'`],
    [
      'dekad',
      `substr(day, 1, 8) || CASE WHEN substr(day, 9, 2) <= '10' THEN '01'
         WHEN substr(day, 9, 2) <= '20' THEN '11' ELSE '21' END`,
    ],
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
    await knex.raw('VACUUM ANALYZE');
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
    console.log(machineLine());
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

    // The mesh report: every payer's bill and the unattributed groups, over the
    // whole months seeded and over a range starting and ending within a dekad (read
    // partly per day).
    const meshReport = async (label: string, meshRange: typeof range) => {
      await service.mesh(meshRange, credentials);
      const meshTimes: number[] = [];
      let payers = 0;
      for (let q = 0; q < meshQueries; q++) {
        const start = performance.now();
        const result = await service.mesh(meshRange, credentials);
        meshTimes.push(performance.now() - start);
        payers = result.byAppId.length;
      }
      meshTimes.sort((x, y) => x - y);
      const meshP95 = percentile(meshTimes, 95);
      console.log(
        `Mesh report, ${label} × ${
          apps * TOPICS_PER_APP
        } topics, ${meshQueries} queries (${payers} payers): p50 ${percentile(
          meshTimes,
          50,
        ).toFixed(1)} ms, p95 ${meshP95.toFixed(1)} ms, max ${meshTimes[
          meshTimes.length - 1
        ].toFixed(1)} ms (goal p95 ≤ ${MESH_P95_GOAL_MS} ms: ${
          meshP95 <= MESH_P95_GOAL_MS ? 'met' : 'MISSED'
        })`,
      );
    };
    await meshReport(`${days} days (${range.from} to ${range.to})`, range);
    const unaligned = { from: dayAt(8), to: dayAt(days - 3) };
    await meshReport(
      `${days - 10} days (${unaligned.from} to ${unaligned.to})`,
      unaligned,
    );
    console.log(machineLine());
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
