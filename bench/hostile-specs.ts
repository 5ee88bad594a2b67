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

// Time and resident memory of the hostile-spec corpus (refs escaping the folder, devices,
// FIFOs, oversized files, alias bombs, deep nesting) through the one reader and the one judge,
// in one Node process: the code the backend's /specs endpoints, the scaffolder, the catalog and
// the CLI run. Before the one reader, `file:///dev/zero` alone held the backend 18 s and grew it
// from 380 MB to 955 MB.
//
//   bench/run hostile-specs [--rounds 3]
import { createHostileSpecCorpus, OUTSIDE_SECRET } from '@meshport/dev-infra';
import { judgeSpec, readSpecFile } from '@meshport/plugin-specmesh-node';

const GOAL_MS_PER_SPEC = 1_000;
const GOAL_RSS_GROWTH_MB = 50;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

// Peak resident set so far, in MB (getrusage's ru_maxrss, never lower than before).
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function main() {
  const rounds = option('rounds', 3);
  const corpus = createHostileSpecCorpus();
  try {
    // The judge's first AsyncAPI parse loads the parser: not the corpus's cost.
    const [first] = corpus.specs;
    await judgeSpec(await readSpecFile(first.spec, { root: corpus.root }));
    const baseline = peakRssMb();
    const rows: Array<{ name: string; worstMs: number; leaked: boolean }> = [];
    for (const spec of corpus.specs) {
      let worstMs = 0;
      let leaked = false;
      for (let round = 0; round < rounds; round++) {
        const started = process.hrtime.bigint();
        const source = await readSpecFile(spec.spec, { root: corpus.root });
        const verdict = await judgeSpec(source);
        worstMs = Math.max(
          worstMs,
          Number(process.hrtime.bigint() - started) / 1e6,
        );
        leaked ||= JSON.stringify({ source, verdict }).includes(OUTSIDE_SECRET);
      }
      rows.push({ name: spec.name, worstMs, leaked });
    }
    const growth = peakRssMb() - baseline;
    const slowest = Math.max(...rows.map(row => row.worstMs));
    console.log(
      `hostile-spec corpus: ${corpus.specs.length} specs × ${rounds} rounds, reader + judge in one process`,
    );
    for (const row of rows) {
      console.log(
        `  ${row.name.padEnd(48)} ${row.worstMs.toFixed(1).padStart(8)} ms${
          row.leaked ? '  LEAKED OUTSIDE CONTENT' : ''
        }`,
      );
    }
    console.log(
      `slowest spec: ${slowest.toFixed(
        1,
      )} ms (goal ≤ ${GOAL_MS_PER_SPEC} ms): ${
        slowest <= GOAL_MS_PER_SPEC ? 'met' : 'MISSED'
      }`,
    );
    console.log(
      `peak RSS growth over the corpus: ${growth.toFixed(
        1,
      )} MB above ${baseline.toFixed(
        0,
      )} MB (goal ≤ ${GOAL_RSS_GROWTH_MB} MB): ${
        growth <= GOAL_RSS_GROWTH_MB ? 'met' : 'MISSED'
      }`,
    );
    console.log(
      `outside content in any result: ${
        rows.some(row => row.leaked) ? 'YES' : 'none'
      }`,
    );
  } finally {
    corpus.remove();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
