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

import { TestDatabases } from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { TEST_DATABASES } from '@meshport/dev-infra';
import { resolve as resolvePath } from 'node:path';
import {
  eventually,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';
import {
  ORDINARY_ASYNCAPI_CATALOG_INFO,
  ordinaryAsyncApis,
} from './__testUtils__/ordinaryAsyncApis';

// A portal's own AsyncAPI APIs next to Meshport's data products, in the real
// catalog: the module touches only the data products.

const repoRoot = resolvePath(__dirname, '../../..');
const ordinary = ordinaryAsyncApis();
const ordinaryRefs = Object.values(ordinary).map(e => stringifyEntityRef(e));
const exampleAppIds = [
  'acme.lifestyle.onboarding',
  'acme.finance.accounting',
  'acme.logistics.shipping',
];

const processingErrorsOf = (entity: Entity) =>
  (entity as AlphaEntity).status?.items ?? [];

describe('ordinary AsyncAPI APIs next to data products, in a real catalog', () => {
  // Postgres joins when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  // is set; never through Docker, which the project's machines lack.
  const databases = TestDatabases.create(TEST_DATABASES);

  it.each(databases.eachSupportedId())(
    'on %s, stores the ordinary ones as written, and the data products as before',
    async databaseId => {
      const backend = await startCatalogTestBackend(databases, databaseId, {
        rules: [
          { allow: ['API', 'Resource', 'Group', 'User', 'System', 'Location'] },
        ],
        locations: [
          { type: 'file', target: resolvePath(repoRoot, 'examples/all.yaml') },
          { type: 'file', target: ORDINARY_ASYNCAPI_CATALOG_INFO },
        ],
      });
      try {
        // The data products as before: app-id, topics and relations.
        for (const appId of exampleAppIds) {
          const api = await backend.entity(
            `api:default/${appId}`,
            e => (e.relations ?? []).some(r => r.type === RELATION_HAS_PART),
            `the topics of ${appId}`,
          );
          expect(api.metadata.annotations).toEqual(
            expect.objectContaining({
              'meshport.dev/data-product': 'true',
              'meshport.dev/app-id': appId,
            }),
          );
          expect(api.spec?.owner).toBe(`group:default/${appId}`);
        }

        for (const [name, written] of Object.entries(ordinary)) {
          const ref = stringifyEntityRef(written);
          const stored = await backend.entity(ref);
          expect(processingErrorsOf(stored)).toEqual([]);
          // Exactly as written: the spec, the metadata, only the catalog's
          // own annotations, and no relation but the owner's.
          expect(stored.spec).toEqual(written.spec);
          expect(stored.metadata).toEqual(
            expect.objectContaining({
              ...written.metadata,
              annotations: expect.any(Object),
            }),
          );
          const annotationKeys = Object.keys(stored.metadata.annotations ?? {});
          expect(
            annotationKeys.filter(key => !key.startsWith('backstage.io/')),
          ).toEqual([]);
          expect(stored.relations).toEqual([
            {
              type: RELATION_OWNED_BY,
              targetRef: `group:default/${written.spec?.owner}`,
            },
          ]);
          expect({ name, title: stored.metadata.title }).toEqual({
            name,
            title: written.metadata.title,
          });
        }

        // Every topic Resource belongs to a data product.
        const topics = await backend.entitiesNow(
          'kind=resource,spec.type=kafka-topic',
        );
        expect(topics.length).toBeGreaterThan(0);
        for (const topic of topics) {
          const name = topic.metadata.annotations?.['meshport.dev/topic'];
          expect(exampleAppIds.some(id => name?.startsWith(`${id}.`))).toBe(
            true,
          );
          for (const relation of topic.relations ?? []) {
            expect(ordinaryRefs).not.toContain(relation.targetRef);
          }
        }

        expect(
          backend.errors.filter(e => ordinaryRefs.includes(e.entityRef)),
        ).toEqual([]);
        expect(backend.errors).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
    120_000,
  );

  it.each(databases.eachSupportedId())(
    'on %s, with dataProducts: all, judges every AsyncAPI API, and a bad spec is an error again',
    async databaseId => {
      const backend = await startCatalogTestBackend(databases, databaseId, {
        rules: [{ allow: ['API', 'Resource', 'Location'] }],
        locations: [{ type: 'file', target: ORDINARY_ASYNCAPI_CATALOG_INFO }],
        processors: { specmesh: { dataProducts: 'all' } },
      });
      try {
        for (const ref of ordinaryRefs) {
          const reported = await eventually(async () => {
            const messages = backend.errors
              .filter(e => e.entityRef === ref)
              .map(e => e.message);
            return messages.length > 0 ? messages : undefined;
          }, `the processing errors of ${ref}`);
          expect(reported.join('\n')).toContain(`${ref}: error at`);
          // The catalog stores no entity whose first processing failed.
          expect(await backend.entityNow(ref)).toBeUndefined();
        }
        const mqtt = backend.errors
          .filter(e => e.entityRef === 'api:default/streetlights-mqtt')
          .map(e => e.message)
          .join('\n');
        const kafka = backend.errors
          .filter(e => e.entityRef === 'api:default/streetlights-kafka')
          .map(e => e.message)
          .join('\n');
        // The URN id reads as an app-id; its channels are then no topics of it.
        expect(mqtt).toMatch(/channels/);
        expect(kafka).toContain('The spec has no "id"');
      } finally {
        await backend.stop();
      }
    },
    120_000,
  );
});
