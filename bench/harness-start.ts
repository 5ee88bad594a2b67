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
 * How long the harness takes to start: a KRaft cluster of three brokers (each also a
 * controller voter) with the registry, and the single broker with the registry for
 * comparison, from startInfra() to ready (every broker registered, the group coordinator
 * answering, the registry healthy). Runtimes are fetched first (not timed); each start
 * gets a fresh private run dir under the system temp dir and is stopped right after.
 * The issue sets no number: the goal is "reported".
 *
 *   bench/run harness-start [--runs 1] [--brokers 3]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'node:perf_hooks';
import {
  chooseRegistryRuntime,
  fetchRuntimes,
  findKafkaJava,
  runtimeVersions,
  startInfra,
} from '@meshport/dev-infra';
import { machineLine } from './benchPostgres';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** Seconds from startInfra() to ready for `brokers` brokers. */
async function timeStart(brokers: number): Promise<number> {
  const runDir = fs.mkdtempSync(
    path.join(os.tmpdir(), `meshport-bench-start-${brokers}-`),
  );
  const started = performance.now();
  const infra = await startInfra({ brokers, runDir, readyTimeoutMs: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  await infra.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
  return seconds;
}

async function main() {
  const runs = option('runs', 1);
  const brokers = option('brokers', 3);
  const java = findKafkaJava();
  await fetchRuntimes({
    registryVersion: chooseRegistryRuntime(java, runtimeVersions().apicurio)
      .version,
  });
  console.log(machineLine());
  for (const count of [brokers, 1]) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      times.push(await timeStart(count));
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(runs / 2)];
    console.log(
      `harness start, ${count} broker${count === 1 ? '' : 's'} + registry: ` +
        `${median.toFixed(1)} s median of ${runs} (${times
          .map(t => t.toFixed(1))
          .join(', ')} s) (goal: reported; the issue sets no number)`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
