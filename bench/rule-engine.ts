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
 * The one judge's cost next to the AsyncAPI parser's: desired state for
 * generated specs (readSpecFile + judgeSpec: read, parse, rules and the
 * parser's checks, cache disabled) against a bare `Parser.parse` of the same
 * files. The two run alternately, spec by spec, so
 * machine load affects both alike.
 *
 *   bench/run rule-engine [--specs 1000] [--channels 10]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import {
  computeDesiredState,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';
import { readSpecFile, SpecJudge } from '@meshport/plugin-specmesh-node';

const TARGET_RATIO = 1.15;
const WARM_UP_SPECS = 20;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** A SpecMesh-style spec: writes and reads, bindings, grants, keys, component refs. */
function generateSpec(index: number, channels: number): string {
  const appId = `bench.domain${index % 17}.app${index}`;
  const levels = ['_public', '_protected', '_private'];
  const lines = [
    "asyncapi: '2.6.0'",
    `id: 'urn:${appId}'`,
    'info:',
    `  title: Bench app ${index}`,
    "  version: '1.0.0'",
    'channels:',
  ];
  for (let c = 0; c < channels; c++) {
    if (c % 5 === 4) {
      lines.push(
        `  bench.domain${(index + 1) % 17}.app${
          index + 1
        }._public.events_${c}:`,
        '    subscribe:',
        `      operationId: read${c}`,
        '      message:',
        "        $ref: '#/components/messages/Event'",
      );
      continue;
    }
    const level = levels[c % 3];
    lines.push(
      `  ${level}.events_${c}:`,
      '    bindings:',
      '      kafka:',
      `        partitions: ${3 + (c % 4)}`,
      '        replicas: 3',
      '        configs:',
      '          cleanup.policy: delete',
      `          retention.ms: ${86400000 * (c + 1)}`,
      '    publish:',
      `      operationId: write${c}`,
    );
    if (level === '_protected')
      lines.push(`      tags: [name: "grant-access:bench.reader${c}"]`);
    lines.push(
      '      message:',
      '        bindings:',
      '          kafka:',
      '            key:',
      '              type: string',
      '        payload:',
      '          type: object',
      `          title: Event${c}`,
      '          properties:',
      '            id: {type: string}',
      `            amount${c}: {type: number, minimum: 0}`,
      '            at: {type: string, format: date-time}',
    );
  }
  lines.push(
    'components:',
    '  messages:',
    '    Event:',
    '      payload:',
    '        type: object',
    '        properties:',
    '          id: {type: string}',
  );
  return `${lines.join('\n')}\n`;
}

async function main() {
  const specCount = option('specs', 1000);
  const channels = option('channels', 10);
  const folder = mkdtempSync(join(tmpdir(), 'meshport-bench-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < specCount; i++) {
      const file = join(folder, `app${i}.asyncapi.yaml`);
      writeFileSync(file, generateSpec(i, channels));
      files.push(file);
    }

    const uncached = new SpecJudge({ cacheSize: 0 });
    const parser = new Parser({ ruleset: { recommended: false } });
    const ours = async (file: string) => {
      const result = await uncached.judge(await readSpecFile(file));
      if (!result.state)
        throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
    };
    const bare = async (file: string) => {
      const { document } = await parser.parse(readFileSync(file, 'utf8'));
      if (!document) throw new Error(`${file}: the parser rejected it`);
    };

    for (const file of files.slice(0, WARM_UP_SPECS)) {
      await ours(file);
      await bare(file);
    }

    let oursNs = 0n;
    let bareNs = 0n;
    for (const [i, file] of files.entries()) {
      // Alternate which runs first, so neither always finds a warmer machine.
      const order = i % 2 === 0 ? [ours, bare] : [bare, ours];
      for (const run of order) {
        const started = process.hrtime.bigint();
        await run(file);
        const elapsed = process.hrtime.bigint() - started;
        if (run === ours) oursNs += elapsed;
        else bareNs += elapsed;
      }
    }

    // The rules alone, on documents already parsed.
    const documents = files.map(
      file => parseSpecText(readFileSync(file, 'utf8'), file).document,
    );
    let rulesNs = 0n;
    for (const document of documents) {
      const started = process.hrtime.bigint();
      computeDesiredState(document);
      rulesNs += process.hrtime.bigint() - started;
    }

    // An unchanged spec through the cache, as the catalog sees it on refresh.
    const cached = new SpecJudge();
    const judgeFile = async (file: string) =>
      cached.judge(await readSpecFile(file));
    for (const file of files.slice(0, 100)) await judgeFile(file);
    let cachedNs = 0n;
    for (const file of files.slice(0, 100)) {
      const started = process.hrtime.bigint();
      await judgeFile(file);
      cachedNs += process.hrtime.bigint() - started;
    }

    const seconds = (ns: bigint) => Number(ns) / 1e9;
    const ratio = Number(oursNs) / Number(bareNs);
    const lines = [
      `specs: ${specCount} generated, ${channels} channels each`,
      `meshport desired state (read + judge, cache disabled):         ${seconds(
        oursNs,
      ).toFixed(2)} s, ${(specCount / seconds(oursNs)).toFixed(1)} specs/s`,
      `bare @asyncapi/parser parse of the same files:                ${seconds(
        bareNs,
      ).toFixed(2)} s, ${(specCount / seconds(bareNs)).toFixed(1)} specs/s`,
      `ratio meshport / bare parser: ${ratio.toFixed(
        3,
      )} (goal <= ${TARGET_RATIO})`,
      `rules alone (computeDesiredState): ${(
        Number(rulesNs) /
        1e6 /
        specCount
      ).toFixed(3)} ms/spec`,
      `unchanged spec through the cache: ${(
        Number(cachedNs) /
        1e6 /
        100
      ).toFixed(3)} ms/spec`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (ratio > TARGET_RATIO) process.exitCode = 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
