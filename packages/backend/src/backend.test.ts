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
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleSpecmesh from '@meshport/plugin-catalog-backend-module-specmesh';
import scaffolderModuleSpecmesh from '@meshport/plugin-scaffolder-backend-module-specmesh';
import specmeshPlugin from '@meshport/plugin-specmesh-backend';
import { specmeshEntityProvisionPermission } from '@meshport/plugin-specmesh-common';
import { dropTestDatabase, TEST_DATABASES } from '@meshport/dev-infra';
import type { Knex } from 'knex';
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { permissionModuleMeshportPolicy } from './permissionPolicy';

// The shared test vectors live beside the repository: <repo>/../shared.
const vectors = resolvePath(__dirname, '../../../../shared/vectors');
const onboardingSpec = readFileSync(
  resolvePath(vectors, '01-onboarding.asyncapi.yaml'),
  'utf8',
);
// The spec's schema files: the catalog reads them with the spec, and a missing one is an error.
const onboardingSchemaFiles = Object.fromEntries(
  [
    'simple.schema_demo._public.user_signed_up.avsc',
    'simple.schema_demo._public.user_checkout.yml',
  ].map(name => [
    name,
    readFileSync(resolvePath(vectors, 'schema', name), 'utf8'),
  ]),
);

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: acme.lifestyle.onboarding
  annotations:
    meshport.dev/data-product: 'true'
spec:
  type: asyncapi
  lifecycle: production
  owner: user:default/alice
  definition:
    $text: ./asyncapi.yaml
