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
/*
 * GET /topics/{topic}/consume against the real broker and registry of
 * @meshport/dev-infra: the owner's spec is applied for real, and the answer
 * follows the cluster (a grant not yet applied, then applied).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { useRealCluster } from '../__testUtils__/realCluster';
import { specmeshPlugin } from '../plugin';

jest.setTimeout(180_000);

const OWNER = 'user:default/owner';
const READER = 'user:default/reader';
const NOBODY = 'user:default/nobody';
const PRODUCERS = 'group:default/producers';
const CONSUMERS = 'group:default/consumers';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const REGISTRY_SECRET = {
  username: 'reg-user-7f3a',
  password: 'reg-pass-9c1d',
};

const realCluster = useRealCluster('consume');

function apiEntity(appId: string, group: string, spec: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: { 'meshport.dev/app-id': appId },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: group,
      definition: JSON.stringify(spec, null, 2),
    },
    relations: [{ type: 'ownedBy', targetRef: group }],
  };
}

const payload = {
  type: 'object',
  properties: { id: { type: 'string' } },
};

function owningProduct(appId: string, grantee: string): Entity {
  const channel = (tags: object[] = []) => ({
    bindings: { kafka: { partitions: 1 } },
    publish: { tags, message: { payload } },
  });
  return apiEntity(appId, PRODUCERS, {
    asyncapi: '2.5.0',
    id: `urn:${appId}`,
    info: { title: appId, version: '1.0.0' },
    channels: {
      '_public.events': channel(),
      '_protected.orders': channel([{ name: `grant-access:${grantee}` }]),
      '_private.secrets': channel(),
    },
  });
}

function readingProduct(appId: string, topic: string): Entity {
  return apiEntity(appId, CONSUMERS, {
    asyncapi: '2.5.0',
    id: `urn:${appId}`,
    info: { title: appId, version: '1.0.0' },
    channels: { [topic]: { subscribe: { message: { payload } } } },
  });
}

async function startBackend(
  entities: Entity[],
  registryUrl = realCluster.infra.registry.url,
) {
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const user = (
            credentials as BackstageCredentials<{ userEntityRef: string }>
          ).principal.userEntityRef;
          const groups: Record<string, string[]> = {
            [OWNER]: [PRODUCERS],
            [READER]: [CONSUMERS],
          };
          return {
            userEntityRef: user,
            ownershipEntityRefs: [user, ...(groups[user] ?? [])],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(() => ({
            result:
              (options.credentials as BackstageCredentials<any>).principal
                .userEntityRef === OWNER
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })) as any,
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          specmesh: {
            clusters: [
              {
                name: 'local',
                brokers: realCluster.infra.kafka.brokers,
                sasl: realCluster.infra.kafka.sasl,
                schemaRegistry: { url: registryUrl, ...REGISTRY_SECRET },
              },
            ],
          },
        },
      }),
    ],
  });
  return server;
}

/** Three data products: the owner's, one it grants, one it does not. */
function mesh() {
  const owner = realCluster.newAppId();
  const granted = realCluster.newAppId();
  const other = realCluster.newAppId();
  const publicTopic = `${owner}._public.events`;
  return {
    owner,
    granted,
    other,
    publicTopic,
    protectedTopic: `${owner}._protected.orders`,
    privateTopic: `${owner}._private.secrets`,
    entities: [
      owningProduct(owner, granted),
      readingProduct(granted, publicTopic),
      readingProduct(other, publicTopic),
    ],
  };
}

const consumeUrl = (topic: string) =>
  `/api/specmesh/topics/${encodeURIComponent(topic)}/consume`;

