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
import { ConfigReader } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { dropTestDatabase, TEST_DATABASES } from '@meshport/dev-infra';
import type { Knex } from 'knex';
import { AppIdLocks, readApplyLockExpiryMs } from './AppIdLocks';
import { ApplyHistoryStore } from './ApplyHistoryStore';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const databases = TestDatabases.create(TEST_DATABASES);

describe('readApplyLockExpiryMs', () => {
  it('reads specmesh.applyLock.expirySeconds, two minutes by default', () => {
    expect(readApplyLockExpiryMs(new ConfigReader({}))).toBe(120_000);
    expect(
      readApplyLockExpiryMs(
        new ConfigReader({ specmesh: { applyLock: { expirySeconds: 15 } } }),
      ),
    ).toBe(15_000);
  });

  it.each([0, 1, -5])(
    'refuses an expiry of %s seconds, naming the key',
    value => {
      expect(() =>
        readApplyLockExpiryMs(
          new ConfigReader({
            specmesh: { applyLock: { expirySeconds: value } },
          }),
        ),
      ).toThrow(
        `Invalid specmesh.applyLock.expirySeconds ${value}: use a number of seconds of at least 2`,
      );
    },
  );
});

describe.each(databases.eachSupportedId())('on %s', databaseId => {
  let knex: Knex;
  let now: Date;

  beforeEach(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    await migrateDatabase(knex);
    now = new Date('2025-06-01T10:00:00Z');
  });

  afterEach(async () => {
    await dropTestDatabase(knex);
  });

  const start = (history: ApplyHistoryStore, id: string, appId: string) =>
    history.start({
      id,
      entityRef: `api:default/${appId}`,
      appId,
      cluster: 'local',
      actor: 'user:default/alice',
      startedAt: now,
    });

  it('waits while another replica holds the migration lock, instead of failing', async () => {
    // A fresh database, which another replica is migrating right now.
    await knex.migrate.rollback(
      { directory: `${__dirname}/../../migrations` },
      true,
    );
    await knex('knex_migrations_lock').update({ is_locked: 1 });
    const outcome = migrateDatabase(knex).then(
      () => 'migrated',
      (error: Error) => error.name,
    );
    await new Promise(resolve => setTimeout(resolve, 1500));
    // The other replica is done: knex releases its lock.
    await knex('knex_migrations_lock').update({ is_locked: 0 });
    expect(await outcome).toBe('migrated');
    expect(await knex.schema.hasTable('specmesh_locks')).toBe(true);
  });

  it('keeps a renewed lock past its first expiry, and only its holder renews it', async () => {
    const locks = new AppIdLocks(knex, { ttlMs: 60_000, now: () => now });
    await locks.acquire('acme.a', 'apply-1', 'user:default/alice');
    now = new Date('2025-06-01T10:00:50Z');
    expect(await locks.renew('acme.a', 'apply-1')).toBe(true);
    expect(await locks.renew('acme.a', 'someone-else')).toBe(false);

    now = new Date('2025-06-01T10:01:30Z');
    await expect(
      locks.acquire('acme.a', 'apply-2', 'user:default/bob'),
    ).rejects.toThrow(ConflictError);
    now = new Date('2025-06-01T10:01:51Z');
    await locks.acquire('acme.a', 'apply-2', 'user:default/bob');
    // The former holder cannot win its lock back by renewing.
    expect(await locks.renew('acme.a', 'apply-1')).toBe(false);
  });

  it('renews in the background until stopped', async () => {
    const locks = new AppIdLocks(knex, { ttlMs: 2000 });
    await locks.acquire('acme.a', 'apply-1', 'user:default/alice');
    const first = await knex('specmesh_locks').first('expires_at');
    const alive = locks.keepAlive('acme.a', 'apply-1');
    try {
      // Wait for a renewal (every 500 ms), with a generous bound.
      const deadline = Date.now() + 30_000;
      let renewed = false;
      while (!renewed && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 100));
        const row = await knex('specmesh_locks').first('expires_at');
        renewed =
          new Date(row.expires_at).getTime() >
          new Date(first.expires_at).getTime();
      }
      expect(renewed).toBe(true);
    } finally {
      alive.stop();
    }
  });

  it("closes the running applies of an app-id whose lock the caller holds, not others'", async () => {
    const history = new ApplyHistoryStore(knex);
    await start(history, 'crashed', 'acme.a');
    await start(history, 'current', 'acme.a');
    await start(history, 'elsewhere', 'acme.b');

    expect(
      await history.closeInterrupted(now, {
        appId: 'acme.a',
        except: 'current',
      }),
    ).toBe(1);
    const { items } = await history.list('api:default/acme.a', {
      limit: 10,
      offset: 0,
    });
    const byId = Object.fromEntries(items.map(item => [item.id, item]));
    expect(byId.crashed).toMatchObject({
      status: 'failed',
      finishedAt: now.toISOString(),
      error: expect.stringMatching(
        /^Interrupted: the backend running this apply stopped/,
      ),
    });
    expect(byId.current.status).toBe('running');
    const other = await history.list('api:default/acme.b', {
      limit: 10,
      offset: 0,
    });
    expect(other.items[0].status).toBe('running');
  });

  it('sweeps the running applies whose lock is gone or expired, and keeps live ones', async () => {
    const history = new ApplyHistoryStore(knex);
    const locks = new AppIdLocks(knex, { ttlMs: 60_000, now: () => now });
    await locks.acquire('acme.live', 'live', 'user:default/alice');
    await start(history, 'live', 'acme.live');
    await locks.acquire('acme.dead', 'dead', 'user:default/alice');
    await start(history, 'dead', 'acme.dead');
    await start(history, 'lockless', 'acme.lockless');

    now = new Date('2025-06-01T10:00:30Z');
    expect(await history.closeInterrupted(now)).toBe(1); // lockless
    await locks.renew('acme.live', 'live');
    now = new Date('2025-06-01T10:01:10Z');
    expect(await history.closeInterrupted(now)).toBe(1); // dead expired
    const status = async (appId: string) =>
      (await history.list(`api:default/${appId}`, { limit: 1, offset: 0 }))
        .items[0].status;
    expect(await status('acme.live')).toBe('running');
    expect(await status('acme.dead')).toBe('failed');
    expect(await status('acme.lockless')).toBe('failed');
  });
});
