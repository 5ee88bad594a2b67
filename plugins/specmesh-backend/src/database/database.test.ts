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
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { dropTestDatabase, TEST_DATABASES } from '@meshport/dev-infra';
import { ConflictError } from '@backstage/errors';
import type { Plan } from '@meshport/plugin-specmesh-node';
import type { Knex } from 'knex';
import { AppIdLocks } from './AppIdLocks';
import { ApplyHistoryStore } from './ApplyHistoryStore';
import { DriftStore } from './DriftStore';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const databases = TestDatabases.create(TEST_DATABASES);

describe.each(databases.eachSupportedId())('on %s', databaseId => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    await migrateDatabase(knex);
  });

  afterEach(async () => {
    await dropTestDatabase(knex);
  });

  it('migrates idempotently, and back down', async () => {
    await migrateDatabase(knex);
    for (const table of [
      'specmesh_applies',
      'specmesh_locks',
      'specmesh_drift',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    await knex.migrate.rollback(
      { directory: `${__dirname}/../../migrations` },
      true,
    );
    expect(await knex.schema.hasTable('specmesh_applies')).toBe(false);
  });

  describe('ApplyHistoryStore', () => {
    const plan: Plan = {
      appId: 'acme.a',
      items: [
        {
          kind: 'topic',
          key: 'acme.a._public.x',
          state: 'CREATE',
          after: {
            name: 'acme.a._public.x',
            access: 'public',
            partitions: 1,
            replicas: null,
            configs: {},
          },
        },
      ],
    };

    async function applyAt(
      store: ApplyHistoryStore,
      id: string,
      entityRef: string,
      startedAt: string,
    ) {
      await store.start({
        id,
        entityRef,
        appId: 'acme.a',
        cluster: 'local',
        actor: 'user:default/owner',
        startedAt: new Date(startedAt),
      });
    }

    it('keeps an apply from start to finish, with its plan and result', async () => {
      const store = new ApplyHistoryStore(knex);
      await applyAt(store, 'a1', 'api:default/a', '2025-06-01T10:00:00.123Z');

      const running = await store.list('api:default/a', {
        limit: 10,
        offset: 0,
      });
      expect(running.items).toEqual([
        {
          id: 'a1',
          entityRef: 'api:default/a',
          appId: 'acme.a',
          cluster: 'local',
          actor: 'user:default/owner',
          startedAt: '2025-06-01T10:00:00.123Z',
          status: 'running',
        },
      ]);

      await store.recordPlan('a1', plan);
      const record = await store.finish('a1', {
        status: 'succeeded',
        result: {
          appId: 'acme.a',
          items: [
            { ...plan.items[0], planned: 'CREATE', state: 'CREATED' } as any,
          ],
        },
        finishedAt: new Date('2025-06-01T10:00:01.456Z'),
      });
      expect(record).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          finishedAt: '2025-06-01T10:00:01.456Z',
          plan,
          result: expect.objectContaining({
            items: [expect.objectContaining({ state: 'CREATED' })],
          }),
        }),
      );
      expect(record.error).toBeUndefined();
    });

    it('records why an apply could not run', async () => {
      const store = new ApplyHistoryStore(knex);
      await applyAt(store, 'a1', 'api:default/a', '2025-06-01T10:00:00Z');
      const record = await store.finish('a1', {
        status: 'failed',
        error: 'Cannot connect to Kafka cluster',
        finishedAt: new Date('2025-06-01T10:00:30Z'),
      });
      expect(record).toEqual(
        expect.objectContaining({
          status: 'failed',
          error: 'Cannot connect to Kafka cluster',
        }),
      );
      expect(record.plan).toBeUndefined();
      expect(record.result).toBeUndefined();
    });

    it('lists one entity’s applies newest first, a page at a time', async () => {
      const store = new ApplyHistoryStore(knex);
      await applyAt(store, 'a1', 'api:default/a', '2025-06-01T10:00:00Z');
      await applyAt(store, 'a3', 'api:default/a', '2025-06-03T10:00:00Z');
      await applyAt(store, 'a2', 'api:default/a', '2025-06-02T10:00:00Z');
      await applyAt(store, 'b1', 'api:default/b', '2025-06-04T10:00:00Z');

      const ids = async (limit: number, offset: number) => {
        const page = await store.list('api:default/a', { limit, offset });
        return [page.totalCount, page.items.map(item => item.id)];
      };
      expect(await ids(10, 0)).toEqual([3, ['a3', 'a2', 'a1']]);
      expect(await ids(2, 0)).toEqual([3, ['a3', 'a2']]);
      expect(await ids(2, 2)).toEqual([3, ['a1']]);
      expect(
        (await store.list('api:default/none', { limit: 10, offset: 0 }))
          .totalCount,
      ).toBe(0);
    });
  });

  describe('AppIdLocks', () => {
    it('lets one holder in at a time, and the next after release', async () => {
      const locks = new AppIdLocks(knex, { ttlMs: 60_000 });
      await locks.acquire('acme.a', 'apply-1', 'user:default/alice');
      await expect(
        locks.acquire('acme.a', 'apply-2', 'user:default/bob'),
      ).rejects.toThrow(ConflictError);
      await expect(
        locks.acquire('acme.a', 'apply-2', 'user:default/bob'),
      ).rejects.toThrow(
        "An apply of app-id 'acme.a' is already running (started by user:default/alice at",
      );
      // Another app-id is independent.
      await locks.acquire('acme.b', 'apply-3', 'user:default/bob');

      // Only the holder releases.
      await locks.release('acme.a', 'apply-2');
      await expect(
        locks.acquire('acme.a', 'apply-4', 'user:default/bob'),
      ).rejects.toThrow(ConflictError);
      await locks.release('acme.a', 'apply-1');
      await locks.acquire('acme.a', 'apply-4', 'user:default/bob');
    });

    it('takes over the lock of a holder that never released it, once expired', async () => {
      let now = new Date('2025-06-01T10:00:00Z');
      const locks = new AppIdLocks(knex, { ttlMs: 60_000, now: () => now });
      await locks.acquire('acme.a', 'crashed', 'user:default/alice');

      now = new Date('2025-06-01T10:00:59Z');
      await expect(
        locks.acquire('acme.a', 'apply-2', 'user:default/bob'),
      ).rejects.toThrow(ConflictError);

      now = new Date('2025-06-01T10:01:01Z');
      await locks.acquire('acme.a', 'apply-2', 'user:default/bob');
      // The crashed holder's late release leaves the new lock alone.
      await locks.release('acme.a', 'crashed');
      await expect(
        locks.acquire('acme.a', 'apply-3', 'user:default/carol'),
      ).rejects.toThrow('started by user:default/bob');
    });

    it('admits exactly one of many simultaneous holders, as replicas would race', async () => {
      // Separate instances, like separate replicas sharing the database.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, index) =>
          new AppIdLocks(knex, { ttlMs: 60_000 }).acquire(
            'acme.a',
            `apply-${index}`,
            `user:default/u${index}`,
          ),
        ),
      );
      expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.filter(
        (o): o is PromiseRejectedResult => o.status === 'rejected',
      );
      expect(refused).toHaveLength(5);
      for (const outcome of refused) {
        expect(outcome.reason).toBeInstanceOf(ConflictError);
      }
    });

    it('admits exactly one of many simultaneous takeovers of an expired lock', async () => {
      let now = new Date('2025-06-01T10:00:00Z');
      await new AppIdLocks(knex, { ttlMs: 1000, now: () => now }).acquire(
        'acme.a',
        'crashed',
        'user:default/alice',
      );
      now = new Date('2025-06-01T11:00:00Z');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, index) =>
          new AppIdLocks(knex, { ttlMs: 1000, now: () => now }).acquire(
            'acme.a',
            `apply-${index}`,
            `user:default/u${index}`,
          ),
        ),
      );
      expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1);
    });
  });

  describe('DriftStore', () => {
    const item = {
      kind: 'topic' as const,
      key: 'acme.a._public.x',
      status: 'missing' as const,
      exists: false,
    };

    it('keeps when a drift was first seen for as long as it lasts', async () => {
      const drift = new DriftStore(knex);
      const verdict = (status: 'in-sync' | 'drifted', at: string) =>
        drift.record({
          entityRef: 'api:default/a',
          cluster: 'local',
          appId: 'acme.a',
          status,
          checkedAt: new Date(at),
          items: status === 'drifted' ? [item] : [],
        });

      await verdict('in-sync', '2025-06-01T10:00:00Z');
      expect(await drift.get('api:default/a', 'local')).toEqual({
        entityRef: 'api:default/a',
        cluster: 'local',
        appId: 'acme.a',
        status: 'in-sync',
        checkedAt: '2025-06-01T10:00:00.000Z',
        items: [],
      });

      await verdict('drifted', '2025-06-01T11:00:00Z');
      await verdict('drifted', '2025-06-01T12:00:00Z');
      expect(await drift.get('api:default/a', 'local')).toEqual(
        expect.objectContaining({
          status: 'drifted',
          checkedAt: '2025-06-01T12:00:00.000Z',
          driftedSince: '2025-06-01T11:00:00.000Z',
          items: [item],
        }),
      );

      await verdict('in-sync', '2025-06-01T13:00:00Z');
      expect(
        (await drift.get('api:default/a', 'local'))?.driftedSince,
      ).toBeUndefined();
    });

    it('keeps which topics a status check compared, the in-sync ones too', async () => {
      const drift = new DriftStore(knex);
      await drift.recordStatus({
        entityRef: 'api:default/a',
        appId: 'acme.a',
        cluster: 'local',
        status: 'drifted',
        checkedAt: '2025-06-01T10:00:00.000Z',
        pendingChanges: 1,
        items: [
          { ...item, key: 'acme.a._public.y', status: 'in-sync', exists: true },
          item,
          {
            kind: 'schema',
            key: 'acme.a._public.y-value',
            status: 'in-sync',
            exists: true,
          },
        ],
      });
      expect(await drift.get('api:default/a', 'local')).toMatchObject({
        items: [item],
        checkedTopics: ['acme.a._public.y', 'acme.a._public.x'],
      });
    });

    it('records an error per entity and cluster, listing drifted first', async () => {
      const drift = new DriftStore(knex);
      await drift.record({
        entityRef: 'api:default/a',
        cluster: 'local',
        status: 'error',
        checkedAt: new Date('2025-06-01T10:00:00Z'),
        error: 'Cannot connect',
      });
      await drift.record({
        entityRef: 'api:default/b',
        cluster: 'local',
        status: 'drifted',
        checkedAt: new Date('2025-06-01T10:00:00Z'),
        items: [item],
      });
      expect(
        (await drift.list()).map(r => [r.entityRef, r.status, r.error]),
      ).toEqual([
        ['api:default/b', 'drifted', undefined],
        ['api:default/a', 'error', 'Cannot connect'],
      ]);
    });
  });
});
