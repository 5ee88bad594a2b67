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

import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  editGrantAccess,
  GrantEditError,
} from '@meshport/plugin-specmesh-common';
import { readSpecFile, writeSpecFile } from '@meshport/plugin-specmesh-node';
import { realpath } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'yaml';

export const EDITABLE_SPEC_DIRS_KEY = 'meshport.demo.editableSpecDirs';

/**
 * Demo only: `demo:spec:grant-local` edits a local data product's spec file in
 * place, where a git host's template would open a pull request: the demo's
 * stand-in for "approval changes the spec". Only files inside the configured
 * folders (`meshport.demo.editableSpecDirs`) are edited; the catalog is asked
 * to refresh the data product so the grant shows without waiting.
 */
export function createLocalGrantAction(options: {
  folders: string[];
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'demo:spec:grant-local',
    description: `Demo portal only: grants or revokes read access by editing the grant-access tag of a local spec file in place (inside ${EDITABLE_SPEC_DIRS_KEY}), then refreshes its data product in the catalog.`,
    supportsDryRun: true,
    examples: [
      {
        description:
          'Edit the spec an access-request proposal names (the values the SpecMesh backend passes).',
        example: yaml.stringify({
          steps: [
            {
              id: 'grant',
              action: 'demo:spec:grant-local',
              name: 'Edit the spec in place',
              input: {
                specUrl: '${{ parameters.specUrl }}',
                entityRef: '${{ parameters.entityRef }}',
                topic: '${{ parameters.topic }}',
                appId: '${{ parameters.appId }}',
                action: '${{ parameters.action }}',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: z =>
        z.object({
          specUrl: z
            .string()
            .describe(
              `The spec file as a file: URL, inside one of ${EDITABLE_SPEC_DIRS_KEY}`,
            ),
          entityRef: z
            .string()
            .optional()
            .describe('The data product to refresh in the catalog afterwards'),
          topic: z.string().describe('The full Kafka topic name'),
          appId: z
            .string()
            .describe('The app-id that gains or loses read access'),
          action: z
            .enum(['grant', 'revoke'])
            .default('grant')
            .describe("'grant' (the default) or 'revoke'"),
        }),
      output: z =>
        z.object({
          changed: z.boolean().describe('Whether the spec file changed'),
          proposal: z
            .string()
            .describe('One line for people: what happened to the spec'),
        }),
    },
    async handler(ctx) {
      const path = await confinedPath(ctx.input.specUrl, options.folders);
      const action = ctx.input.action ?? 'grant';
      // Two approvals on one spec at once must both land: read, edit and
      // write one after the other, never from the same old text.
      const edit = await oneAtATime(path, async () => {
        const { text } = await readSpecFile(path, { root: dirname(path) });
        let edited;
        try {
          edited = editGrantAccess(text, {
            topic: ctx.input.topic,
            appId: ctx.input.appId,
            action,
          });
        } catch (error) {
          if (error instanceof GrantEditError) {
            throw new InputError(`${error.message} ${error.fix}`);
          }
          throw error;
        }
        if (edited.changed && !ctx.isDryRun) {
          await writeSpecFile(path, edited.text);
        }
        return edited;
      });
      if (edit.changed && !ctx.isDryRun) {
        ctx.logger.info(
          `Edited ${path}: ${action} ${ctx.input.appId} on ${edit.topic}`,
        );
        await refresh(ctx.input.entityRef, options.catalog, {
          credentials: await ctx.getInitiatorCredentials(),
          logger: ctx.logger,
        });
      }
      const verb = action === 'grant' ? 'grants' : 'no longer grants';
      ctx.output('changed', edit.changed);
      ctx.output(
        'proposal',
        edit.changed
          ? `Spec file edited in place: it ${verb} ${ctx.input.appId} read access`
          : `The spec file already ${
              action === 'grant' ? 'grants' : 'does not grant'
            } ${ctx.input.appId} read access`,
      );
    },
  });
}

// The edits under way, per file: each waits for the one before it.
const editsInFlight = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(path: string, edit: () => Promise<T>): Promise<T> {
  const before = editsInFlight.get(path) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(edit);
  editsInFlight.set(path, mine);
  try {
    return await mine;
  } finally {
    if (editsInFlight.get(path) === mine) editsInFlight.delete(path);
  }
}

/** The file the URL names, if it lies inside one of the folders (symlinks followed). */
async function confinedPath(
  specUrl: string,
  folders: string[],
): Promise<string> {
  let path: string;
  try {
    const url = new URL(specUrl);
    if (url.protocol !== 'file:') throw new Error('not a file: URL');
    path = await realpath(fileURLToPath(url));
  } catch (error) {
    throw new InputError(
      `Input specUrl must be an existing local spec file as a file: URL (${
        (error as Error).message
      }); this demo action edits local files only, use a pull-request template for repositories`,
    );
  }
  for (const folder of folders) {
    const root = await realpath(folder).catch(() => undefined);
    if (!root) continue;
    const inside = relative(root, path);
    if (
      inside &&
      !inside.startsWith(`..${sep}`) &&
      inside !== '..' &&
      !inside.startsWith(sep)
    ) {
      return path;
    }
  }
  throw new InputError(
    `The spec file is outside the folders this demo may edit (${EDITABLE_SPEC_DIRS_KEY}); add its folder there, or use a pull-request template`,
  );
}

async function refresh(
  entityRef: string | undefined,
  catalog: CatalogService,
  ctx: {
    credentials: BackstageCredentials;
    logger: { warn(message: string): void };
  },
): Promise<void> {
  if (!entityRef) return;
  try {
    await catalog.refreshEntity(entityRef, { credentials: ctx.credentials });
  } catch (error) {
    // The catalog picks the change up on its next pass anyway.
    ctx.logger.warn(
      `Could not ask the catalog to refresh ${entityRef}: ${
        (error as Error).message
      }`,
    );
  }
}
