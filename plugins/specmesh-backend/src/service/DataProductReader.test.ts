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
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ClusterConfig } from '@meshport/plugin-specmesh-node';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { DataProductReader } from './DataProductReader';

// The shared test vectors live beside the repository: <repo>/../shared.
const VECTORS = resolvePath(__dirname, '../../../../../shared/vectors');
const onboardingSpec = readFileSync(
  resolvePath(VECTORS, '01-onboarding.asyncapi.yaml'),
  'utf8',
);
const SIGNED_UP_REF = '/schema/simple.schema_demo._public.user_signed_up.avsc';
const CHECKOUT_REF = '/schema/simple.schema_demo._public.user_checkout.yml';
const schemaText = (ref: string) =>
  readFileSync(resolvePath(VECTORS, ref.slice(1)), 'utf8');

function cluster(name: string, extra: Partial<ClusterConfig> = {}) {
  return {
    name,
    brokers: ['localhost:9092'],
    schemaRegistry: { url: 'http://localhost:8081' },
    ...extra,
  };
}

function onboarding(
  annotations: Record<string, string> = {},
  definition = onboardingSpec,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'acme.lifestyle.onboarding', annotations },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: 'group:default/onboarding',
      definition,
    },
  };
}

function reader(clusters: ClusterConfig[]) {
  return new DataProductReader({
    catalog: catalogServiceMock({ entities: [onboarding()] }),
    clusters,
    principalMap: { 'acme.lifestyle.onboarding': 'User:global' },
  });
}

describe('DataProductReader', () => {
  it('provisions on the default cluster unless the entity names another', () => {
    const subject = reader([cluster('local'), cluster('prod')]);
    expect(subject.clusterOf(onboarding()).name).toBe('local');
    expect(
      subject.clusterOf(onboarding({ 'meshport.dev/cluster': 'prod' })).name,
    ).toBe('prod');
  });

  it('says which clusters exist when the entity names an unknown one', () => {
    expect(() =>
      reader([cluster('local')]).clusterOf(
        onboarding({ 'meshport.dev/cluster': 'staging' }),
      ),
    ).toThrow(
      "Entity api:default/acme.lifestyle.onboarding has annotation meshport.dev/cluster: 'staging', which is not a configured cluster: use one of 'local', or remove the annotation to use the default cluster",
    );
  });

  it('uses the principal map of the entity’s cluster, else the global one', async () => {
    const subject = reader([
      cluster('local', {
        principals: { 'acme.lifestyle.onboarding': 'User:sa-local' },
      }),
    ]);
    expect((await subject.targetOf(onboarding())).desired.principal).toBe(
      'User:sa-local',
    );
    expect(
      (await reader([]).desiredStateOf(onboarding())).state?.principal,
    ).toBe('User:global');
  });

  it('passes the schema files the catalog module stored to the judge', async () => {
    const subject = reader([cluster('local')]);
    const signedUp = async (entity: Entity) =>
      (await subject.targetOf(entity)).desired.schemas.find(
        schema => schema.ref === SIGNED_UP_REF,
      );

    expect((await signedUp(onboarding()))?.schema).toBeUndefined();
    expect(
      (
        await signedUp(
          onboarding({
            'meshport.dev/schema-files': JSON.stringify({
              [SIGNED_UP_REF]: schemaText(SIGNED_UP_REF),
              [CHECKOUT_REF]: schemaText(CHECKOUT_REF),
            }),
          }),
        )
      )?.schema,
    ).toBe(schemaText(SIGNED_UP_REF));
  });

  it('rejects a schema-files annotation that is not a JSON object of texts', async () => {
    await expect(
      reader([cluster('local')]).targetOf(
        onboarding({ 'meshport.dev/schema-files': '["a"]' }),
      ),
    ).rejects.toThrow(
      'Annotation meshport.dev/schema-files of entity api:default/acme.lifestyle.onboarding is not a JSON object from schema file reference to text',
    );
  });

  it('refuses to provision a spec with errors, quoting the rule book', async () => {
    const broken = onboardingSpec.replace(
      "id: 'urn:acme.lifestyle.onboarding'",
      "id: 'acme.lifestyle.onboarding'",
    );
    expect(broken).not.toBe(onboardingSpec);
    await expect(
      reader([cluster('local')]).targetOf(onboarding({}, broken)),
    ).rejects.toThrow(
      /^The spec of api:default\/acme.lifestyle.onboarding has 1 error; fix it before provisioning:\napi:default\/acme.lifestyle.onboarding: error at \/id: /,
    );
  });

  it('reads an entity with the caller’s credentials, 404 when it is not there', async () => {
    const subject = reader([cluster('local')]);
    const credentials = mockCredentials.user();
    await expect(
      subject.getEntity(
        {
          kind: 'API',
          namespace: 'default',
          name: 'acme.lifestyle.onboarding',
        },
        credentials,
      ),
    ).resolves.toEqual(expect.objectContaining({ kind: 'API' }));
    await expect(
      subject.getEntity(
        { kind: 'API', namespace: 'default', name: 'acme.nowhere' },
        credentials,
      ),
    ).rejects.toThrow('No entity api:default/acme.nowhere in the catalog');
  });
});
