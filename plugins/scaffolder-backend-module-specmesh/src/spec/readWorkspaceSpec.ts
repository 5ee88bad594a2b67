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

import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DesiredState,
  formatProblem,
  SpecProblem,
} from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  LoadSpecOptions,
  loadSpecText,
} from '@meshport/plugin-specmesh-node';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where the actions look for the spec when the step names no path. */
export const DEFAULT_SPEC_PATH = 'asyncapi.yaml';

/** A workspace spec that follows the rule book. */
export interface WorkspaceSpec {
  /** The spec's path as the step gave it, relative to the workspace. */
  path: string;
  desired: DesiredState;
  warnings: SpecProblem[];
}

/**
 * Reads the spec at `relativePath` in the workspace and runs the rule book on
 * it. Logs every warning; throws an InputError carrying every error, or naming
 * the path and the fix when the file cannot be read.
 */
export async function readWorkspaceSpec(
  workspacePath: string,
  relativePath: string = DEFAULT_SPEC_PATH,
  options: { logger: LoggerService } & LoadSpecOptions,
): Promise<WorkspaceSpec> {
  const { logger, ...loadOptions } = options;
  let path: string;
  try {
    path = resolveSafeChildPath(workspacePath, relativePath);
  } catch {
    throw new InputError(
      `Input path '${relativePath}' points outside the workspace: give the spec's path relative to the workspace`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `No spec readable at '${relativePath}' in the workspace (${
        (error as Error).message
      }): fetch the template first, or set input path to the spec's location`,
    );
  }

  // Problems name the spec by its workspace path, which the template author
  // knows; schema refs resolve against the spec's own folder.
  const { state, problems } = await loadSpecText(text, {
    ...loadOptions,
    file: relativePath,
    baseDir: dirname(path),
  });

  const warnings = problems.filter(p => p.severity === 'warning');
  for (const warning of warnings) {
    logger.warn(formatProblem(warning));
  }
  const errors = problems.filter(p => p.severity === 'error');
  if (errors.length > 0 || !state) {
    throw new InputError(
      `${relativePath} breaks the SpecMesh rules:\n${errors
        .map(formatProblem)
        .join('\n')}`,
    );
  }
  return { path: relativePath, desired: state, warnings };
}

/**
 * The workspace's spec as `cluster` sees it: with its principal map and its
 * idempotent-write setting, which decide the ACLs the spec implies there.
 */
export function readWorkspaceSpecForCluster(
  cluster: Pick<ClusterConfig, 'principals' | 'idempotentWrite'>,
  workspacePath: string,
  relativePath: string | undefined,
  logger: LoggerService,
): Promise<WorkspaceSpec> {
  return readWorkspaceSpec(workspacePath, relativePath, {
    logger,
    principalMap: cluster.principals,
    idempotentWrite: cluster.idempotentWrite,
  });
}
