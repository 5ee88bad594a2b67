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
 * End to end: the real catalog backend (SQLite in memory) with the SpecMesh
 * module ingests 1,000 generated data products registered in one
 * catalog-info.yaml, each an API entity whose definition is `$text` of its
 * spec. Prints the time until every API and every topic Resource is in the
 * catalog, with every relation from consumers in place.
 *
 *   bench/run catalog-ingest [--specs 1000] [--channels 10] [--verbose]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleSpecmesh from '@meshport/plugin-catalog-backend-module-specmesh';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { generateCatalogSpec, numberOption } from './catalogSpecs';

const TIMEOUT_MS = 30 * 60_000;

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

async function main() {
  const specCount = numberOption('specs', 1000);
  const channels = numberOption('channels', 10);
  const ownedPerSpec = channels - Math.floor(channels / 5);
  const readPerSpec = Math.floor(channels / 5);
  const folder = mkdtempSync(join(tmpdir(), 'meshport-bench-catalog-'));
  mkdirSync(join(folder, 'specs'));
  for (let i = 0; i < specCount; i++) {
    writeFileSync(
      join(folder, 'specs', `app${i}.yaml`),
      generateCatalogSpec(i, specCount, channels),
    );
  }
  writeFileSync(
    join(folder, 'catalog-info.yaml'),
    Array.from({ length: specCount }, (_, i) => apiYaml(i)).join('---\n'),
  );

  const started = Date.now();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleSpecmesh,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          catalog: {
            rules: [{ allow: ['API', 'Resource', 'Location'] }],
            locations: [
              { type: 'file', target: join(folder, 'catalog-info.yaml') },
            ],
          },
        },
      }),
    ],
  });
  const booted = Date.now();

  const count = async (filter: string) => {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .query({ filter, limit: 1 });
    return res.body.totalItems as number;
  };
  // Each product's topic events_0 is read by the products before it.
  const consumersOfFirstTopic = async () => {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .query({
        filter:
          'kind=resource,metadata.title=bench.domain0.app0._public.events_0',
      });
    const [topic] = res.body.items ?? [];
    return (topic?.relations ?? []).filter(
      (r: { type: string }) => r.type === 'dependencyOf',
    ).length as number;
  };

  try {
    const expectedTopics = specCount * ownedPerSpec;
    let apis = 0;
    let topics = 0;
    let apisDoneAt = 0;
    for (;;) {
      apis = await count('kind=api');
      topics = await count('kind=resource');
      if (apis === specCount && !apisDoneAt) apisDoneAt = Date.now();
      if (
        apis === specCount &&
        topics === expectedTopics &&
        (await consumersOfFirstTopic()) === Math.min(readPerSpec, specCount - 1)
      ) {
        break;
      }
      if (Date.now() - started > TIMEOUT_MS) {
        throw new Error(
          `timed out with ${apis}/${specCount} APIs and ${topics}/${expectedTopics} topics`,
        );
      }
      if (process.argv.includes('--verbose')) {
        process.stderr.write(`${apis} APIs, ${topics} topics\n`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
    const done = Date.now();
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    process.stdout.write(
      [
        `specs: ${specCount} generated, ${channels} channels each (${ownedPerSpec} owned topics, ${readPerSpec} read)`,
        `backend start: ${seconds(booted - started)} s`,
        `all ${specCount} API entities in the catalog: ${seconds(
          apisDoneAt - booted,
        )} s after start`,
        `all ${expectedTopics} topic entities and consumer relations: ${seconds(
          done - booted,
        )} s after start (${((done - booted) / specCount).toFixed(
          1,
        )} ms per spec end to end)`,
      ].join('\n') + '\n',
    );
  } finally {
    await backend.stop();
    rmSync(folder, { recursive: true, force: true });
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
