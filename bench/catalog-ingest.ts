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
 * second process, `--specs 0`): its peak during the ingest, at the end of
 * the ingest, and settled (each backend left idle until V8's memory reducer
 * ran, then garbage collected), with where it is (memoryBreakdown.ts). The
 * goal is on the settled figure: at the end of the ingest V8's heap is still
 * grown (to a few times the live heap, by its growth heuristics) with
 * garbage and freed pages it pools for reuse, and releases them by itself
 * within about a minute of idling.
 *
 * With `--trivial`, a processor that emits the same entities without reading
 * the specs replaces the SpecMesh module (trivialCatalogModule.ts): what the
 * catalog engine alone costs.
 *
 * With `--reconcile`, the SpecMesh backend plugin runs in the same backend on
 * the bench's broker (`--private [--kafka-heap 3g]`: one of its own, see
 * benchInfra.ts): the data products (1 partition a topic, so that one broker
 * holds them) are provisioned, by a child process (`--provision-only`, so
 * that the setup's heap is not measured), then the plugin's reconcile runs
 * once after the ingest, and the resident memory covers ingest and reconcile,
 * over an idle backend with the same plugins.
 *
 * With `--engine-baseline`, a second process then ingests the same specs with
 * `--trivial`, and the run prints the ratio of the two times: Meshport's
 * ingest over what Backstage's engine alone takes on the same machine.
 *
 *   bench/run catalog-ingest [--specs 1000] [--channels 10] [--db postgres|sqlite]
 *     [--stitch-poll-ms 1000] [--processing-interval-minutes 10]
 *     [--reconcile [--private [--kafka-heap 3g]]] [--trivial] [--no-idle]
 *     [--engine-baseline]
 *     [--heap-snapshot file.heapsnapshot] [--verbose]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleSpecmesh from '@meshport/plugin-catalog-backend-module-specmesh';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import request from 'supertest';
import {
  BENCH_POSTGRES_URL,
  dropDatabases,
  freshDatabaseName,
  machineLine,
} from './benchPostgres';
import { meshReconcile } from './catalogReconcile';
import { generateCatalogSpec, numberOption } from './catalogSpecs';
import {
  breakdownLine,
  collectGarbage,
  idledMemory,
  memoryBreakdown,
} from './memoryBreakdown';
import { trivialCatalogModule } from './trivialCatalogModule';

const GOAL_SECONDS = 20;
const RSS_GOAL_MB = 300;
const TIMEOUT_MS = 30 * 60_000;
const PAGE = 1000;
const RECONCILE = process.argv.includes('--reconcile');
const TRIVIAL = process.argv.includes('--trivial');

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

/**
 * The memory at the end of the ingest, as it is (a collection now would free
 * the garbage but leave its pages pooled, and could keep V8's memory reducer
 * from running again), and once the backend idled until the reducer ran
 * (see idledMemory).
 */
async function measureMemory() {
  const afterIngest = memoryBreakdown();
  return { afterIngest, ...(await idledMemory()) };
}

type Measured = Awaited<ReturnType<typeof measureMemory>>;

/** The same backend with no specs, in a second process: its memory. */
function idleMemory(): Measured {
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
      ...(TRIVIAL ? ['--trivial'] : []),
    ],
    { encoding: 'utf8' },
  );
  const match = /^measured memory: (.*)$/m.exec(out);
  if (!match) throw new Error(`idle run printed no memory:\n${out}`);
  return JSON.parse(match[1]);
}

/**
 * The same ingest with the trivial module, in a second process (after this
 * one's backend stopped): Backstage's engine alone on this machine, now.
 */
function engineBaselineSeconds(specCount: number, channels: number): number {
  const out = execFileSync(
    'bench/run',
    [
      'catalog-ingest',
      '--trivial',
      '--no-idle',
      ...['--specs', String(specCount), '--channels', String(channels)],
      ...['--db', stringOption('db', 'postgres')],
    ],
    { encoding: 'utf8' },
  );
  const match = /^all entities stitched.*?: ([\d.]+) s after start/m.exec(out);
  if (!match) throw new Error(`the baseline printed no time:\n${out}`);
  return Number(match[1]);
}