describe('GET /topics/{topic}/consume', () => {
  it('tells a reader how to read a public topic, with the latest schema and no secret', async () => {
    const m = mesh();
    const server = await startBackend(m.entities);
    const applied = await request(server)
      .post(`/api/specmesh/entities/api/default/${m.owner}/apply`)
      .set(as(OWNER))
      .send({});
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('succeeded');

    const res = await request(server)
      .get(consumeUrl(m.publicTopic))
      .set(as(READER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      topic: m.publicTopic,
      ownerEntityRef: `api:default/${m.owner}`,
      ownerAppId: m.owner,
      accessLevel: 'public',
      cluster: 'local',
      bootstrapServers: realCluster.infra.kafka.brokers,
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanism: 'PLAIN',
      schemaRegistryUrl: realCluster.infra.registry.url,
      schema: {
        subject: `${m.publicTopic}-value`,
        version: 1,
        schemaType: 'JSON',
      },
      schemaNotes: [],
    });
    expect(JSON.parse(res.body.schema.schema)).toMatchObject(payload);
    expect(
      res.body.yourDataProducts.map((p: any) => [p.appId, p.canRead]),
    ).toEqual(
      [
        [m.granted, true],
        [m.other, true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const granted = res.body.yourDataProducts.find(
      (p: any) => p.appId === m.granted,
    );
    expect(granted.groupPrefix).toBe(`${m.granted}.`);
    expect(granted.clientSettings.javaProperties).toContain(
      `group.id=${m.granted}.events-reader`,
    );
    expect(granted.clientSettings.javaProperties).toContain(
      `bootstrap.servers=${realCluster.infra.kafka.brokers.join(',')}`,
    );
    expect(granted.clientSettings.javaProperties).toContain(
      'username="<username>" password="<password>"',
    );

    // No configured secret anywhere in the answer.
    const text = JSON.stringify(res.body);
    for (const secret of [
      realCluster.infra.kafka.sasl.password,
      REGISTRY_SECRET.username,
      REGISTRY_SECRET.password,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/"admin"|username="admin"/);
  });

  it('says a grant in the spec is not yet applied until the owner applies it', async () => {
    const m = mesh();
    const server = await startBackend(m.entities);
    const verdicts = async () => {
      const res = await request(server)
        .get(consumeUrl(m.protectedTopic))
        .set(as(READER));
      expect(res.status).toBe(200);
      expect(res.body.accessLevel).toBe('protected');
      return Object.fromEntries(
        res.body.yourDataProducts.map((p: any) => [p.appId, p]),
      );
    };

    const before = await verdicts();
    expect(before[m.granted]).toMatchObject({ canRead: false, aclLive: false });
    expect(before[m.granted].reason).toContain('not yet applied');
    expect(before[m.other].canRead).toBe(false);
    expect(before[m.other].reason).toContain(`grant-access:${m.other}`);

    const applied = await request(server)
      .post(`/api/specmesh/entities/api/default/${m.owner}/apply`)
      .set(as(OWNER))
      .send({});
    expect(applied.body.status).toBe('succeeded');

    const after = await verdicts();
    expect(after[m.granted]).toMatchObject({ canRead: true, aclLive: true });
    expect(after[m.granted].reason).toMatch(/^Granted: /);
    expect(after[m.other].canRead).toBe(false);
  });

  it('never lets another data product read a private topic, and lets its owner', async () => {
    const m = mesh();
    const server = await startBackend(m.entities);
    const asReader = await request(server)
      .get(consumeUrl(m.privateTopic))
      .set(as(READER));
    expect(asReader.status).toBe(200);
    for (const product of asReader.body.yourDataProducts) {
      expect(product.canRead).toBe(false);
      expect(product.reason).toContain('Private data is never shared');
    }
    const asOwner = await request(server)
      .get(consumeUrl(m.privateTopic))
      .set(as(OWNER));
    expect(asOwner.body.yourDataProducts).toEqual([
      expect.objectContaining({ appId: m.owner, canRead: true }),
    ]);
  });

  it('tells a user without a data product that reading through groups needs one', async () => {
    const m = mesh();
    const server = await startBackend(m.entities);
    const res = await request(server)
      .get(consumeUrl(m.publicTopic))
      .set(as(NOBODY));
    expect(res.status).toBe(200);
    expect(res.body.yourDataProducts).toEqual([]);
    expect(res.body.noDataProductReason).toContain('needs a data product');
    expect(res.body.clientSettings.groupPrefix).toBe('<app-id>.');
  });

  it('omits the schema with a note when the registry does not answer', async () => {
    const m = mesh();
    // A port nothing listens on: the registry is down.
    const server = await startBackend(
      m.entities,
      'http://127.0.0.1:9/apis/ccompat/v7',
    );
    const res = await request(server)
      .get(consumeUrl(m.publicTopic))
      .set(as(READER));
    expect(res.status).toBe(200);
    expect(res.body.schema).toBeUndefined();
    expect(res.body.schemaNotes).toEqual([
      expect.stringContaining('could not be read from the schema registry'),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(REGISTRY_SECRET.password);
  });

  it('answers 404 for unknown topics, 400 for names that are not topics, 401 without a user', async () => {
    const m = mesh();
    const server = await startBackend(m.entities);
    const unknown = await request(server)
      .get(consumeUrl(`${m.owner}._public.nothing`))
      .set(as(READER));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('No data product');

    for (const hostile of [
      '../../etc/passwd',
      'a b',
      'x'.repeat(250),
      'a\nb',
    ]) {
      const res = await request(server)
        .get(consumeUrl(hostile))
        .set(as(READER));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Invalid topic/);
    }

    const anonymous = await request(server).get(consumeUrl(m.publicTopic));
    expect(anonymous.status).toBe(401);
  });
});
