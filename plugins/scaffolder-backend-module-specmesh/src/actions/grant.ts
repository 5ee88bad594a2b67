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

import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  editGrantAccess,
  GrantEditError,
} from '@meshport/plugin-specmesh-common';
import { writeSpecFile } from '@meshport/plugin-specmesh-node';
import {
  DEFAULT_SPEC_PATH,
  readWorkspaceSpec,
} from '../spec/readWorkspaceSpec';
import { examples } from './grant.examples';
import { specPath } from './inputs';

/**
 * Creates `specmesh:spec:grant`: adds or removes the `grant-access:<app-id>`
 * tag on one topic's channel in a spec in the workspace, changing only the
 * tag's lines (comments and layout stay), so that a pull request shows the
 * grant and nothing else. Changes no cluster: the cluster follows the spec.
 *
 * @public
 */
export function createSpecmeshSpecGrantAction() {
  return createTemplateAction({
    id: 'specmesh:spec:grant',
    description:
      "Grants or revokes a data product's read access to a topic by editing the grant-access tag in a SpecMesh AsyncAPI spec in the workspace, keeping the file's comments and layout. Changes the spec only; the cluster follows through the reconcile or an owner's apply.",
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          path: specPath(z),
          topic: z
            .string()
            .describe(
              "The full Kafka topic name, as the owner's spec declares it, e.g. acme.lifestyle.onboarding._protected.purchased. _private topics are never shared; _public ones need no grant",
            ),
          appId: z
            .string()
            .describe(
              'The app-id of the data product that gains or loses read access, e.g. acme.finance.accounting',
            ),
          action: z
            .enum(['grant', 'revoke'])
            .default('grant')
            .describe(
              "'grant' (the default) adds the grant-access tag to the channel's write operation; 'revoke' removes it wherever the rules read it",
            ),
        }),
      output: z =>
        z.object({
          changed: z
            .boolean()
            .describe(
              'Whether the spec changed; false when it already said what was asked',
            ),
          specPath: z
            .string()
            .describe('The edited spec, relative to the workspace'),
          channel: z
            .string()
            .describe("The key of the topic's channel in the spec"),
        }),
    },
    async handler(ctx) {
      const relativePath = ctx.input.path ?? DEFAULT_SPEC_PATH;
      const action = ctx.input.action ?? 'grant';
      // The one confined reader: the path stays inside the workspace.
      const spec = await readWorkspaceSpec(ctx.workspacePath, relativePath);
      let edit;
      try {
        edit = editGrantAccess(spec.text, {
          topic: ctx.input.topic,
          appId: ctx.input.appId,
          action,
        });
      } catch (error) {
        if (error instanceof GrantEditError) {
          throw new InputError(
            `${relativePath}: ${error.message} ${error.fix}`,
          );
        }
        throw error;
      }
      if (edit.changed) {
        await writeSpecFile(
          resolveSafeChildPath(ctx.workspacePath, relativePath),
          edit.text,
        );
      }
      ctx.logger.info(
        edit.changed
          ? `${relativePath}: ${
              action === 'grant' ? 'granted' : 'revoked'
            } read access to ${edit.topic} for ${ctx.input.appId} (channel ${
              edit.channel
            })`
          : `${relativePath}: unchanged, it already ${
              action === 'grant' ? 'grants' : 'does not grant'
            } ${ctx.input.appId} read access to ${edit.topic}`,
      );
      ctx.output('changed', edit.changed);
      ctx.output('specPath', relativePath);
      ctx.output('channel', edit.channel);
    },
  });
}
