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
import { DesiredState, formatProblem } from '@meshport/plugin-specmesh-common';
import { desiredStateJson } from '../desiredStateJson';
import { ExitCode } from '../exitCodes';
import { CommandIo } from '../io';
import { loadSpec } from '../loadSpec';
import { readPrincipalMap } from '../principalMap';

/** Options of `meshport desired`. */
export interface DesiredOptions {
  json?: boolean;
  principalMap?: string;
  idempotentWrite?: boolean;
  schemaRoot?: string;
}

/**
 * Prints the desired state a spec implies: JSON for machines (`--json`), a
 * summary for people otherwise. Problems go to stderr, so stdout stays JSON.
 */
export async function desiredCommand(
  spec: string,
  options: DesiredOptions,
  io: CommandIo,
): Promise<ExitCode> {
  const principalMap = options.principalMap
    ? await readPrincipalMap(options.principalMap)
    : undefined;
  const { state, problems } = await loadSpec(spec, {
    principalMap,
    idempotentWrite: options.idempotentWrite,
    schemaRoot: options.schemaRoot,
  });
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  if (!state) {
    io.stderr(`✖ ${spec} has errors; no desired state.\n`);
    return ExitCode.InvalidSpec;
  }
  io.stdout(
    options.json
      ? `${JSON.stringify(desiredStateJson(state), null, 2)}\n`
      : summary(state),
  );
  return ExitCode.Ok;
}

function summary(state: DesiredState): string {
  const lines = [
    `app-id ${state.appId} (principal ${state.principal})`,
    '',
    'topics:',
  ];
  for (const topic of state.topics) {
    const partitions = topic.partitions ?? 'default';
    const replicas = topic.replicas ?? 'default';
    const configs = Object.entries(topic.configs)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    lines.push(
      `  ${topic.name}  ${
        topic.access
      }  partitions ${partitions}  replicas ${replicas}${
        configs ? `  ${configs}` : ''
      }`,
    );
  }
  lines.push('', 'schemas:');
  for (const schema of state.schemas)
    lines.push(
      `  ${schema.subject}  ${schema.schemaType}${
        schema.ref ? `  ${schema.ref}` : ''
      }`,
    );
  lines.push('', `acls: ${state.acls.length} bindings`);
  for (const acl of state.acls) {
    lines.push(
      `  ${acl.permissionType} ${acl.principal} ${acl.operation} ${acl.resourceType} ${acl.patternType} ${acl.resourceName}`,
    );
  }
  if (state.dependencies.length > 0) {
    lines.push('', 'reads from:');
    for (const dependency of state.dependencies)
      lines.push(
        `  ${dependency.topic}  (owner ${dependency.appId ?? 'unknown'})`,
      );
  }
  return `${lines.join('\n')}\n`;
}