/** What the bench prints of the two processes' memory, with the goal. */
function memoryLines(specCount: number, own: Measured, idle: Measured) {
  const mb = (bytes: number) => bytes.toFixed(1);
  const over = (a: number, b: number) => `${a >= b ? '+' : ''}${mb(a - b)}`;
  const waited = (m: Measured) =>
    `${m.waitedSeconds.toFixed(0)} s${m.reduced ? '' : ', it did NOT run'}`;
  const growth = own.memory.rss - idle.memory.rss;
  return [
    `at the end of the ingest${
      RECONCILE ? ' and reconcile' : ''
    }, not collected: RSS ${mb(own.afterIngest.rss)} MB, ${over(
      own.afterIngest.rss,
      idle.afterIngest.rss,
    )} MB over the idle backend's; V8 heap committed ${mb(
      own.afterIngest.heapCommitted,
    )} MB, used ${mb(own.afterIngest.heapUsed)} MB`,
    `settled RSS, once V8's memory reducer ran on the idle backend (after ${waited(
      own,
    )}; the idle one's ${waited(idle)}), garbage collected: ${mb(
      own.memory.rss,
    )} MB with ${specCount} data products, ${mb(
      idle.memory.rss,
    )} MB idle (another process): ${over(
      own.memory.rss,
      idle.memory.rss,
    )} MB (goal <= +${RSS_GOAL_MB} MB: ${
      growth <= RSS_GOAL_MB ? 'met' : 'MISSED'
    })`,
    `  MB (over idle): ${breakdownLine(own.memory, idle.memory)}`,
  ];
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
  // Made again when needed rather than kept: this process is the one measured.
  const specTexts = () =>
    Array.from({ length: specCount }, (_, i) =>
      generateCatalogSpec(i, specCount, channels, { singleBroker: RECONCILE }),
    );
  specTexts().forEach((text, i) =>
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
      TRIVIAL
        ? trivialCatalogModule(specCount, channels)
        : catalogModuleSpecmesh,
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
  let ingestSeconds = 0;
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
      process.stdout.write(
        `measured memory: ${JSON.stringify(await measureMemory())}\n`,
      );
      return;
    }
    const expectedTopics = specCount * ownedPerSpec;
    const expectedReads = specCount * readPerSpec;
    let apisDoneAt = 0;
    let topicsDoneAt = 0;
    let checks = 0;
    // Sampled at each check: the resident memory while the catalog ingests.
    let peakRss = 0;
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
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise(r => setTimeout(r, 500));
    }
    const done = Date.now();
    ingestSeconds = (done - booted) / 1000;
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
    lines.push(
      `peak RSS during the ingest (sampled every 0.5 s): ${(
        peakRss /
        1024 /
        1024
      ).toFixed(1)} MB`,
    );
    if (mesh) {
      lines.push(mesh.infraLine, ...(await mesh.runOnce(backend.server)));
    }
    if (!process.argv.includes('--no-idle')) {
      lines.push(
        ...memoryLines(specCount, await measureMemory(), idleMemory()),
      );
    } else {
      const { memory } = await measureMemory();
      lines.push(`settled memory, MB: ${breakdownLine(memory)}`);
    }
    const snapshot = stringOption('heap-snapshot', '');
    if (snapshot) {
      collectGarbage();
      lines.push(`heap snapshot: ${writeHeapSnapshot(snapshot)}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await backend.stop();
    await mesh?.close();
    rmSync(folder, { recursive: true, force: true });
    if (db === 'postgres') await dropDatabases(prefix);
  }
  if (ingestSeconds && process.argv.includes('--engine-baseline')) {
    const engine = engineBaselineSeconds(specCount, channels);
    process.stdout.write(
      `Backstage's engine alone (--trivial: the same entities and relations, from a processor that reads nothing), next: ${engine.toFixed(
        1,
      )} s; this ingest / the engine alone: ${(ingestSeconds / engine).toFixed(
        2,
      )}x\n`,
    );
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
