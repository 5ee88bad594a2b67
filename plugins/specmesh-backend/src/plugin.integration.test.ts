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
 * The HTTP API and the reconcile against a real broker (Kafka 4.1, SASL/PLAIN,
 * StandardAuthorizer) and a real registry (Apicurio), from @meshport/dev-infra:
 * the running infra of the connection file (MESHPORT_INFRA_FILE) when there is
 * one, else a private one. Every test owns fresh app-ids and removes their
 * topics and bindings.
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
import { ConfigResourceTypes } from 'kafkajs';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { useRealCluster } from './__testUtils__/realCluster';
import { specmeshPlugin } from './plugin';

jest.setTimeout(180_000);

const OWNER = 'user:default/owner';
const STRANGER = 'user:default/stranger';
const asOwner = { Authorization: mockCredentials.user.header(OWNER) };
const asStranger = { Authorization: mockCredentials.user.header(STRANGER) };

const realCluster = useRealCluster('it');

function cluster(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    brokers: realCluster.infra.kafka.brokers,
    sasl: realCluster.infra.kafka.sasl,
    schemaRegistry: { url: realCluster.infra.registry.url },
    ...extra,
  };
}

/** A data product's API entity, owned by OWNER, with a spec of `topics` public topics. */
function dataProduct(
  appId: string,
  options: {
    topics?: number;
    partitions?: number;
    annotations?: Record<string, string>;
    definition?: string;
  } = {},
): Entity {
  const channels = Object.fromEntries(
    Array.from({ length: options.topics ?? 1 }, (_, index) => [
      `_public.events${index}`,
      {
        bindings: {
          kafka: {
            partitions: options.partitions ?? 1,
            configs: { 'retention.ms': '3600000' },
          },
        },
        publish: {
          message: {
            payload: {
              type: 'object',
              properties: { id: { type: 'string' } },
            },
          },
        },
      },
    ]),
  );
  const spec = {
    asyncapi: '2.5.0',
    id: `urn:${appId}`,
    info: { title: appId, version: '1.0.0' },
    channels,
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: {
        'meshport.dev/app-id': appId,
        ...options.annotations,
      },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: OWNER,
      definition: options.definition ?? JSON.stringify(spec, null, 2),
    },
  };
}

/** Owner may provision, anybody else may not: the decision the catalog's owner rule makes. */
const ownerOnly = mockServices.permissions.mock({
  authorize: async (requests, options) =>
    requests.map(() => ({
      result:
        (options.credentials as BackstageCredentials).principal &&
        (
          options.credentials as BackstageCredentials<{
            type: 'user';
            userEntityRef: string;
          }>
        ).principal.userEntityRef === OWNER
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any,
});

async function startBackend(options: {
  entities: Entity[];
  specmesh?: Record<string, unknown>;
  knex?: Knex;
}) {
  const scheduler = mockServices.scheduler.mock();
  const auditor = mockServices.auditor.mock();
  const events: Array<{ eventId: string; meta?: unknown; outcome?: string }> =
    [];
  auditor.createEvent.mockImplementation(async event => {
    const recorded: (typeof events)[number] = {
      eventId: event.eventId,
      meta: event.meta,
    };
    events.push(recorded);
    return {
      success: async () => {
        recorded.outcome = 'success';
      },
      fail: async () => {
        recorded.outcome = 'fail';
      },
    };
  });
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          specmesh: { clusters: [cluster('local')], ...options.specmesh },
        },
      }),
      ownerOnly.factory,
      scheduler.factory,
      auditor.factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
    ],
  });
  return { server, scheduler, events };
}

const url = (entity: Entity, action: string) =>
  `/api/specmesh/entities/api/default/${entity.metadata.name}/${action}`;

async function topicExists(name: string): Promise<boolean> {
  return (await realCluster.kafkaAdmin.listTopics()).includes(name);
}

