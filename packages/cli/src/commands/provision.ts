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
import { formatProblem } from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  connectProvisioner,
  ConnectedProvisioner,
} from '@meshport/plugin-specmesh-node';
import { readClusterFile } from '../cluster/readClusterFile';
import { ExitCode } from '../exitCodes';
import { CommandIo, UnreadableInputError } from '../io';
import { loadSpec } from '../loadSpec';
import { formatMarkdown } from '../report/formatMarkdown';
import { formatText } from '../report/formatText';
import {
  applyReport,
  isComplete,
  planReport,
  ProvisioningReport,
} from '../report/provisioningReport';

/** Options of `meshport plan` and `meshport apply`. */
export interface ProvisionOptions {
  /** The cluster file. */
  cluster: string;
  json?: boolean;
  markdown?: boolean;
  /** Ask to delete the unmanaged topics (the cluster must allow deletion). */
  deleteUnmanaged?: boolean;
  schemaRoot?: string;
}

/**
 * `meshport plan` diffs a spec against a cluster and its registry; `meshport
 * apply` does the same, then executes the plan. Both use the provisioning code
 * the portal uses, and end with 0 when nothing is blocked or failed, 1 when
 * something is (or the cluster cannot be read), 2 on invalid input. A registry
 * that cannot be read blocks (plan) or fails (apply) the schema items only; the
 * output lists every item either way, and `--json` prints `{ error }` when
 * Kafka itself cannot be read. The connection is closed before returning, so
 * the process ends as soon as the work does.
 */
export async function provisionCommand(
  command: 'plan' | 'apply',
  spec: string,
  options: ProvisionOptions,
  io: CommandIo,
): Promise<ExitCode> {
  if (options.json && options.markdown) {
    throw new UnreadableInputError(
      'Choose one output: --json or --markdown, not both.',
    );
  }
  const cluster = await readClusterFile(options.cluster);
  const { state, problems } = await loadSpec(spec, {
    principalMap: cluster.principals,
    idempotentWrite: cluster.idempotentWrite,
    schemaRoot: options.schemaRoot,
  });
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  if (!state) {
    io.stderr(`✖ ${spec} has errors; nothing was planned.\n`);
    return ExitCode.UnreadableInput;
  }

  const fail = (what: string, error: unknown) => {
    const message = `${what}: ${(error as Error)?.message ?? String(error)}`;
    io.stderr(`✖ ${message}\n`);
    if (options.json) {
      io.stdout(
        `${JSON.stringify(
          {
            command,
            cluster: cluster.name,
            appId: state.appId,
            error: message,
          },
          null,
          2,
        )}\n`,
      );
    }
    if (options.markdown) {
      io.stdout(
        `### ❌ Meshport ${command} for \`${state.appId}\` on \`${cluster.name}\`\n\n${message}\n`,
      );
    }
    return ExitCode.NotProvisioned;
  };

  let connected: ConnectedProvisioner;
  try {
    connected = await connectProvisioner(cluster);
  } catch (error) {
    return fail(`Could not connect to ${describeCluster(cluster)}`, error);
  }
  try {
    let report: ProvisioningReport;
    try {
      const plan = await connected.provisioner.plan(state, {
        deleteUnmanaged: options.deleteUnmanaged ?? false,
      });
      report =
        command === 'plan'
          ? planReport(plan, cluster.name)
          : applyReport(await connected.provisioner.apply(plan), cluster.name);
    } catch (error) {
      return fail(
        `Could not ${command} ${state.appId} on ${describeCluster(cluster)}`,
        error,
      );
    }
    io.stdout(render(report, options));
    return isComplete(report) ? ExitCode.Ok : ExitCode.NotProvisioned;
  } finally {
    await connected.disconnect().catch(() => {});
  }
}

function render(report: ProvisioningReport, options: ProvisionOptions) {
  if (options.markdown) return formatMarkdown(report);
  if (options.json) {
    return `${JSON.stringify(
      {
        command: report.command,
        cluster: report.cluster,
        appId: report.appId,
        summary: report.counts,
        items: report.items,
      },
      null,
      2,
    )}\n`;
  }
  return formatText(report);
}

function describeCluster(cluster: ClusterConfig): string {
  return `cluster ${cluster.name} (${cluster.brokers.join(', ')})`;
}
