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

import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { judgeSpec } from '@meshport/plugin-specmesh-node';
import {
  DEFAULT_SPEC_PATH,
  readWorkspaceSpec,
  validDesiredState,
} from '../spec/readWorkspaceSpec';
import { examples } from './validate.examples';

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
      const spec = await readWorkspaceSpec(
        ctx.workspacePath,
        ctx.input.path ?? DEFAULT_SPEC_PATH,
      );
      const verdict = await judgeSpec(spec);
      const desired = validDesiredState(spec.file, verdict, ctx.logger);
      const warnings = verdict.problems.filter(p => p.severity === 'warning');
      const path = spec.file;

      ctx.logger.info(
        `${path}: app-id ${desired.appId}, ${desired.topics.length} topic(s), ${warnings.length} warning(s)`,
      );
      ctx.output('appId', desired.appId);
      ctx.output(
        'topics',
        desired.topics.map(topic => topic.name),
      );
      ctx.output('warnings', warnings.length);
    },
  });
}