describe('apply', () => {
  it('is refused without credentials (401) and for a non-owner (403), changing nothing', async () => {
    const entity = dataProduct(realCluster.newAppId());
    const { server, events } = await startBackend({ entities: [entity] });

    const anonymous = await request(server).post(url(entity, 'apply'));
    expect(anonymous.status).toBe(401);

    const stranger = await request(server)
      .post(url(entity, 'apply'))
      .set(asStranger)
      .send({});
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.name).toBe('NotAllowedError');
    expect(stranger.body.error.message).toContain('specmesh.entity.provision');
    expect(await topicExists(`${entity.metadata.name}._public.events0`)).toBe(
      false,
    );
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'entity-apply',
        meta: expect.objectContaining({ actor: STRANGER }),
        outcome: 'fail',
      }),
    ]);
    const history = await request(server)
      .get(url(entity, 'applies'))
      .set(asOwner);
    expect(history.body.items).toEqual([]);
  });

  it('creates the topics for the owner, records and audits the apply', async () => {
    const appId = realCluster.newAppId();
    const entity = dataProduct(appId, { topics: 2, partitions: 2 });
    const { server, events } = await startBackend({ entities: [entity] });

    const res = await request(server)
      .post(url(entity, 'apply'))
      .set(asOwner)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        entityRef: `api:default/${appId}`,
        appId,
        cluster: 'local',
        actor: OWNER,
        status: 'succeeded',
      }),
    );
    const created = res.body.result.items
      .filter((item: { kind: string }) => item.kind === 'topic')
      .map(
        (item: { key: string; state: string }) => `${item.state} ${item.key}`,
      );
    expect(created).toEqual([
      `CREATED ${appId}._public.events0`,
      `CREATED ${appId}._public.events1`,
    ]);

    const { topics } = await realCluster.kafkaAdmin.fetchTopicMetadata({
      topics: [`${appId}._public.events0`, `${appId}._public.events1`],
    });
    expect(topics.map(topic => topic.partitions.length)).toEqual([2, 2]);

    const history = await request(server)
      .get(url(entity, 'applies'))
      .set(asOwner);
    expect(history.status).toBe(200);
    expect(history.body).toEqual(
      expect.objectContaining({ totalCount: 1, limit: 20, offset: 0 }),
    );
    expect(history.body.items[0]).toEqual(
      expect.objectContaining({
        id: res.body.id,
        actor: OWNER,
        status: 'succeeded',
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      }),
    );
    expect(history.body.items[0].plan.items.length).toBeGreaterThan(0);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'entity-apply',
        outcome: 'success',
        meta: expect.objectContaining({ actor: OWNER }),
      }),
    ]);
  });

  it('serializes two concurrent applies of one app-id: the second gets 409', async () => {
    const appId = realCluster.newAppId();
    const entity = dataProduct(appId, { topics: 10 });
    const { server } = await startBackend({ entities: [entity] });

    const [first, second] = await Promise.all(
      [0, 1].map(() =>
        request(server).post(url(entity, 'apply')).set(asOwner).send({}),
      ),
    );
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const conflict = first.status === 409 ? first : second;
    expect(conflict.body.error.name).toBe('ConflictError');
    expect(conflict.body.error.message).toContain(
      `An apply of app-id '${appId}' is already running (started by ${OWNER}`,
    );

    // The lock is released: the next apply runs and finds nothing to do.
    const again = await request(server)
      .post(url(entity, 'apply'))
      .set(asOwner)
      .send({});
    expect(again.status).toBe(200);
    expect(
      again.body.result.items.every(
        (item: { state: string }) => item.state === 'UNCHANGED',
      ),
    ).toBe(true);
    const history = await request(server)
      .get(`${url(entity, 'applies')}?limit=1`)
      .set(asOwner);
    expect(history.body.totalCount).toBe(2);
    expect(history.body.items.map((item: { id: string }) => item.id)).toEqual([
      again.body.id,
    ]);
  });

  it('answers 400 with the rule book’s messages for a spec with errors', async () => {
    const appId = realCluster.newAppId();
    const entity = dataProduct(appId, {
      definition: JSON.stringify({
        asyncapi: '2.5.0',
        id: 'not-a-urn',
        info: { title: 'x', version: '1' },
        channels: {},
      }),
    });
    const { server } = await startBackend({ entities: [entity] });
    const res = await request(server)
      .post(url(entity, 'apply'))
      .set(asOwner)
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(
      `The spec of api:default/${appId} has`,
    );
    expect(res.body.error.message).toContain('/id');
  });
});

describe('plan', () => {
  it('shows what an apply would do, and changes nothing', async () => {
    const appId = realCluster.newAppId();
    const entity = dataProduct(appId);
    const { server } = await startBackend({ entities: [entity] });
    const res = await request(server)
      .post(url(entity, 'plan'))
      .set(asStranger)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body.cluster).toBe('local');
    expect(res.body.summary.CREATE).toBeGreaterThan(0);
    expect(res.body.plan.items).toContainEqual(
      expect.objectContaining({
        kind: 'topic',
        key: `${appId}._public.events0`,
        state: 'CREATE',
      }),
    );
    expect(await topicExists(`${appId}._public.events0`)).toBe(false);
  });

  it('answers 400 for an entity naming an unknown cluster', async () => {
    const entity = dataProduct(realCluster.newAppId(), {
      annotations: { 'meshport.dev/cluster': 'prod' },
    });
    const { server } = await startBackend({ entities: [entity] });
    const res = await request(server)
      .post(url(entity, 'plan'))
      .set(asOwner)
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "has annotation meshport.dev/cluster: 'prod', which is not a configured cluster",
    );
  });
});

