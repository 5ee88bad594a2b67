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
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import {
  computeDesiredState,
  DesiredState,
  formatProblem,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';
import { TEST_DATABASES } from '@meshport/dev-infra';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  eventually,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';
import { topicEntityRef } from './entities/topicEntity';

const repoRoot = resolvePath(__dirname, '../../..');
// The shared test vectors live beside the repository: <repo>/../shared.
const vectorsDir = resolvePath(repoRoot, '../shared/vectors');

const peerSpecsDir = resolvePath(repoRoot, '../shared/peer-specs/specmesh');

const readText = (path: string) => readFileSync(path, 'utf8');
const vectorSpec = (name: string) =>
  readText(resolvePath(vectorsDir, `${name}.asyncapi.yaml`));
const schemaFilesIn = (folder: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(folder).map(name => [
      name,
      readText(resolvePath(folder, name)),
    ]),
  );
const vectorState = (name: string): DesiredState =>
  JSON.parse(readText(resolvePath(vectorsDir, `${name}.expected.json`)));

/** The rule engine's verdict on a spec, the oracle of what the catalog shows. */
function desiredStateOf(text: string, file: string) {
  return computeDesiredState(parseSpecText(text, file).document, { file });
}

const topicRef = (topic: string) => stringifyEntityRef(topicEntityRef(topic));

const targetsOf = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();

/** The messages of the processing errors the entity shows in the portal. */
const processingErrorsOf = (entity: Entity): string[] =>
  ((entity as AlphaEntity).status?.items ?? []).map(
    item => item.error?.message ?? item.message,
  );

const hasRelation = (type: string, targetRef: string) => (entity: Entity) =>
  targetsOf(entity, type).includes(targetRef);

/** Grantees as the ACLs of a desired state show them (no principal mapping). */
function granteesOf(state: DesiredState, topic: string): string[] {
  return state.acls
    .filter(
      acl =>
        acl.resourceType === 'TOPIC' &&
        acl.patternType === 'LITERAL' &&
        acl.resourceName === topic &&
        acl.operation === 'READ',
    )
    .map(acl => acl.principal.replace(/^User:/, ''));
}

describe('catalogModuleSpecmesh in a real catalog', () => {
  // Postgres joins when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  // is set; never through Docker, which the project's machines lack.
  const databases = TestDatabases.create(TEST_DATABASES);

  it.each(databases.eachSupportedId())(
    'on %s, ingests the examples: APIs, topics, owners and relations in both directions',
    async databaseId => {
      const backend = await startCatalogTestBackend(databases, databaseId, {
        rules: [
          { allow: ['API', 'Resource', 'Group', 'User', 'System', 'Location'] },
        ],
        locations: [
          { type: 'file', target: resolvePath(repoRoot, 'examples/all.yaml') },
        ],
      });
      try {
        const products = ['onboarding', 'accounting', 'shipping'].map(dir => {
          const file = resolvePath(
            repoRoot,
            `examples/data-products/${dir}/asyncapi.yaml`,
          );
          const { state } = desiredStateOf(readText(file), file);
          if (!state) throw new Error(`${file} has errors`);
          return state;
        });

        for (const state of products) {
          const apiRef = `api:default/${state.appId}`;
          const owner = `group:default/${state.appId}`;
          const api = await backend.entity(apiRef);
          expect(api.metadata.annotations?.['meshport.dev/app-id']).toBe(
            state.appId,
          );
          expect(api.spec?.owner).toBe(owner);

          for (const topic of state.topics) {
            const ref = topicRef(topic.name);
            const entity = await backend.entity(
              ref,
              hasRelation(RELATION_PART_OF, apiRef),
              `${ref} partOf ${apiRef}`,
            );
            expect(entity.metadata.title).toBe(topic.name);
            expect(entity.metadata.annotations?.['meshport.dev/topic']).toBe(
              topic.name,
            );
            expect(entity.metadata.labels?.['meshport.dev/access']).toBe(
              topic.access,
            );
            expect(entity.spec).toEqual({
              type: 'kafka-topic',
              owner,
              system: 'system:default/acme-data-mesh',
            });
            expect(targetsOf(entity, RELATION_OWNED_BY)).toEqual([owner]);
          }
          const apiWithTopics = await backend.entity(
            apiRef,
            e => targetsOf(e, RELATION_HAS_PART).length === state.topics.length,
            `the topics of ${apiRef}`,
          );
          expect(targetsOf(apiWithTopics, RELATION_HAS_PART)).toEqual(
            state.topics.map(t => topicRef(t.name)).sort(),
          );
          expect(targetsOf(apiWithTopics, RELATION_DEPENDS_ON)).toEqual(
            state.dependencies.map(d => topicRef(d.topic)).sort(),
          );
        }

        // A topic page lists its producer apart from its consumers.
        const signedUp = await backend.entity(
          topicRef('acme.lifestyle.onboarding._public.user_signed_up'),
          e => targetsOf(e, RELATION_DEPENDENCY_OF).length === 2,
          'the consumers of user_signed_up',
        );
        expect(targetsOf(signedUp, RELATION_PART_OF)).toEqual([
          'api:default/acme.lifestyle.onboarding',
          'system:default/acme-data-mesh',
        ]);
        expect(targetsOf(signedUp, RELATION_DEPENDENCY_OF)).toEqual([
          'api:default/acme.finance.accounting',
          'api:default/acme.logistics.shipping',
        ]);
        const team = await backend.entity(
          'group:default/acme.lifestyle.onboarding',
          hasRelation(RELATION_OWNER_OF, stringifyEntityRef(signedUp)),
          'the onboarding team owning its topic',
        );
        expect(targetsOf(team, RELATION_OWNER_OF)).toContain(
          'api:default/acme.lifestyle.onboarding',
        );

        // The portal renders specs from the schema files their entity carries.
        const onboarding = await backend.entity(
          'api:default/acme.lifestyle.onboarding',
        );
        const onboardingDir = resolvePath(
          repoRoot,
          'examples/data-products/onboarding',
        );
        expect(
          JSON.parse(
            onboarding.metadata.annotations?.['meshport.dev/schema-files'] ??
              'null',
          ),
        ).toEqual(
          Object.fromEntries(
            [
              '/schema/simple.schema_demo._public.user_signed_up.avsc',
              '/schema/simple.schema_demo._public.user_checkout.yml',
            ].map(ref => [ref, readText(`${onboardingDir}${ref}`)]),
          ),
        );
        const accounting = await backend.entity(
          'api:default/acme.finance.accounting',
        );
        expect(
          accounting.metadata.annotations?.['meshport.dev/schema-files'],
        ).toBeUndefined();

        expect(backend.errors).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
    120_000,
  );

  it.each(databases.eachSupportedId())(
    'on %s, ingests the vectors under ownership rules, isolates a bad spec and recovers once it is fixed',
    async databaseId => {
      const goodShipping = readText(
        resolvePath(repoRoot, 'examples/data-products/shipping/asyncapi.yaml'),
      );
      // A typo in an access level: an error of the rule book (§2).
      const badShipping = goodShipping.replace(
        '_public.shipment_dispatched:',
        '_pubic.shipment_dispatched:',
      );
      const nameless =
        "asyncapi: '2.5.0'\ninfo: { title: x, version: '1' }\nchannels: {}\n";
      const dir = createMockDirectory({
        content: {
          'catalog-info.yaml': [
            apiYaml('acme.lifestyle.onboarding', './onboarding.yaml'),
            apiYaml('acme.finance.accounting', './accounting.yaml', 'admins'),
            apiYaml('nameless', './nameless.yaml', 'admins'),
            apiYaml('acme.logistics.shipping', './shipping.yaml'),
          ].join('---\n'),
          'onboarding.yaml': vectorSpec('01-onboarding'),
          'accounting.yaml': vectorSpec('02-accounting'),
          'nameless.yaml': nameless,
          'shipping.yaml': goodShipping,
          // The schema files the specs refer to, beside them as in a repository.
          schema: {
            ...schemaFilesIn(resolvePath(vectorsDir, 'schema')),
            ...schemaFilesIn(
              resolvePath(repoRoot, 'examples/data-products/shipping/schema'),
            ),
          },
        },
      });

      const backend = await startCatalogTestBackend(databases, databaseId, {
        rules: [{ allow: ['API', 'Resource', 'Location'] }],
        locations: [{ type: 'file', target: dir.resolve('catalog-info.yaml') }],
        processors: {
          specmesh: {
            ownership: [
              { appIdPrefix: 'acme.lifestyle', owner: 'lifestyle' },
              { appIdPrefix: 'acme', system: 'acme-mesh' },
            ],
          },
        },
      });
      try {
        // Ownership: the longest rule's owner; the entity's own owner wins,
        // as written on the API and as a full ref on its topics.
        const cases = [
          {
            vector: '01-onboarding',
            apiOwner: 'group:default/lifestyle',
            owner: 'group:default/lifestyle',
          },
          {
            vector: '02-accounting',
            apiOwner: 'admins',
            owner: 'group:default/admins',
          },
        ];
        for (const { vector, apiOwner, owner } of cases) {
          const state = vectorState(vector);
          const apiRef = `api:default/${state.appId}`;
          const api = await backend.entity(apiRef);
          expect(api.spec?.owner).toBe(apiOwner);
          expect(api.spec?.system).toBe('system:default/acme-mesh');

          for (const topic of state.topics) {
            const entity = await backend.entity(topicRef(topic.name));
            const annotations = entity.metadata.annotations ?? {};
            expect(entity.spec).toEqual({
              type: 'kafka-topic',
              owner,
              system: 'system:default/acme-mesh',
            });
            expect(annotations['meshport.dev/partitions']).toBe(
              topic.partitions === null ? undefined : String(topic.partitions),
            );
            expect(annotations['meshport.dev/replicas']).toBe(
              topic.replicas === null ? undefined : String(topic.replicas),
            );
            expect(
              JSON.parse(annotations['meshport.dev/topic-configs'] ?? '{}'),
            ).toEqual(topic.configs);
            expect(
              annotations['meshport.dev/schema-subjects']?.split(',') ?? [],
            ).toEqual(
              state.schemas
                .filter(s => s.topic === topic.name)
                .map(s => s.subject),
            );
            expect(
              annotations['meshport.dev/grantees']?.split(',') ?? [],
            ).toEqual(granteesOf(state, topic.name));
          }
          const withRelations = await backend.entity(
            apiRef,
            e =>
              targetsOf(e, RELATION_DEPENDS_ON).length ===
              state.dependencies.length,
            `the dependencies of ${apiRef}`,
          );
          expect(targetsOf(withRelations, RELATION_DEPENDS_ON)).toEqual(
            state.dependencies.map(d => topicRef(d.topic)).sort(),
          );
        }

        // A spec without an id fails alone, with the rule engine's message.
        const [namelessError] = desiredStateOf(
          nameless,
          'api:default/nameless',
        ).problems.filter(p => p.severity === 'error');
        await backend.entity('api:default/acme.logistics.shipping');
        const reported = backend.errors.filter(
          e => e.entityRef === 'api:default/nameless',
        );
        expect(reported.map(e => e.message)).toContain(
          formatProblem(namelessError),
        );
        expect(await backend.entityNow('api:default/nameless')).toBeUndefined();
        expect(
          backend.errors.filter(e => e.entityRef !== 'api:default/nameless'),
        ).toEqual([]);

        // Broken in its source: the entity keeps its last good state and
        // shows the error, which the portal's processing-errors card reads.
        const shippingRef = 'api:default/acme.logistics.shipping';
        const [typo] = desiredStateOf(badShipping, shippingRef).problems.filter(
          p => p.severity === 'error',
        );
        dir.addContent({ 'shipping.yaml': badShipping });
        await backend.refresh(shippingRef);
        const broken = await backend.entity(
          shippingRef,
          e => processingErrorsOf(e).length > 0,
          'the processing error on the shipping API',
        );
        expect(processingErrorsOf(broken)).toEqual([formatProblem(typo)]);
        expect(broken.spec?.definition).toBe(goodShipping);
        const onboarding = await backend.entityNow(
          'api:default/acme.lifestyle.onboarding',
        );
        expect(onboarding && processingErrorsOf(onboarding)).toEqual([]);

        // Fixed in its source: the next refresh clears the error.
        dir.addContent({ 'shipping.yaml': goodShipping });
        await backend.refresh(shippingRef);
        const recovered = await backend.entity(
          shippingRef,
          e => processingErrorsOf(e).length === 0,
          'the shipping API without its processing error',
        );
        expect(recovered.spec?.definition).toBe(goodShipping);
      } finally {
        await backend.stop();
      }
    },
    120_000,
  );

  it.each(databases.eachSupportedId())(
    'on %s, takes a location that points straight at an AsyncAPI file: SpecMesh’s own specs',
    async databaseId => {
      const accepted = [
        'kafka/bigdatalondon-api.yaml',
        'cli/simple_schema_demo-api.yaml',
      ].map(file => resolvePath(peerSpecsDir, file));
      // Its id has an empty first segment: `urn:.london…`.
      const rejected = resolvePath(
        peerSpecsDir,
        'kafka/apispec-functional-test-app.yaml',
      );

      const backend = await startCatalogTestBackend(databases, databaseId, {
        rules: [{ allow: ['API', 'Resource', 'Location'] }],
        locations: [...accepted, rejected].map(target => ({
          type: 'file',
          target,
        })),
      });
      try {
        for (const file of accepted) {
          const text = readText(file);
          const { state } = desiredStateOf(text, file);
          if (!state) throw new Error(`${file} has errors`);
          const apiRef = `api:default/${state.appId}`;
          const api = await backend.entity(
            apiRef,
            e => targetsOf(e, RELATION_HAS_PART).length === state.topics.length,
            `${apiRef} with its topics`,
          );
          expect(api.spec).toEqual(
            expect.objectContaining({
              type: 'asyncapi',
              owner: `group:default/${state.appId}`,
              definition: text,
            }),
          );
          expect(api.metadata.annotations?.['meshport.dev/app-id']).toBe(
            state.appId,
          );
          for (const topic of state.topics) {
            const entity = await backend.entity(topicRef(topic.name));
            expect(entity.metadata.title).toBe(topic.name);
          }
          expect(targetsOf(api, RELATION_DEPENDS_ON)).toEqual(
            state.dependencies.map(d => topicRef(d.topic)).sort(),
          );
        }

        const [idError] = desiredStateOf(
          readText(rejected),
          rejected,
        ).problems.filter(p => p.severity === 'error');
        const reported = await eventually(
          async () =>
            backend.errors.find(e => e.message === formatProblem(idError)),
          'the error of the spec without an app-id',
        );
        expect(reported.entityRef).toMatch(/^location:/);
        expect(
          backend.errors.filter(e => e.message !== formatProblem(idError)),
        ).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
    120_000,
  );
});

function apiYaml(name: string, definition: string, owner?: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}
  annotations:
    meshport.dev/data-product: 'true'
spec:
  type: asyncapi
  lifecycle: production
${owner ? `  owner: ${owner}\n` : ''}  definition:
    $text: ${definition}
`;
}
