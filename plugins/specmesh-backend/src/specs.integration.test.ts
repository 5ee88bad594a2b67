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
 * POST /specs/plan and /specs/apply (a spec sent by value, as the scaffolder
 * sends a template's workspace spec) against the real broker and registry of
 * @meshport/dev-infra: the same permission check, per-app-id lock, history and
 * audit as an entity's apply.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'fs';
import knexFactory, { Knex } from 'knex';
import path from 'path';
import request from 'supertest';
import yaml from 'yaml';
import { AppIdLocks } from './database/AppIdLocks';
import { useRealCluster } from './__testUtils__/realCluster';
import { specmeshPlugin } from './plugin';

jest.setTimeout(180_000);

const OWNER = 'user:default/owner';
const STRANGER = 'user:default/stranger';
const ADMIN = 'user:default/admin';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

const cluster = useRealCluster('it.specs');

/** A workspace spec with an Avro value schema by ref, as the scaffolder sends it. */
function specOf(appId: string, schemaRef = '/schema/orders.avsc') {
  return {
    file: 'asyncapi.yaml',
    text: yaml.stringify({
      asyncapi: '2.6.0',
      id: `urn:${appId}`,
      info: { title: appId, version: '1.0.0' },
      channels: {
        '_public.orders': {
          bindings: { kafka: { partitions: 1 } },
          publish: { message: { payload: { $ref: schemaRef } } },
        },
      },
    }),
    schemaFiles: {
      [schemaRef]: JSON.stringify({
        type: 'record',
        name: 'Order',
        fields: [{ name: 'id', type: 'string' }],
      }),
    },
  };
}

function dataProductEntity(name: string, appId: string, owner = OWNER): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'meshport.dev/app-id': appId },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'experimental',
      owner,
      definition: '',
    },
  };
}

function userOf(credentials: unknown): string | undefined {
  return (
    credentials as BackstageCredentials<{ type: 'user'; userEntityRef: string }>
  ).principal?.userEntityRef;
}

/**
 * What the catalog's owner rule and an admin grant decide: the owner and the
 * admin may provision an entity; only the admin may provision without one.
 */
const policy = mockServices.permissions.mock({
  authorize: async (requests, options) =>
    requests.map(() => ({
      result: [OWNER, ADMIN].includes(userOf(options.credentials) ?? '')
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    })) as any,
  authorizeConditional: async (requests, options) =>
    requests.map(() =>
      userOf(options.credentials) === ADMIN
        ? { result: AuthorizeResult.ALLOW }
        : {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: {},
            },
          },
    ) as any,
});

async function startBackend(entities: Entity[], knex?: Knex) {
  const auditor = mockServices.auditor.mock();
  const events: Array<{ eventId: string; meta?: any; outcome?: string }> = [];
  auditor.createEvent.mockImplementation(async event => {
    const recorded: (typeof events)[number] = {
      eventId: event.eventId,
      meta: event.meta,
    };
    events.push(recorded);
    return {
      success: async ({ meta } = {}) => {
        Object.assign(recorded, { outcome: 'success', meta });
      },
      fail: async ({ meta }) => {
        Object.assign(recorded, {
          outcome: 'fail',
          meta: meta ?? recorded.meta,
        });
      },
    };
  });
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          specmesh: {
            clusters: [
              {
                name: 'local',
                brokers: cluster.infra.kafka.brokers,
                sasl: cluster.infra.kafka.sasl,
                schemaRegistry: { url: cluster.infra.registry.url },
              },
            ],
          },
        },
      }),
      policy.factory,
      auditor.factory,
      ...(knex ? [mockServices.database.factory({ knex })] : []),
    ],
  });
  return { server, events };
}

async function liveTopics(appId: string): Promise<string[]> {
  return (await cluster.kafkaAdmin.listTopics())
    .filter(topic => topic.startsWith(`${appId}.`))
    .sort();
}

