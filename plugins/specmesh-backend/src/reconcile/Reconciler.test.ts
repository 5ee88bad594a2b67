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
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { ApplyHistoryStore } from '../database/ApplyHistoryStore';
import { DriftStore } from '../database/DriftStore';
import { migrateDatabase } from '../database/migrateDatabase';
import type { DataProductCatalog } from '../provisioning/DataProductCatalog';
import type { DataProductProvisioner } from '../provisioning/DataProductProvisioner';
import type { ApplyRecord, EntityStatus } from '../provisioning/types';
import { DataProductReader } from '../service/DataProductReader';
import { Reconciler } from './Reconciler';

function dataProduct(
  appId: string,
  cluster: string,
  definition?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: {
        'meshport.dev/app-id': appId,
        'meshport.dev/cluster': cluster,
      },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: 'group:default/team',
      definition:
        definition ??
        JSON.stringify({
          asyncapi: '2.5.0',
          id: `urn:${appId}`,
          info: { title: appId, version: '1' },
          channels: { '_public.events': { publish: { message: {} } } },
        }),
    },
  };
}

const clusters = ['manual', 'gitops'].map(name => ({
  name,
  brokers: ['localhost:9092'],
  schemaRegistry: { url: 'http://localhost:8081' },
  autoApply: name === 'gitops',
}));

function statusOf(
  entityRef: string,
  cluster: string,
  status: EntityStatus['status'],
  pendingChanges: number,
): EntityStatus {
  return {
    entityRef,
    appId: entityRef.split('/')[1],
    cluster,
    status,
    pendingChanges,
    checkedAt: '2025-06-01T10:00:00.000Z',
    items:
      status === 'in-sync'
        ? []
        : [
            {
              kind: 'topic',
              key: 'x',
              status: pendingChanges ? 'missing' : 'drifted',
              exists: !pendingChanges,
            },
          ],
  };
}