describe('status', () => {
  it('is in sync after an apply and drifted after an out-of-band change, reusing answers briefly', async () => {
    const appId = realCluster.newAppId();
    const entity = dataProduct(appId);
    const topic = `${appId}._public.events0`;
    const { server } = await startBackend({
      entities: [entity],
      specmesh: { status: { cacheTtlSeconds: 1 } },
    });

    const before = await request(server)
      .get(url(entity, 'status'))
      .set(asStranger);
    expect(before.status).toBe(200);
    expect(before.body.status).toBe('drifted');
    expect(before.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'topic',
        key: topic,
        status: 'missing',
        exists: false,
      }),
    );

    const applied = await request(server)
      .post(url(entity, 'apply'))
      .set(asOwner)
      .send({});
    expect(applied.body.status).toBe('succeeded');

    // The apply dropped the cached answer.
    const after = await request(server)
      .get(url(entity, 'status'))
      .set(asStranger);
    expect(after.body.status).toBe('in-sync');
    expect(
      after.body.items.every(
        (item: { status: string }) => item.status === 'in-sync',
      ),
    ).toBe(true);
    // The registry's latest version of each subject, as people quote it.
    expect(
      after.body.items.filter(
        (item: { kind: string }) => item.kind === 'schema',
      ),
    ).toEqual([
      expect.objectContaining({
        key: `${topic}-value`,
        exists: true,
        latestVersion: 1,
        schemaId: expect.any(Number),
      }),
    ]);

    await realCluster.kafkaAdmin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'retention.ms', value: '60000' }],
        },
      ],
    });

    const cached = await request(server)
      .get(url(entity, 'status'))
      .set(asStranger);
    expect(cached.body).toEqual(after.body);

    await new Promise(resolve => setTimeout(resolve, 1100));
    const drifted = await request(server)
      .get(url(entity, 'status'))
      .set(asStranger);
    expect(drifted.body.status).toBe('drifted');
    expect(drifted.body.items).toContainEqual({
      kind: 'topic',
      key: topic,
      status: 'drifted',
      exists: true,
      changes: [
        { field: 'configs.retention.ms', before: '60000', after: '3600000' },
      ],
    });

    // Each check leaves its verdict for the mesh-wide drift report.
    const report = await request(server)
      .get('/api/specmesh/drift')
      .set(asStranger);
    expect(report.status).toBe(200);
    expect(report.body.items).toEqual([
      {
        entityRef: `api:default/${appId}`,
        cluster: 'local',
        appId,
        status: 'drifted',
        checkedAt: drifted.body.checkedAt,
        driftedSince: drifted.body.checkedAt,
        items: [expect.objectContaining({ key: topic, status: 'drifted' })],
        checkedTopics: [topic],
      },
    ]);
    expect((await request(server).get('/api/specmesh/drift')).status).toBe(401);
  });
});

describe('reconcile', () => {
  it('applies drift where the cluster is in GitOps mode, and only records it elsewhere', async () => {
    const gitopsAppId = realCluster.newAppId();
    const manualAppId = realCluster.newAppId();
    const gitops = dataProduct(gitopsAppId, {
      annotations: { 'meshport.dev/cluster': 'gitops' },
    });
    const manual = dataProduct(manualAppId, {
      annotations: { 'meshport.dev/cluster': 'manual' },
    });
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    try {
      const { server, scheduler, events } = await startBackend({
        entities: [gitops, manual],
        knex,
        specmesh: {
          clusters: [cluster('manual'), cluster('gitops', { autoApply: true })],
          reconcile: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
          },
        },
      });
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'specmesh-reconcile',
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
        }),
      );
      const [{ fn }] = scheduler.scheduleTask.mock.calls[0];
      await (fn as () => Promise<void>)();

      expect(await topicExists(`${gitopsAppId}._public.events0`)).toBe(true);
      expect(await topicExists(`${manualAppId}._public.events0`)).toBe(false);

      const drift = await knex('specmesh_drift').orderBy('entity_ref');
      expect(
        drift.map(row => [row.entity_ref, row.cluster, row.status]),
      ).toEqual(
        [
          [`api:default/${gitopsAppId}`, 'gitops', 'in-sync'],
          [`api:default/${manualAppId}`, 'manual', 'drifted'],
        ].sort((a, b) => a[0].localeCompare(b[0])),
      );
      const manualDrift = drift.find(row => row.cluster === 'manual');
      expect(JSON.parse(manualDrift.items)).toContainEqual(
        expect.objectContaining({
          key: `${manualAppId}._public.events0`,
          status: 'missing',
        }),
      );

      const gitopsHistory = await request(server)
        .get(url(gitops, 'applies'))
        .set(asOwner);
      expect(gitopsHistory.body.items).toEqual([
        expect.objectContaining({
          actor: 'plugin:specmesh',
          status: 'succeeded',
          cluster: 'gitops',
        }),
      ]);
      const manualHistory = await request(server)
        .get(url(manual, 'applies'))
        .set(asOwner);
      expect(manualHistory.body.items).toEqual([]);
      expect(events).toEqual([
        expect.objectContaining({
          eventId: 'entity-apply',
          outcome: 'success',
          meta: expect.objectContaining({
            actor: 'plugin:specmesh',
            trigger: 'reconcile',
            entityRef: `api:default/${gitopsAppId}`,
          }),
        }),
      ]);
    } finally {
      await knex.destroy();
    }
  });
});
