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
 * End to end: the real catalog backend (on Postgres, a fresh database per run,
 * or SQLite in memory) with the SpecMesh module ingests 1,000 generated data
 * products registered in one catalog-info.yaml, each an API entity whose
 * definition is `$text` of its spec. Prints the time until every API and
 * every topic Resource is in the catalog and every topic, queried page by
 * page, carries its relations (partOf its API, dependencyOf its readers);
 * where the time went (judge, processor, the rest of Backstage's loop); and
 * the process's resident memory over the same backend with no specs (a
 * second process, `--specs 0`).
 *
 * With `--reconcile`, the SpecMesh backend plugin runs in the same backend on
 * the bench's broker (`--private [--kafka-heap 3g]`: one of its own, see
 * benchInfra.ts): the data products (1 partition a topic, so that one broker
 * holds them) are provisioned, by a child process (`--provision-only`, so
 * that the setup's heap is not measured), then the plugin's reconcile runs
 * once after the ingest, and the resident memory covers ingest and reconcile,
 * over an idle backend with the same plugins.
 *
 *   bench/run catalog-ingest [--specs 1000] [--channels 10] [--db postgres|sqlite]
 *     [--stitch-poll-ms 1000] [--processing-interval-minutes 10]
 *     [--reconcile [--private [--kafka-heap 3g]]] [--no-idle] [--verbose]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleSpecmesh from '@meshport/plugin-catalog-backend-module-specmesh';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import request from 'supertest';
import {
  BENCH_POSTGRES_URL,
  dropDatabases,
  freshDatabaseName,
  machineLine,
} from './benchPostgres';
import { meshReconcile } from './catalogReconcile';
import { generateCatalogSpec, numberOption } from './catalogSpecs';

const GOAL_SECONDS = 20;
const RSS_GOAL_MB = 300;
const TIMEOUT_MS = 30 * 60_000;
const PAGE = 1000;
const RECONCILE = process.argv.includes('--reconcile');

function stringOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}

function apiYaml(index: number): string {
  return `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: bench-app${index}
  annotations:
    meshport.dev/data-product: 'true'
spec:
  type: asyncapi
  lifecycle: production
  definition:
    $text: ./specs/app${index}.yaml
`;
}

/** Resident memory after a full garbage collection, in MB. */
function settledRssMb(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
}

/** The same backend with no specs, in a second process: its settled RSS. */
function idleRssMb(): number {
  const out = execFileSync(
    'bench/run',
    [
      'catalog-ingest',
      '--specs',
      '0',
      '--db',
      stringOption('db', 'postgres'),
      // The same plugins, on the same broker (benchInfra exported its file).
      ...(RECONCILE ? ['--reconcile'] : []),
    ],
    { encoding: 'utf8' },
  );
  const match = /settled RSS: ([\d.]+) MB/.exec(out);
  if (!match) throw new Error(`idle run printed no RSS:\n${out}`);
  return Number(match[1]);
}

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** Every topic, page by page, with its relations: how a page would find them. */
async function topicRelations(backend: Backend) {
  const counts = { topics: 0, partOf: 0, dependencyOf: 0 };
  let cursor: string | undefined;
  do {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .query(
        cursor
          ? { cursor, limit: PAGE }
          : {
              filter: 'kind=resource,spec.type=kafka-topic',
              fields: 'metadata.name,relations',
              limit: PAGE,
            },
      );
    for (const item of res.body.items ?? []) {
      counts.topics++;
      for (const r of item.relations ?? []) {
        if (r.type === 'partOf') counts.partOf++;
        if (r.type === 'dependencyOf') counts.dependencyOf++;
      }
    }
    cursor = res.body.pageInfo?.nextCursor;
  } while (cursor);
  return counts;
}

