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
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'yaml';
import {
  CATALOG_INFO_FILE,
  LocalDataProductProvider,
} from './LocalDataProductProvider';

const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Demo only: `demo:publish:local` copies the workspace into a folder of the
 * publish directory and registers it in the catalog through
 * {@link LocalDataProductProvider}: what `publish:github` followed by
 * `catalog:register` do with a git host.
 */
export function createLocalPublishAction(options: {
  provider: LocalDataProductProvider;
}) {
  const { provider } = options;
  return createTemplateAction({
    id: 'demo:publish:local',
    description:
      "Demo portal only: publishes the workspace into a folder of meshport.demo.localPublishDir and registers its catalog-info.yaml in the catalog, in place of a git host's publish and catalog:register.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish a new data product under its app-id.',
        example: yaml.stringify({
          steps: [
            {
              id: 'publish',
              action: 'demo:publish:local',
              name: 'Publish',
              input: { name: '${{ parameters.appId }}' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: z =>
        z.object({
          name: z
            .string()
            .describe(
              "The folder to publish into, for example the data product's app-id: letters, digits, '.', '_' and '-'",
            ),
          sourcePath: z
            .string()
            .default('.')
            .describe(
              'The workspace folder to publish, holding catalog-info.yaml. Default: the whole workspace',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The first entity of the published catalog-info.yaml'),
          catalogInfoPath: z
            .string()
            .describe('Where the published catalog-info.yaml is'),
          remoteUrl: z
            .string()
            .describe('The published folder, as a file: URL'),
        }),
    },
    async handler(ctx) {
      const { name } = ctx.input;
      if (!FOLDER_NAME.test(name) || name.includes('..')) {
        throw new InputError(
          `Invalid input name '${name}': use letters, digits, '.', '_' and '-', starting with a letter or digit, for example the app-id`,
        );
      }
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const entityRef = await firstEntityRef(join(source, CATALOG_INFO_FILE));
      const target = join(provider.publishDirectory, name);

      if (!ctx.isDryRun) {
        await ctx.checkpoint({
          key: `demo.publish.local.${name}`,
          fn: async () => {
            await publishFolder(source, provider.publishDirectory, name, {
              stagingName: `.${name}.${ctx.task.id}`,
            });
            await provider.refresh();
          },
        });
        ctx.logger.info(`Published ${entityRef} to ${target}`);
      }
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoPath', join(target, CATALOG_INFO_FILE));
      ctx.output('remoteUrl', pathToFileURL(target).toString());
    },
  });
}

async function firstEntityRef(catalogInfoPath: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(catalogInfoPath, 'utf8');
  } catch (error) {
    throw new InputError(
      `Nothing to publish: ${CATALOG_INFO_FILE} is not readable in the workspace folder (${
        (error as Error).message
      }); render it first, or set input sourcePath to its folder`,
    );
  }
  const entity = yaml.parseAllDocuments(text)[0]?.toJS();
  try {
    return stringifyEntityRef(entity);
  } catch (error) {
    throw new InputError(
      `The workspace's ${CATALOG_INFO_FILE} does not start with an entity (${
        (error as Error).message
      })`,
    );
  }
}

/** Copies into a hidden folder first, so the catalog never sees half a data product. */
async function publishFolder(
  source: string,
  directory: string,
  name: string,
  options: { stagingName: string },
) {
  await mkdir(directory, { recursive: true });
  const staging = join(directory, options.stagingName);
  const target = join(directory, name);
  await rm(staging, { recursive: true, force: true });
  await cp(source, staging, { recursive: true });
  try {
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      throw new ConflictError(
        `A data product is already published at ${target}: choose another name, or remove that folder`,
      );
    }
    throw error;
  }
}
