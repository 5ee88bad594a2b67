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
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import catalogModuleSpecmesh from '@meshport/plugin-catalog-backend-module-specmesh';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';
import { readdirSync, readFileSync } from 'node:fs';
import request from 'supertest';
import localPublishFeatures from '.';
import { createLocalPublishAction } from './createLocalPublishAction';
import { LocalDataProductProvider } from './LocalDataProductProvider';

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: acme.demo.orders
  annotations:
    meshport.dev/data-product: 'true'
spec:
  type: asyncapi
  lifecycle: experimental
  owner: group:default/acme
  definition:
    $text: ./asyncapi.yaml
`;

const asyncapi = `asyncapi: '2.6.0'
id: 'urn:acme.demo.orders'
info:
  title: Orders
  version: '1.0.0'
channels:
  _public.placed:
    publish:
      message:
        payload:
          $ref: /schema/placed.avsc
`;

const placedSchema = JSON.stringify({
  type: 'record',
  name: 'Placed',
  fields: [{ name: 'id', type: 'string' }],
});

const dataProduct = {
  'catalog-info.yaml': catalogInfo,
  'asyncapi.yaml': asyncapi,
  schema: { 'placed.avsc': placedSchema },
};

describe('demo:publish:local', () => {
  const workspace = createMockDirectory();
  const publishDir = createMockDirectory();
  let provider: LocalDataProductProvider;
  let connection: jest.Mocked<EntityProviderConnection>;

  beforeEach(async () => {
    workspace.setContent(dataProduct);
    publishDir.clear();
    provider = new LocalDataProductProvider(publishDir.path);
    connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await provider.connect(connection);
  });

  function context(input: { name: string; sourcePath?: string }) {
    return createMockActionContext<any>({
      input,
      workspacePath: workspace.path,
    });
  }

  it('publishes the workspace into a folder and registers its catalog-info.yaml', async () => {
    const ctx = context({ name: 'acme.demo.orders' });

    await createLocalPublishAction({ provider }).handler(ctx);

    expect(publishDir.content({ shouldReadAsText: true })).toEqual({
      'acme.demo.orders': dataProduct,
    });
    const target = publishDir.resolve('acme.demo.orders', 'catalog-info.yaml');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'api:default/acme.demo.orders',
    );
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoPath', target);
    expect(connection.applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [
        {
          locationKey: `file:${target}`,
          entity: expect.objectContaining({
            kind: 'Location',
            spec: { type: 'file', target },
          }),
        },
      ],
    });
  });

  it('refuses to publish over an existing data product, leaving no trace', async () => {
    const action = createLocalPublishAction({ provider });
    await action.handler(context({ name: 'acme.demo.orders' }));
    workspace.setContent({ ...dataProduct, 'README.md': 'second' });

    await expect(
      action.handler(context({ name: 'acme.demo.orders' })),
    ).rejects.toThrow(
      `A data product is already published at ${publishDir.resolve(
        'acme.demo.orders',
      )}: choose another name, or remove that folder`,
    );
    expect(readdirSync(publishDir.path)).toEqual(['acme.demo.orders']);
    expect(
      readFileSync(
        publishDir.resolve('acme.demo.orders', 'asyncapi.yaml'),
        'utf8',
      ),
    ).toBe(asyncapi);
  });

  it('writes nothing in a dry run', async () => {
    const ctx = { ...context({ name: 'acme.demo.orders' }), isDryRun: true };

    await createLocalPublishAction({ provider }).handler(ctx);

    expect(readdirSync(publishDir.path)).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'api:default/acme.demo.orders',
    );
  });

  it.each(['../escape', '.hidden', 'a/b', ''])(
    'refuses the folder name %j',
    async name => {
      await expect(
        createLocalPublishAction({ provider }).handler(context({ name })),
      ).rejects.toThrow(`Invalid input name '${name}'`);
    },
  );

  it('says what is missing when the workspace has no catalog-info.yaml', async () => {
    workspace.setContent({ 'asyncapi.yaml': asyncapi });
    await expect(
      createLocalPublishAction({ provider }).handler(context({ name: 'x' })),
    ).rejects.toThrow(
      /^Nothing to publish: catalog-info\.yaml is not readable in the workspace folder \(.*ENOENT.*\); render it first, or set input sourcePath to its folder$/,
    );
  });
});

describe('the demo local publish features', () => {
  const publishDir = createMockDirectory();
  // Each test starts a backend with the catalog or the scaffolder: seconds on a
  // loaded machine, so jest's 5 s default is no bound for them.
  jest.setTimeout(120_000);

  it('let the catalog ingest a published folder like a repository', async () => {
    publishDir.setContent({ 'acme.demo.orders': dataProduct });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleSpecmesh,
        localPublishFeatures,
        mockServices.rootConfig.factory({
          data: {
            catalog: { rules: [{ allow: ['API', 'Resource', 'Location'] }] },
            meshport: { demo: { localPublishDir: publishDir.path } },
          },
        }),
      ],
    });
    try {
      const path = '/api/catalog/entities/by-name/api/default/acme.demo.orders';
      let entity: any;
      const deadline = Date.now() + 90_000;
      while (
        Date.now() < deadline &&
        !entity?.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION]
      ) {
        const response = await request(backend.server)
          .get(path)
          .set('Authorization', mockCredentials.user.header());
        entity = response.status === 200 ? response.body : undefined;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      expect(entity.metadata.annotations).toMatchObject({
        [MESHPORT_APP_ID_ANNOTATION]: 'acme.demo.orders',
        'backstage.io/managed-by-location': `file:${publishDir.resolve(
          'acme.demo.orders',
          'catalog-info.yaml',
        )}`,
      });
      expect(entity.spec.definition).toBe(asyncapi);
    } finally {
      await backend.stop();
    }
  });

  it.each([
    ['offer', 'with', { localPublishDir: publishDir.path }, true],
    ['do not offer', 'without', {}, false],
  ])(
    '%s the scaffolder action %s meshport.demo.localPublishDir',
    async (_offer, _with, demo, offered) => {
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          scaffolderPlugin,
          localPublishFeatures,
          mockServices.rootConfig.factory({ data: { meshport: { demo } } }),
        ],
      });
      try {
        const response = await request(backend.server)
          .get('/api/scaffolder/v2/actions')
          .set('Authorization', mockCredentials.user.header());
        expect(response.status).toBe(200);
        expect(
          response.body.some(
            (action: { id: string }) => action.id === 'demo:publish:local',
          ),
        ).toBe(offered);
      } finally {
        await backend.stop();
      }
    },
  );
});