async function main() {
  const specCount = numberOption('specs', 1000);
  const channels = numberOption('channels', 10);
  const db = stringOption('db', 'postgres');
  const ownedPerSpec = channels - Math.floor(channels / 5);
  const readPerSpec = Math.floor(channels / 5);
  const folder = mkdtempSync(join(tmpdir(), 'meshport-bench-catalog-'));
  mkdirSync(join(folder, 'specs'));
  const specTexts = Array.from({ length: specCount }, (_, i) =>
    generateCatalogSpec(i, specCount, channels, { singleBroker: RECONCILE }),
  );
  specTexts.forEach((text, i) =>
    writeFileSync(join(folder, 'specs', `app${i}.yaml`), text),
  );
  const mesh = RECONCILE ? await meshReconcile(specTexts) : undefined;
  if (mesh && process.argv.includes('--provision-only')) {
    // The child of provision(): the setup, out of the process measured.
    await mesh.provisionHere();
    rmSync(folder, { recursive: true, force: true });
    return;
  }
  await mesh?.provision([
    'catalog-ingest',
    '--specs',
    String(specCount),
    '--channels',
    String(channels),
    '--reconcile',
  ]);
  writeFileSync(
    join(folder, 'catalog-info.yaml'),
    Array.from({ length: specCount }, (_, i) => apiYaml(i)).join('---\n'),
  );
  // Backstage names each plugin's database `${prefix}${pluginId}`.
  const prefix = `${freshDatabaseName('bench_ingest')}_`;
  const database =
    db === 'postgres'
      ? { client: 'pg', connection: BENCH_POSTGRES_URL, prefix }
      : { client: 'better-sqlite3', connection: ':memory:' };

  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleSpecmesh,
      ...(mesh?.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          ...mesh?.config,
          backend: { database },
          catalog: {
            rules: [{ allow: ['API', 'Resource', 'Location'] }],
            locations: specCount
              ? [{ type: 'file', target: join(folder, 'catalog-info.yaml') }]
              : [],
            // What the README recommends for a large mesh: Backstage's default
            // (100-150 s) would re-process every entity again during the run.
            processingInterval: {
              minutes: numberOption('processing-interval-minutes', 10),
            },
            stitchingStrategy: {
              mode: 'deferred',
              pollingInterval: {
                milliseconds: numberOption('stitch-poll-ms', 1000),
              },
            },
          },
        },
      }),
    ],
  });
  const booted = Date.now();
  const cpuAtBoot = process.cpuUsage();
  const count = async (filter: string) => {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .query({ filter, limit: 1 });
    return res.body.totalItems as number;
  };

  try {
    if (specCount === 0) {
      // Idle: what the catalog holds with no specs, once it settled.
      await mesh?.reconcile();
      await new Promise(r => setTimeout(r, 5000));
      process.stdout.write(`settled RSS: ${settledRssMb().toFixed(1)} MB\n`);
      return;
    }
    const expectedTopics = specCount * ownedPerSpec;
    const expectedReads = specCount * readPerSpec;
    let apisDoneAt = 0;
    let topicsDoneAt = 0;
    let checks = 0;
    for (;;) {
      const apis = await count('kind=api');
      const topics = await count('kind=resource');
      if (apis === specCount && !apisDoneAt) apisDoneAt = Date.now();
      if (topics === expectedTopics && !topicsDoneAt) topicsDoneAt = Date.now();
      if (apis === specCount && topics === expectedTopics) {
        checks++;
        const found = await topicRelations(backend);
        if (
          found.topics === expectedTopics &&
          found.partOf === expectedTopics &&
          found.dependencyOf === expectedReads
        ) {
          break;
        }
        if (process.argv.includes('--verbose')) {
          process.stderr.write(`relations so far: ${JSON.stringify(found)}\n`);
        }
      } else if (process.argv.includes('--verbose')) {
        process.stderr.write(`${apis} APIs, ${topics} topics\n`);
      }
      if (Date.now() - started > TIMEOUT_MS) {
        throw new Error(
          `timed out with ${apis}/${specCount} APIs and ${topics}/${expectedTopics} topics`,
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }
    const done = Date.now();
    const cpu = process.cpuUsage(cpuAtBoot);
    const startCpu = process.cpuUsage(cpuAtStart);
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    const total = (done - booted) / 1000;
    const lines = [
      machineLine(),
      `database: ${db}; specs: ${specCount} generated, ${channels} channels each (${ownedPerSpec} owned topics, ${readPerSpec} read)`,
      `backend start: ${seconds(booted - started)} s`,
      `all ${specCount} API entities: ${seconds(
        apisDoneAt - booted,
      )} s; all ${expectedTopics} topic entities: ${seconds(
        topicsDoneAt - booted,
      )} s`,
      `all entities stitched and every topic's relations found by paged queries (${checks} full checks): ${total.toFixed(
        1,
      )} s after start, ${((done - booted) / specCount).toFixed(
        1,
      )} ms per spec (goal <= ${GOAL_SECONDS} s: ${
        total <= GOAL_SECONDS ? 'met' : 'MISSED'
      })`,
      `backend process CPU after start: ${seconds(
        (cpu.user + cpu.system) / 1000,
      )} s over ${seconds(done - booted)} s wall (${(
        (cpu.user + cpu.system) /
        1000 /
        (specCount * (ownedPerSpec + 1))
      ).toFixed(1)} ms per entity; start itself ${seconds(
        (startCpu.user + startCpu.system - cpu.user - cpu.system) / 1000,
      )} s)`,
    ];
    if (mesh) {
      lines.push(mesh.infraLine, ...(await mesh.runOnce(backend.server)));
    }
    if (!process.argv.includes('--no-idle')) {
      const rss = settledRssMb();
      const idle = idleRssMb();
      lines.push(
        `settled RSS: ${rss.toFixed(
          1,
        )} MB with ${specCount} data products, ${idle.toFixed(
          1,
        )} MB idle (another process): +${(rss - idle).toFixed(
          1,
        )} MB (goal <= +${RSS_GOAL_MB} MB: ${
          rss - idle <= RSS_GOAL_MB ? 'met' : 'MISSED'
        })`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await backend.stop();
    await mesh?.close();
    rmSync(folder, { recursive: true, force: true });
    if (db === 'postgres') await dropDatabases(prefix);
  }
}

main()
  .catch(error => {
    process.stderr.write(
      `${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  // The stopped test backend leaves timers behind that would keep Node alive.
  .finally(() => process.exit());
