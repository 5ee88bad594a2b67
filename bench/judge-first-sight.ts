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
 * The judge's first sight of a spec (text never judged before: parse, rule
 * book, the parser's checks by the fast path) against a bare
 * `@asyncapi/parser` parse of the same text, in the same run, alternating
 * spec by spec so machine load weighs on both alike. Each spec is new to
 * both; the one-time cost of compiling the AsyncAPI JSON Schema is printed
 * apart.
 *
 *   bench/run judge-first-sight [--specs 200] [--channels 10]
 */
import { Parser } from '@asyncapi/parser';
import { SpecJudge } from '@meshport/plugin-specmesh-node';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateCatalogSpec, numberOption } from './catalogSpecs';

const GOAL_MS = 5;
const GOAL_RATIO = 0.05;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function main() {
  const specs = numberOption('specs', 200);
  const channels = numberOption('channels', 10);
  const judge = new SpecJudge({ cacheSize: 0 });
  const parser = new Parser({ ruleset: { recommended: false } });

  // Once per process: the AsyncAPI 2.6 validators, and the parser's setup.
  const warmText = generateCatalogSpec(specs, specs + 1, channels);
  let start = performance.now();
  await judge.judge({ file: 'warm.yaml', text: warmText });
  const judgeOnce = performance.now() - start;
  start = performance.now();
  await parser.parse(warmText);
  const parserOnce = performance.now() - start;

  const judged: number[] = [];
  const parsed: number[] = [];
  // CPU time too: on a loaded machine wall time mostly measures waiting.
  const judgedCpu: number[] = [];
  const parsedCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const { user, system } = process.cpuUsage(since);
    return (user + system) / 1000;
  };
  for (let i = 0; i < specs; i++) {
    const text = generateCatalogSpec(i, specs, channels);
    const first = i % 2 === 0;
    const runJudge = async () => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const result = await judge.judge({ file: `spec-${i}.yaml`, text });
      judged.push(performance.now() - t);
      judgedCpu.push(cpuMs(cpu));
      if (!result.state) throw new Error(`spec ${i} judged invalid`);
    };
    const runParser = async () => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const { diagnostics } = await parser.parse(text);
      parsed.push(performance.now() - t);
      parsedCpu.push(cpuMs(cpu));
      if (diagnostics.some(d => d.severity === 0)) {
        throw new Error(`spec ${i}: the parser found errors`);
      }
    };
    if (first) {
      await runJudge();
      await runParser();
    } else {
      await runParser();
      await runJudge();
    }
  }
  const judgeMs = median(judged);
  const parserMs = median(parsed);
  const ratio = judgeMs / parserMs;
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `judge first sight, ${specs} specs of ${channels} channels, load ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `  fast path taken ${judge.stats.fastPath} times, parser ${judge.stats.parser} times`,
  );
  console.log(
    `  judge (fast path):   median ${judgeMs.toFixed(2)} ms, p95 ${percentile(
      judged,
      0.95,
    ).toFixed(2)} ms   goal ≤ ${GOAL_MS} ms   ${pass(judgeMs <= GOAL_MS)}`,
  );
  console.log(
    `  CPU time, median:    judge ${median(judgedCpu).toFixed(
      2,
    )} ms, bare parser ${median(parsedCpu).toFixed(2)} ms, ratio ${(
      median(judgedCpu) / median(parsedCpu)
    ).toFixed(3)}×`,
  );
  console.log(
    `  bare parser:         median ${parserMs.toFixed(2)} ms, p95 ${percentile(
      parsed,
      0.95,
    ).toFixed(2)} ms`,
  );
  console.log(
    `  ratio judge/parser:  ${ratio.toFixed(
      3,
    )}×   goal ≤ ${GOAL_RATIO}×   ${pass(ratio <= GOAL_RATIO)}`,
  );
  console.log(
    `  once per process: judge's first spec ${judgeOnce.toFixed(
      0,
    )} ms (compiles the schema), parser's first ${parserOnce.toFixed(0)} ms`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
