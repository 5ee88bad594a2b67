/*
 * Copyright 2026 The Meshport Authors
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
import { formatProblem } from '@meshport/plugin-specmesh-common';
import {
  ChargebackCollector,
  createChargebackAdmin,
  kafkaConnectionOf,
} from '@meshport/plugin-specmesh-node';
import { appIdsOfTopics } from '../chargeback/chargebackReport';
import { readClusterFile } from '../cluster/readClusterFile';
import { ExitCode } from '../exitCodes';
import { CommandIo, UnreadableInputError } from '../io';
import { formatLagText } from '../lag/formatLag';
import { lagReport } from '../lag/lagReport';
import { loadSpec } from '../loadSpec';

/** Options of `meshport lag`. */
export interface LagOptions {
  /** The cluster file. */
  cluster: string;
  json?: boolean;
  /** Exit 1 when a group is more messages behind than this. */
  maxLag?: string;
  schemaRoot?: string;
}

/**
 * `meshport lag` reads a cluster once, with the chargeback collector's fixed number of
 * admin requests, and prints how far behind the readers of the spec's topics and the
 * spec's own consumer groups are. Exit 0, or 1 when `--max-lag` is exceeded or the
 * cluster cannot be read, 2 on invalid input.
 */
export async function lagCommand(
  spec: string,
  options: LagOptions,
  io: CommandIo,
): Promise<ExitCode> {
  const maxLag = parseMaxLag(options.maxLag);
  const cluster = await readClusterFile(options.cluster);
  const { state, problems } = await loadSpec(spec, {
    principalMap: cluster.principals,
    idempotentWrite: cluster.idempotentWrite,
    schemaRoot: options.schemaRoot,
  });
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  if (!state) {
    io.stderr(`✖ ${spec} has errors; no lag was read.\n`);
    return ExitCode.UnreadableInput;
  }

  const admin = createChargebackAdmin(kafkaConnectionOf(cluster));
  try {
    // Every app-id the topic names imply: groups are attributed as the portal does.
    const appIds = new Set(appIdsOfTopics(await admin.listTopics()));
    appIds.add(state.appId);
    const collection = await new ChargebackCollector(admin).collect(appIds);
    const report = lagReport(
      cluster.name,
      { appId: state.appId, topics: state.topics.map(t => t.name) },
      collection,
      maxLag,
    );
    io.stdout(
      options.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatLagText(report),
    );
    return report.exceeded.length > 0 ? ExitCode.LagExceeded : ExitCode.Ok;
  } catch (error) {
    io.stderr(
      `✖ Reading lag from cluster ${cluster.name} failed: ${
        (error as Error)?.message ?? String(error)
      }\n`,
    );
    return ExitCode.NotProvisioned;
  } finally {
    await admin.close();
  }
}

function parseMaxLag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new UnreadableInputError(
      `Invalid --max-lag '${value}': use a whole number of messages, 0 or more.`,
    );
  }
  return number;
}