`;

/**
 * Mock auth whose on-behalf-of tokens keep the calling plugin as the actor, as
 * real ones do. The permission backend and the catalog's apply-conditions
 * endpoint refuse user credentials without an actor, and the mock of
 * backend-test-utils 1.11 drops it; without this, every permission check a
 * plugin makes for a user would fail here.
 */
const authWithCallingPlugin = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const getPluginRequestToken = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const caller = options.onBehalfOf;
      if (!auth.isPrincipal(caller, 'user')) {
        return getPluginRequestToken(options);
      }
      return {
        token: mockCredentials.user.token(caller.principal.userEntityRef, {
          actor: { subject: `plugin:${plugin.getId()}` },
        }),
      };
    };
    return auth;
  },
});

/**
 * Every plugin gets a fresh logical database of the engine under test; the
 * ones handed out are collected in `created`.
 */
function databasePerPlugin(
  databases: TestDatabases,
  id: TestDatabaseId,
  created: Knex[],
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {},
    async factory() {
      const knex = await databases.init(id);
      created.push(knex);
      return mockServices.database({ knex });
    },
  });
}

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('the Meshport backend', () => {
  // Postgres joins when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  // is set; never through Docker, which the project's machines lack.
  const databases = TestDatabases.create(TEST_DATABASES);
  const dir = createMockDirectory({
    content: {
      'catalog-info.yaml': catalogInfo,
      'asyncapi.yaml': onboardingSpec,
      schema: onboardingSchemaFiles,
    },
  });

  it.each(databases.eachSupportedId())(
    'boots on %s with the catalog, the SpecMesh features and the Meshport policy',
    async databaseId => {
      const created: Knex[] = [];
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          scaffolderPlugin,
          permissionPlugin,
          permissionModuleMeshportPolicy,
          specmeshPlugin,
          catalogModuleSpecmesh,
          scaffolderModuleSpecmesh,
          authWithCallingPlugin,
          databasePerPlugin(databases, databaseId, created),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              catalog: {
                rules: [
                  { allow: ['API', 'Resource', 'Group', 'User', 'Location'] },
                ],
                locations: [
                  { type: 'file', target: dir.resolve('catalog-info.yaml') },
                ],
              },
            },
          }),
        ],
      });
      // Stopped here, before its databases are dropped.
      const { server } = backend;
      try {
        const alice = {
          Authorization: mockCredentials.user.header('user:default/alice'),
        };
        const bob = {
          Authorization: mockCredentials.user.header('user:default/bob'),
        };

        const health = await request(server).get('/api/specmesh/health');
        expect(health.status).toBe(200);

        const entity = await eventually(async () => {
          const res = await request(server)
            .get(
              '/api/catalog/entities/by-name/api/default/acme.lifestyle.onboarding',
            )
            .set(bob);
          return res.status === 200 ? res.body : undefined;
        }, 'the onboarding API in the catalog');
        expect(entity.metadata.annotations['meshport.dev/app-id']).toBe(
          'acme.lifestyle.onboarding',
        );

        const desired = await request(server)
          .get(
            '/api/specmesh/entities/api/default/acme.lifestyle.onboarding/desired-state',
          )
          .set(bob);
        expect(desired.status).toBe(200);
        expect(desired.body.state.topics).toHaveLength(3);

        const actions = await request(server)
          .get('/api/scaffolder/v2/actions')
          .set(bob);
        expect(actions.status).toBe(200);
        expect(actions.body.map((a: { id: string }) => a.id)).toContain(
          'specmesh:spec:validate',
        );

        const authorizeProvision = (caller: { Authorization: string }) =>
          request(server)
            .post('/api/permission/authorize')
            .set(caller)
            .send({
              items: [
                {
                  id: 'provision',
                  permission: specmeshEntityProvisionPermission,
                  resourceRef: 'api:default/acme.lifestyle.onboarding',
                },
              ],
            });
        const asOwner = await authorizeProvision(alice);
        expect(asOwner.status).toBe(200);
        expect(asOwner.body.items).toEqual([
          { id: 'provision', result: 'ALLOW' },
        ]);
        const asOther = await authorizeProvision(bob);
        expect(asOther.body.items).toEqual([
          { id: 'provision', result: 'DENY' },
        ]);

        // The plugin enforces the same conditional decision on apply: bob is
        // refused; alice passes and reaches the cluster check (this test
        // configures none). Its history, on this database, is empty.
        const specmeshEntity =
          '/api/specmesh/entities/api/default/acme.lifestyle.onboarding';
        const applyAsBob = await request(server)
          .post(`${specmeshEntity}/apply`)
          .set(bob)
          .send({});
        expect(applyAsBob.status).toBe(403);
        const applyAsAlice = await request(server)
          .post(`${specmeshEntity}/apply`)
          .set(alice)
          .send({});
        expect(applyAsAlice.status).toBe(400);
        expect(applyAsAlice.body.error.message).toContain(
          'No Kafka cluster is configured',
        );
        const history = await request(server)
          .get(`${specmeshEntity}/applies`)
          .set(bob);
        expect(history.status).toBe(200);
        expect(history.body.totalCount).toBe(0);
      } finally {
        await backend.stop();
        await Promise.all(created.map(dropTestDatabase));
      }
    },
    90_000,
  );
});

describe('the demo catalog of app-config.yaml', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const backendDir = resolvePath(__dirname, '..');

  // The API entities the demo's locations register, read from the files.
  function demoApiNames(locations: Array<{ target: string }>): string[] {
    const names: string[] = [];
    const visit = (file: string) => {
      for (const doc of yaml.parseAllDocuments(readFileSync(file, 'utf8'))) {
        const entity = doc.toJS();
        if (entity?.kind === 'Location') {
          for (const target of entity.spec?.targets ?? []) {
            visit(resolvePath(dirname(file), target));
          }
        } else if (entity?.kind === 'API') {
          names.push(entity.metadata.name);
        }
      }
    };
    locations.forEach(l => visit(l.target));
    return names;
  }

  it('ingests every data product without a processing error', async () => {
    const appConfig = yaml.parse(
      readFileSync(resolvePath(backendDir, '../../app-config.yaml'), 'utf8'),
    );
    // File targets are relative to packages/backend, where the backend runs.
    const locations = appConfig.catalog.locations.map(
      (l: { type: string; target: string }) => ({
        ...l,
        target: resolvePath(backendDir, l.target),
      }),
    );
    const apiNames = demoApiNames(locations);
    expect(apiNames.length).toBeGreaterThan(0);

    const processingErrors: string[] = [];
    const captureErrors = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'capture-errors',
      register(reg) {
        reg.registerInit({
          deps: { catalog: catalogProcessingExtensionPoint },
          async init({ catalog }) {
            catalog.setOnProcessingErrorHandler(
              ({ unprocessedEntity, errors }) => {
                for (const error of errors) {
                  processingErrors.push(
                    `${stringifyEntityRef(unprocessedEntity)}: ${
                      error.message
                    }`,
                  );
                }
              },
            );
          },
        });
      },
    });

    const created: Knex[] = [];
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        // app-config.yaml also registers the Software Template.
        catalogModuleScaffolderEntityModel,
        catalogModuleSpecmesh,
        captureErrors,
        databasePerPlugin(databases, 'SQLITE_3', created),
        mockServices.rootConfig.factory({
          data: { catalog: { ...appConfig.catalog, locations } },
        }),
      ],
    });
    try {
      for (const name of apiNames) {
        const entity = await eventually(async () => {
          const res = await request(backend.server).get(
            `/api/catalog/entities/by-name/api/default/${name}`,
          );
          return res.status === 200 ? res.body : undefined;
        }, `API ${name} of the demo catalog`);
        expect(entity.metadata.annotations['meshport.dev/app-id']).toEqual(
          expect.any(String),
        );
        expect(entity.spec.owner).toEqual(expect.any(String));
      }
      expect(processingErrors).toEqual([]);
    } finally {
      await backend.stop();
    }
  }, 90_000);
});
