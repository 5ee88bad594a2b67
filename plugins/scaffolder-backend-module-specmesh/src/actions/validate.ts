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
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { formatProblem } from '@meshport/plugin-specmesh-common';
import { LoadedSpec, loadSpecText } from '@meshport/plugin-specmesh-node';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { examples } from './validate.examples';

const DEFAULT_SPEC_PATH = 'asyncapi.yaml';

/**
 * Creates `specmesh:spec:validate`: checks a SpecMesh AsyncAPI spec in the
 * workspace against the SpecMesh rule book and outputs its app-id and topics.
 *
 * @public
 */
export function createSpecmeshSpecValidateAction() {
  return createTemplateAction({
    id: 'specmesh:spec:validate',
    description:
      'Checks a SpecMesh AsyncAPI spec in the workspace against the SpecMesh rules; fails with every error found, and outputs the app-id and the topics the spec declares.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          path: z
            .string()
            .default(DEFAULT_SPEC_PATH)
            .describe(
              `Path of the AsyncAPI spec, relative to the workspace. Default: ${DEFAULT_SPEC_PATH}`,
            ),
        }),
      output: z =>
        z.object({
          appId: z
            .string()
            .describe(
              "The spec's app-id, from its id (urn:<app-id>): the prefix of every topic it owns",
            ),
          topics: z
            .array(z.string())
            .describe('The full names of the topics the spec declares'),
          warnings: z
            .number()
            .int()
            .describe('How many warnings the rules raised; each one is logged'),
        }),
    },
    async handler(ctx) {
      // The scaffolder checks input against the JSON schema, which does not
      // fill in zod defaults.
      const relativePath = ctx.input.path ?? DEFAULT_SPEC_PATH;
      const result = await validateSpecFile(ctx.workspacePath, relativePath);

      const warnings = result.problems.filter(p => p.severity === 'warning');
      for (const warning of warnings) {
        ctx.logger.warn(formatProblem(warning));
      }
      const errors = result.problems.filter(p => p.severity === 'error');
      if (errors.length > 0 || !result.state) {
        throw new InputError(
          `${relativePath} breaks the SpecMesh rules:\n${errors
            .map(formatProblem)
            .join('\n')}`,
        );
      }

      ctx.logger.info(
        `${relativePath}: app-id ${result.state.appId}, ${result.state.topics.length} topic(s), ${warnings.length} warning(s)`,
      );
      ctx.output('appId', result.state.appId);
      ctx.output(
        'topics',
        result.state.topics.map(topic => topic.name),
      );
      ctx.output('warnings', warnings.length);
    },
  });
}

async function validateSpecFile(
  workspacePath: string,
  relativePath: string,
): Promise<LoadedSpec> {
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
  return loadSpecText(text, { file: relativePath, baseDir: dirname(path) });
}
