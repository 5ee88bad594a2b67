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

import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  computeDesiredState,
  formatProblem,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { catalogModuleSpecmesh } from './module';

// The shared test vectors live beside the repository: <repo>/../shared.
const onboardingSpec = readFileSync(
  resolvePath(
    __dirname,
    '../../../../shared/vectors/01-onboarding.asyncapi.yaml',
  ),
  'utf8',
);

// No id, so no app-id: an error of the rule book.
const namelessSpec =
  "asyncapi: '2.5.0'\ninfo: { title: x, version: '1' }\nchannels: {}\n";

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: acme.lifestyle.onboarding
spec:
  type: asyncapi
  lifecycle: production
  definition:
    $text: ./asyncapi.yaml
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: nameless
spec:
  type: asyncapi
  lifecycle: production
  owner: group:default/admins
  definition:
    $text: ./nameless.yaml
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: explicit-owner
spec:
  type: asyncapi
  lifecycle: production
  owner: group:default/admins
  definition:
    $text: ./asyncapi.yaml
`;

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

describe('catalogModuleSpecmesh in a real catalog', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dir = createMockDirectory({
    content: {
      'catalog-info.yaml': catalogInfo,
      'asyncapi.yaml': onboardingSpec,
      'nameless.yaml': namelessSpec,
    },
  });

  it('annotates and owns AsyncAPI entities, and reports a bad spec on its entity alone', async () => {
    const processingErrors: Array<{ entity: string; message: string }> = [];
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
                  processingErrors.push({
                    entity: unprocessedEntity.metadata.name,
                    message: error.message,
                  });
                }
              },
            );
          },
        });
      },
    });

    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleSpecmesh,
        captureErrors,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['API', 'Location'] }],
              locations: [
                { type: 'file', target: dir.resolve('catalog-info.yaml') },
              ],
            },
          },
        }),
      ],
    });

    const byName = (name: string) =>
      eventually(async () => {
        const res = await request(server).get(
          `/api/catalog/entities/by-name/api/default/${name}`,
        );
        return res.status === 200 ? (res.body as Entity) : undefined;
      }, `API entity ${name} in the catalog`);

    const onboarding = await byName('acme.lifestyle.onboarding');
    expect(onboarding.metadata.annotations?.['meshport.dev/app-id']).toBe(
      'acme.lifestyle.onboarding',
    );
    expect(onboarding.spec?.owner).toBe(
      'group:default/acme.lifestyle.onboarding',
    );
    expect(onboarding.spec?.definition).toBe(onboardingSpec);

    const explicit = await byName('explicit-owner');
    expect(explicit.spec?.owner).toBe('group:default/admins');

    const error = await eventually(
      async () => processingErrors.find(e => e.entity === 'nameless'),
      'the processing error of API nameless',
    );
    const nameless = parseSpecText(namelessSpec, 'api:default/nameless');
    const [expectedError] = computeDesiredState(nameless.document, {
      file: 'api:default/nameless',
    }).problems.filter(p => p.severity === 'error');
    expect(error.message).toBe(formatProblem(expectedError));
    expect(processingErrors.map(e => e.entity)).not.toContain(
      'acme.lifestyle.onboarding',
    );
    const namelessEntity = await request(server).get(
      '/api/catalog/entities/by-name/api/default/nameless',
    );
    expect(namelessEntity.status).toBe(404);
  }, 60_000);
});
