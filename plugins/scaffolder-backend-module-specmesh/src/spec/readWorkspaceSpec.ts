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

import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DesiredState,
  DesiredStateResult,
  formatProblem,
} from '@meshport/plugin-specmesh-common';
import {
  readSpecFile,
  SpecmeshSubmittedSpec,
} from '@meshport/plugin-specmesh-node';
import { dirname } from 'node:path';

/** Where the actions look for the spec when the step names no path. */
export const DEFAULT_SPEC_PATH = 'asyncapi.yaml';

/**
 * Reads the spec at `relativePath` in the workspace, and the schema files it
 * refers to, with the one confined reader: no ref is read outside the spec's
 * folder, however spelled, and a leading `/` in a ref means that folder (the
 * SpecMesh convention, as for specs in the catalog and the CLI).
 * Throws an InputError naming the path, or the refs refused and why (never
 * what a refused file holds).
 */
export async function readWorkspaceSpec(
  workspacePath: string,
  relativePath: string = DEFAULT_SPEC_PATH,
): Promise<SpecmeshSubmittedSpec> {
  let path: string;
  try {
    path = resolveSafeChildPath(workspacePath, relativePath);
  } catch {
    throw new InputError(
      `Input path '${relativePath}' points outside the workspace: give the spec's path relative to the workspace`,
    );
  }
  let source;
  try {
    source = await readSpecFile(path, { root: dirname(path) });
  } catch (error) {
    // The reader's message names the file and why, never its content.
    throw new InputError(
      `${withRelativePath(
        (error as Error).message,
        path,
        relativePath,
      )}. Fetch the template first, or set input path to the spec's location`,
    );
  }
  // Problems name the spec by its workspace path, which the template author knows.
  const problems = source.problems.map(problem => ({
    ...problem,
    ...(problem.file !== undefined && {
      file: withRelativePath(problem.file, path, relativePath),
    }),
    message: withRelativePath(problem.message, path, relativePath),
  }));
  const errors = problems.filter(problem => problem.severity === 'error');
  if (errors.length > 0) {
    throw new InputError(
      `${relativePath} refers to schema files that cannot be read:\n${errors
        .map(formatProblem)
        .join('\n')}`,
    );
  }
  return {
    file: relativePath,
    text: source.text,
    schemaFiles: source.schemaFiles,
  };
}

/** The reader's message, naming the workspace path instead of the task's folder. */
function withRelativePath(message: string, path: string, relativePath: string) {
  return message.split(path).join(relativePath);
}

/**
 * The judge's desired state for a valid spec: logs every warning, throws an
 * InputError carrying every error.
 */
export function validDesiredState(
  file: string,
  { state, problems }: DesiredStateResult,
  logger: { warn(message: string): void },
): DesiredState {
  for (const warning of problems.filter(p => p.severity === 'warning')) {
    logger.warn(formatProblem(warning));
  }
  const errors = problems.filter(p => p.severity === 'error');
  if (errors.length > 0 || !state) {
    throw new InputError(
      `${file} breaks the SpecMesh rules:\n${errors
        .map(formatProblem)
        .join('\n')}`,
    );
  }
  return state;
}