describe('POST /specs/apply', () => {
  it('applies for an owner of the named entity, records it in the entity’s history and audits it', async () => {
    const appId = cluster.newAppId();
    const entity = dataProductEntity(appId, appId);
    const { server, events } = await startBackend([entity]);

    const res = await request(server)
      .post('/api/specmesh/specs/apply')
      .set(as(OWNER))
      .send({ spec: specOf(appId), entityRef: `api:default/${appId}` });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: `api:default/${appId}`,
      appId,
      cluster: 'local',
      actor: OWNER,
      status: 'succeeded',
    });
    expect(await liveTopics(appId)).toEqual([`${appId}._public.orders`]);
    const history = await request(server)
      .get(`/api/specmesh/entities/api/default/${appId}/applies`)
      .set(as(OWNER));
    expect(history.body.items.map((item: any) => item.id)).toEqual([
      res.body.id,
    ]);
    expect(events).toEqual([
      {
        eventId: 'entity-apply',
        outcome: 'success',
        meta: expect.objectContaining({
          entityRef: `api:default/${appId}`,
          actor: OWNER,
          applyId: res.body.id,
          status: 'succeeded',
        }),
      },
    ]);
  });

  it('finds the entity claiming the app-id when none is named', async () => {
    const appId = cluster.newAppId();
    const { server } = await startBackend([
      dataProductEntity('registered', appId),
    ]);

    const stranger = await request(server)
      .post('/api/specmesh/specs/apply')
      .set(as(STRANGER))
      .send({ spec: specOf(appId) });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toBe(
      'You may not provision api:default/registered: applying a data product needs the specmesh.entity.provision permission, which its owners have',
    );
    expect(await liveTopics(appId)).toEqual([]);

    const owner = await request(server)
      .post('/api/specmesh/specs/apply')
      .set(as(OWNER))
      .send({ spec: specOf(appId) });
    expect(owner.status).toBe(200);
    expect(owner.body.entityRef).toBe('api:default/registered');
  });

  it('without an entity, applies only for an unconditional grant', async () => {
    const appId = cluster.newAppId();
    const { server, events } = await startBackend([]);

    const owner = await request(server)
      .post('/api/specmesh/specs/apply')
      .set(as(OWNER))
      .send({ spec: specOf(appId) });
    expect(owner.status).toBe(403);
    expect(owner.body.error.message).toContain(
      `You may not provision '${appId}' without its catalog entity`,
    );
    expect(await liveTopics(appId)).toEqual([]);

    const admin = await request(server)
      .post('/api/specmesh/specs/apply')
      .set(as(ADMIN))
      .send({ spec: specOf(appId) });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ entityRef: '', actor: ADMIN });
    expect(await liveTopics(appId)).toEqual([`${appId}._public.orders`]);
    expect(events.map(event => event.outcome)).toEqual(['fail', 'success']);
  });

  it('is refused with 409 while a portal apply holds the app-id’s lock', async () => {
    const appId = cluster.newAppId();
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    try {
      const { server } = await startBackend(
        [dataProductEntity(appId, appId)],
        knex,
      );
      // What the portal's apply of the entity does first.
      const locks = new AppIdLocks(knex, { ttlMs: 60_000 });
      await locks.acquire(appId, 'portal-apply', OWNER);

      const res = await request(server)
        .post('/api/specmesh/specs/apply')
        .set(as(OWNER))
        .send({ spec: specOf(appId), entityRef: `api:default/${appId}` });
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('ConflictError');
      expect(res.body.error.message).toContain(
        `An apply of app-id '${appId}' is already running (started by ${OWNER}`,
      );
      expect(await liveTopics(appId)).toEqual([]);

      await locks.release(appId, 'portal-apply');
      const again = await request(server)
        .post('/api/specmesh/specs/apply')
        .set(as(OWNER))
        .send({ spec: specOf(appId), entityRef: `api:default/${appId}` });
      expect(again.status).toBe(200);
    } finally {
      await knex.destroy();
    }
  });

  it('refuses an entity of another app-id (400) and an app-id another entity claims (409)', async () => {
    const appId = cluster.newAppId();
    const { server } = await startBackend([
      dataProductEntity('other', 'it.specs.other'),
      dataProductEntity('original', appId, 'group:default/others'),
      dataProductEntity('copy', appId),
    ]);

    const other = await request(server)
      .post('/api/specmesh/specs/apply')
      .set(as(OWNER))
      .send({ spec: specOf(appId), entityRef: 'api:default/other' });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toBe(
      `Entity api:default/other is the data product 'it.specs.other', not '${appId}': set entityRef to the entity registered for this spec`,
    );

    const copy = await request(server)
      .post('/api/specmesh/specs/apply')
      .set(as(OWNER))
      .send({ spec: specOf(appId), entityRef: 'api:default/copy' });
    expect(copy.status).toBe(409);
    expect(copy.body.error.message).toBe(
      `The app-id '${appId}' already belongs to api:default/original: choose another app-id for api:default/copy, or change the existing data product instead`,
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it('answers 401 without credentials and 403 to a service calling on its own behalf', async () => {
    const { server } = await startBackend([]);
    const anonymous = await request(server)
      .post('/api/specmesh/specs/apply')
      .send({ spec: specOf(cluster.newAppId()) });
    expect(anonymous.status).toBe(401);
    const service = await request(server)
      .post('/api/specmesh/specs/apply')
      .set('Authorization', mockCredentials.service.header())
      .send({ spec: specOf(cluster.newAppId()) });
    expect(service.status).toBe(403);
  });
});

describe('POST /specs/plan', () => {
  it('plans a spec the catalog does not know, changing nothing', async () => {
    const appId = cluster.newAppId();
    const { server } = await startBackend([]);
    const res = await request(server)
      .post('/api/specmesh/specs/plan')
      .set(as(STRANGER))
      .send({ spec: specOf(appId) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      appId,
      cluster: 'local',
      warnings: [],
      summary: { CREATE: res.body.plan.items.length, BLOCKED: 0 },
    });
    expect(res.body).not.toHaveProperty('entityRef');
    expect(res.body.plan.items).toContainEqual(
      expect.objectContaining({
        kind: 'schema',
        key: `${appId}._public.orders-value`,
        state: 'CREATE',
      }),
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it('reads no file: a ref the request brings no text for is a missing schema', async () => {
    const appId = cluster.newAppId();
    // A file the backend could reach by the ref, were it to read one.
    const outside = path.join(cluster.runDir, 'outside.avsc');
    fs.writeFileSync(outside, '{"type":"string","doc":"SECRET-MARKER-5150"}');
    const { server } = await startBackend([]);
    for (const ref of [`file://${outside}`, `../../../..${outside}`]) {
      const spec = specOf(appId, ref);
      const res = await request(server)
        .post('/api/specmesh/specs/plan')
        .set(as(OWNER))
        .send({ spec: { ...spec, schemaFiles: {} } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('asyncapi.yaml has');
      expect(JSON.stringify(res.body)).not.toContain('SECRET-MARKER-5150');
    }
  });

  it.each([
    [{}, 'request/body must have required property'],
    [{ spec: { file: 'a.yaml' } }, "must have required property 'text'"],
    [
      { spec: { file: 'a.yaml', text: 'x', schemaFiles: { '/s.avsc': 1 } } },
      'must be string',
    ],
    [{ spec: { file: 'a\u001b[2J.yaml', text: 'x' } }, 'spec.file must be'],
    [
      { spec: { file: 'a.yaml', text: 'x' }, cluster: 'prod' },
      "Unknown cluster 'prod'",
    ],
    [
      { spec: { file: 'a.yaml', text: 'x' }, extra: true },
      'must NOT have additional properties',
    ],
  ])('answers 400 for %j', async (body, message) => {
    const { server } = await startBackend([]);
    const res = await request(server)
      .post('/api/specmesh/specs/plan')
      .set(as(OWNER))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('answers 400 for schema files over the reader’s caps, and 413 for a body over the limit', async () => {
    const appId = cluster.newAppId();
    const { server } = await startBackend([]);
    const spec = specOf(appId);
    const big = await request(server)
      .post('/api/specmesh/specs/plan')
      .set(as(OWNER))
      .send({
        spec: {
          ...spec,
          schemaFiles: { '/schema/orders.avsc': 'x'.repeat(1024 * 1024 + 1) },
        },
      });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toBe(
      "Schema file '/schema/orders.avsc' has 1048577 bytes; a schema file may have at most 1048576: split the schema",
    );

    const huge = await request(server)
      .post('/api/specmesh/specs/plan')
      .set(as(OWNER))
      .send({ spec: { ...spec, text: 'x'.repeat(9 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toBe(
      'The request body is larger than the 8 MiB this endpoint takes: send the spec and only the schema files it refers to',
    );
  });
});