describe('Reconciler', () => {
  let knex: Knex;
  let drift: DriftStore;
  let history: ApplyHistoryStore;
  let now: Date;

  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await migrateDatabase(knex);
    drift = new DriftStore(knex);
    history = new ApplyHistoryStore(knex);
    now = new Date('2025-06-01T10:00:00Z');
  });

  afterEach(async () => {
    await knex.destroy();
  });

  function reconciler(
    entities: Entity[],
    provisioner: {
      status: jest.Mock<Promise<EntityStatus>, any[]>;
      apply: jest.Mock<Promise<ApplyRecord>, any[]>;
    },
  ) {
    const auditor = mockServices.auditor.mock();
    const event = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(event);
    const catalog = {
      async *entities() {
        yield* entities;
      },
    } as unknown as DataProductCatalog;
    return {
      event,
      subject: new Reconciler({
        catalog,
        dataProducts: new DataProductReader({
          catalog: catalogServiceMock({ entities }),
          clusters,
        }),
        provisioner: {
          ...provisioner,
          // One snapshot per cluster: a failure fails the cluster's every check.
          statuses: (
            _cluster: unknown,
            targets: Array<{ entityRef: string }>,
          ) => Promise.all(targets.map(target => provisioner.status(target))),
        } as unknown as DataProductProvisioner,
        drift,
        history,
        retryBackoff: { initialMs: 5 * 60_000, maxMs: 60 * 60_000 },
        auditor,
        logger: mockServices.logger.mock(),
        now: () => now,
      }),
    };
  }

  const applied = (entityRef: string): ApplyRecord => ({
    id: 'apply-1',
    entityRef,
    appId: 'x',
    cluster: 'gitops',
    actor: 'plugin:specmesh',
    startedAt: '2025-06-01T10:00:00.000Z',
    status: 'succeeded',
  });

  it('applies a drift only where the cluster is in GitOps mode, recording what it finds', async () => {
    const checks: Record<string, EntityStatus[]> = {
      'api:default/acme.gitops': [
        statusOf('api:default/acme.gitops', 'gitops', 'drifted', 1),
        statusOf('api:default/acme.gitops', 'gitops', 'in-sync', 0),
      ],
      'api:default/acme.manual': [
        statusOf('api:default/acme.manual', 'manual', 'drifted', 1),
      ],
    };
    const provisioner = {
      status: jest.fn(async target => checks[target.entityRef].shift()!),
      apply: jest.fn(async target => applied(target.entityRef)),
    };
    const { subject, event } = reconciler(
      [
        dataProduct('acme.gitops', 'gitops'),
        dataProduct('acme.manual', 'manual'),
      ],
      provisioner,
    );

    expect(await subject.run()).toEqual({
      checked: 2,
      inSync: 0,
      drifted: 2,
      applied: 1,
      backedOff: 0,
      errors: 0,
    });
    expect(provisioner.apply).toHaveBeenCalledTimes(1);
    expect(provisioner.apply).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'api:default/acme.gitops' }),
      { actor: 'plugin:specmesh' },
    );
    expect(event.success).toHaveBeenCalledTimes(1);
    expect(
      (await drift.list()).map(r => [r.entityRef, r.cluster, r.status]),
    ).toEqual([
      ['api:default/acme.manual', 'manual', 'drifted'],
      ['api:default/acme.gitops', 'gitops', 'in-sync'],
    ]);
  });

  it('plans each cluster’s data products against one snapshot, and applies with a fresh plan', async () => {
    const provisioner = {
      status: jest.fn(async target =>
        statusOf(target.entityRef, target.cluster.name, 'drifted', 1),
      ),
      apply: jest.fn(async target => applied(target.entityRef)),
    };
    const auditor = mockServices.auditor.mock();
    auditor.createEvent.mockResolvedValue({
      success: jest.fn(),
      fail: jest.fn(),
    });
    const entities = [
      dataProduct('acme.g1', 'gitops'),
      dataProduct('acme.m1', 'manual'),
      dataProduct('acme.g2', 'gitops'),
      dataProduct('acme.g3', 'gitops'),
    ];
    const statuses = jest.fn(
      async (_cluster: unknown, targets: Array<{ entityRef: string }>) =>
        Promise.all(targets.map(target => provisioner.status(target))),
    );
    const subject = new Reconciler({
      catalog: {
        async *entities() {
          yield* entities;
        },
      } as unknown as DataProductCatalog,
      dataProducts: new DataProductReader({
        catalog: catalogServiceMock({ entities }),
        clusters,
      }),
      provisioner: {
        ...provisioner,
        statuses,
      } as unknown as DataProductProvisioner,
      drift,
      history,
      auditor,
      logger: mockServices.logger.mock(),
      now: () => now,
    });

    expect(await subject.run()).toMatchObject({ checked: 4, applied: 3 });
    // One snapshot per cluster, with all of its data products.
    expect(
      statuses.mock.calls.map(([cluster, targets]) => [
        (cluster as { name: string }).name,
        targets.map(target => target.entityRef),
      ]),
    ).toEqual([
      [
        'gitops',
        ['api:default/acme.g1', 'api:default/acme.g2', 'api:default/acme.g3'],
      ],
      ['manual', ['api:default/acme.m1']],
    ]);
    // Each apply plans afresh under the lock (the provisioner's apply), and
    // only an applied data product is read again on its own.
    expect(provisioner.apply).toHaveBeenCalledTimes(3);
    expect(provisioner.status).toHaveBeenCalledTimes(4 + 3);
  });

  it('leaves a drift no apply can fix, even in GitOps mode', async () => {
    const provisioner = {
      status: jest.fn(async target =>
        statusOf(target.entityRef, 'gitops', 'drifted', 0),
      ),
      apply: jest.fn(),
    };
    const { subject } = reconciler(
      [dataProduct('acme.gitops', 'gitops')],
      provisioner,
    );
    expect((await subject.run()).applied).toBe(0);
    expect(provisioner.apply).not.toHaveBeenCalled();
  });

  it('waits longer after each failed apply of its own before applying again', async () => {
    let applies = 0;
    const provisioner = {
      status: jest.fn(async target =>
        statusOf(target.entityRef, 'gitops', 'drifted', 1),
      ),
      apply: jest.fn(async (target: { entityRef: string }) => {
        // What the provisioner records for an apply the cluster refuses.
        const id = `apply-${++applies}`;
        await history.start({
          id,
          entityRef: target.entityRef,
          appId: 'acme.gitops',
          cluster: 'gitops',
          actor: 'plugin:specmesh',
          startedAt: now,
        });
        return history.finish(id, { status: 'failed', finishedAt: now });
      }),
    };
    const { subject } = reconciler(
      [dataProduct('acme.gitops', 'gitops')],
      provisioner,
    );
    const minutes = (count: number) => {
      now = new Date(now.getTime() + count * 60_000);
    };

    expect((await subject.run()).applied).toBe(1);
    minutes(4);
    expect(await subject.run()).toEqual(
      expect.objectContaining({ drifted: 1, applied: 0, backedOff: 1 }),
    );
    minutes(1); // 5 minutes after the first failure
    expect((await subject.run()).applied).toBe(1);
    minutes(9);
    expect((await subject.run()).backedOff).toBe(1);
    minutes(1); // 10 minutes after the second
    expect((await subject.run()).applied).toBe(1);
    expect(provisioner.apply).toHaveBeenCalledTimes(3);
    // The drift is recorded on every run all the same.
    expect((await drift.list())[0]).toMatchObject({ status: 'drifted' });
  });

  it('skips a data product someone is applying right now', async () => {
    const provisioner = {
      status: jest.fn(async target =>
        statusOf(target.entityRef, 'gitops', 'drifted', 1),
      ),
      apply: jest.fn(async () => {
        throw new ConflictError('An apply of app-id is already running');
      }),
    };
    const { subject } = reconciler(
      [dataProduct('acme.gitops', 'gitops')],
      provisioner,
    );
    expect(await subject.run()).toEqual(
      expect.objectContaining({ drifted: 1, applied: 0, errors: 0 }),
    );
  });

  it('records why a data product could not be checked, and goes on with the others', async () => {
    const provisioner = {
      status: jest.fn(async target => {
        if (target.entityRef === 'api:default/acme.down') {
          throw new ServiceUnavailableError(
            "Cannot connect to cluster 'gitops'",
          );
        }
        return statusOf(target.entityRef, 'manual', 'in-sync', 0);
      }),
      apply: jest.fn(),
    };
    const { subject } = reconciler(
      [
        dataProduct('acme.broken', 'manual', '{"asyncapi": "2.5.0"}'),
        dataProduct('acme.down', 'gitops'),
        dataProduct('acme.nowhere', 'staging'),
        dataProduct('acme.fine', 'manual'),
      ],
      provisioner,
    );
    expect(await subject.run()).toEqual({
      checked: 4,
      inSync: 1,
      drifted: 0,
      applied: 0,
      backedOff: 0,
      errors: 3,
    });
    const verdicts = Object.fromEntries(
      (await drift.list()).map(r => [
        r.entityRef,
        [r.cluster, r.status, r.error?.slice(0, 30)],
      ]),
    );
    expect(verdicts).toEqual({
      'api:default/acme.broken': [
        'manual',
        'error',
        'The spec of api:default/acme.b',
      ],
      'api:default/acme.down': [
        'gitops',
        'error',
        "Cannot connect to cluster 'git",
      ],
      'api:default/acme.nowhere': [
        '',
        'error',
        'Entity api:default/acme.nowher',
      ],
      'api:default/acme.fine': ['manual', 'in-sync', undefined],
    });
  });
});
