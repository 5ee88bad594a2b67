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
 * The catalog processor's cost next to the bare AsyncAPI parser's: 1,000
 * generated specs as API entities through SpecmeshAsyncApiProcessor
 * (pre- and post-processing, as the catalog runs it: the one judge, owner,
 * annotations, one Resource per topic, relations), against a bare
 * `Parser.parse` of the same texts. Cold (every spec new to the processor
 * and to the judge) and warm (every spec seen before, as on the catalog's
 * refresh every few minutes).
 *
 *   bench/run catalog-processor [--specs 1000] [--channels 10] [--no-bare]
 *
 * --no-bare skips the bare parser (110 ms a spec), printing the processor's
 * costs alone.
 */
import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { SpecmeshAsyncApiProcessor } from '@meshport/plugin-catalog-backend-module-specmesh';
import { Parser } from '@asyncapi/parser';
import { SpecJudge } from '@meshport/plugin-specmesh-node';
import { machineLine } from './benchPostgres';
import { generateCatalogSpec, numberOption } from './catalogSpecs';

// The judge runs the AsyncAPI parser, which dominates; the rules, the
// processor's hashes, the entities and relations it emits and their garbage
// may add 15%.
const TARGET_COLD_RATIO = 1.15;
const TARGET_WARM_MS = 1;
const WARM_UP_SPECS = 20;

const location: LocationSpec = {
  type: 'url',
  target: 'https://git.example.com/bench/catalog-info.yaml',
};

function apiEntity(index: number, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: `bench-app${index}`,
      annotations: { 'meshport.dev/data-product': 'true' },
    },
    spec: { type: 'asyncapi', lifecycle: 'production', definition },
  };
}

async function runProcessor(
  processor: SpecmeshAsyncApiProcessor,
  entity: Entity,
): Promise<number> {
  let emitted = 0;
  const emit = () => {
    emitted++;
  };
  const pre = await processor.preProcessEntity(entity, location, emit);
  await processor.postProcessEntity(pre, location, emit);
  return emitted;
}

const parser = new Parser({ ruleset: { recommended: false } });

async function bareParser(text: string, file: string): Promise<void> {
  const { document } = await parser.parse(text);
  if (!document) throw new Error(`${file}: the parser rejected it`);
}

const withBare = !process.argv.includes('--no-bare');

async function main() {
  const specCount = numberOption('specs', 1000);
  const channels = numberOption('channels', 10);
  const entities = Array.from({ length: specCount }, (_, i) =>
    apiEntity(i, generateCatalogSpec(i, specCount, channels)),
  );
  const file = (e: Entity) => `api:default/${e.metadata.name}`;
  const text = (e: Entity) => e.spec!.definition as string;

  // A cache of one entry and specs that all differ: every spec is a miss in
  // pre-processing and a hit in post-processing, as for a changed spec.
  // The judge's own cache is off for the cold runs.
  const cold = new SpecmeshAsyncApiProcessor({
    cacheSize: 1,
    judge: new SpecJudge({ cacheSize: 0 }),
    dataProducts: 'all',
  });
  const warm = new SpecmeshAsyncApiProcessor({
    cacheSize: specCount,
    dataProducts: 'all',
  });

  for (const entity of entities.slice(0, WARM_UP_SPECS)) {
    await runProcessor(cold, entity);
    if (withBare) await bareParser(text(entity), file(entity));
  }

  let coldNs = 0n;
  let bareNs = 0n;
  let emitted = 0;
  for (const [i, entity] of entities.entries()) {
    // Alternate which runs first, so neither always finds a warmer machine.
    const runs: Array<'cold' | 'bare'> = !withBare
      ? ['cold']
      : i % 2 === 0
      ? ['cold', 'bare']
      : ['bare', 'cold'];
    for (const run of runs) {
      const started = process.hrtime.bigint();
      if (run === 'cold') {
        const count = await runProcessor(cold, entity);
        coldNs += process.hrtime.bigint() - started;
        emitted += count;
        if (count === 0) throw new Error(`${file(entity)} emitted nothing`);
      } else {
        await bareParser(text(entity), file(entity));
        bareNs += process.hrtime.bigint() - started;
      }
    }
  }

  for (const entity of entities) await runProcessor(warm, entity);
  let warmNs = 0n;
  for (const entity of entities) {
    const started = process.hrtime.bigint();
    await runProcessor(warm, entity);
    warmNs += process.hrtime.bigint() - started;
  }

  const msPerSpec = (ns: bigint) => Number(ns) / 1e6 / specCount;
  const coldRatio = withBare ? Number(coldNs) / Number(bareNs) : 0;
  const warmMs = msPerSpec(warmNs);
  const lines = [
    machineLine(),
    `specs: ${specCount} generated, ${channels} channels each; ${(
      emitted / specCount
    ).toFixed(1)} results emitted per spec (entities, relations)`,
    withBare
      ? `bare @asyncapi/parser parse:              ${msPerSpec(bareNs).toFixed(
          3,
        )} ms/spec`
      : 'bare @asyncapi/parser parse:              skipped (--no-bare)',
    `processor, spec not cached (pre + post):  ${msPerSpec(coldNs).toFixed(
      3,
    )} ms/spec${
      withBare
        ? `, ratio to the bare parser ${coldRatio.toFixed(
            3,
          )} (goal <= ${TARGET_COLD_RATIO})`
        : ''
    }`,
    `processor, spec cached (pre + post):      ${warmMs.toFixed(
      3,
    )} ms/spec (goal <= ${TARGET_WARM_MS} ms/spec: ${
      warmMs <= TARGET_WARM_MS ? 'met' : 'MISSED'
    })`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (coldRatio > TARGET_COLD_RATIO || warmMs > TARGET_WARM_MS) {
    process.exitCode = 1;
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
