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
 * The broker a bench runs against. By default the one of the connection file
 * (MESHPORT_INFRA_FILE: the harness's, or one started by hand with
 * `MESHPORT_INFRA_RUN_DIR=… MESHPORT_INFRA_FILE=… meshport-infra start --kafka-heap 3g`),
 * started when none runs. With `--private [--kafka-heap 3g]`, a broker and
 * registry of the bench's own in a temporary run dir, stopped and removed at
 * the end: tens of thousands of partitions need more heap than the shared
 * test broker's 512 MB, and must not slow the others' tests. Its connection
 * file is exported in MESHPORT_INFRA_FILE, so a process the bench starts
 * reuses it.
 */
import {
  RunningInfra,
  StartInfraOptions,
  startInfra,
  startOrReuseInfra,
  writeInfraConnection,
} from '@meshport/dev-infra';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEFAULT_PRIVATE_HEAP = '3g';

function stringOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Whether the bench runs on a broker of its own (`--private`). */
export const privateInfra = process.argv.includes('--private');

/** The bench's broker and registry: see the header. */
export async function benchInfra(
  options: Pick<StartInfraOptions, 'users' | 'metrics'> = {},
): Promise<RunningInfra> {
  if (!privateInfra) return startOrReuseInfra(options);
  const runDir = mkdtempSync(join(tmpdir(), 'meshport-bench-infra-'));
  const kafkaHeap = stringOption('kafka-heap') ?? DEFAULT_PRIVATE_HEAP;
  process.stderr.write(
    `Starting a private broker (heap ${kafkaHeap}) in ${runDir} …\n`,
  );
  const infra = await startInfra({ ...options, runDir, kafkaHeap });
  const { stop, ...connection } = infra;
  process.env.MESHPORT_INFRA_FILE = writeInfraConnection(
    connection,
    join(runDir, 'infra.json'),
  );
  return {
    ...infra,
    async stop() {
      await stop();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/** How the bench's broker was had, for its first line. */
export function infraLine(infra: RunningInfra): string {
  const heap = privateInfra
    ? `private, heap ${stringOption('kafka-heap') ?? DEFAULT_PRIVATE_HEAP}`
    : infra.reused
    ? `reused from ${
        process.env.MESHPORT_INFRA_FILE ?? 'the default connection file'
      }`
    : 'started by the bench, heap 512m';
  return `Kafka ${infra.kafka.version} on ${infra.kafka.brokers.join(
    ',',
  )} (${heap})`;
}
