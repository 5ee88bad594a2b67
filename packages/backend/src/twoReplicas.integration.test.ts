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
 * Two real demo backend processes on one Postgres database and the shared
 * broker, as a portal scaled out to two replicas: the reconcile and the
 * chargeback collection run once per cycle across both; two applies of one
 * app-id sent to different replicas are serialised by the lock in the
 * database (one 409); a replica killed mid-apply blocks the app-id only until
 * its lock expires, leaves no history row running, and the next cycle
 * converges; drift and chargeback rows are not doubled.
 */
import {
  holdRunningApply,
  runsWithin,
  TwoReplicaFixture,
} from './__testUtils__/twoReplicaFixture';
import { exited, stopReplica, waitFor } from './__testUtils__/replicas';

jest.setTimeout(600_000);

const RECONCILE_EVERY_S = 3;
const COLLECT_EVERY_S = 4;
const LOCK_EXPIRY_S = 20;

let fixture: TwoReplicaFixture;

beforeAll(async () => {
  fixture = await TwoReplicaFixture.start({
    reconcileEverySeconds: RECONCILE_EVERY_S,
    collectEverySeconds: COLLECT_EVERY_S,
    lockExpirySeconds: LOCK_EXPIRY_S,
  });
});

afterAll(async () => {
  await fixture?.stop();
});

describe('two backend replicas on one Postgres database', () => {
  it('reconcile and chargeback collection run once per cycle across both, without doubled rows', async () => {
    const { db, entityRef, a, b } = fixture;
    // The reconcile provisions the data product (GitOps mode) and records it once.
    await waitFor('the data product to be reconciled in sync', async () => {
      const row = await db('specmesh_drift')
        .where({ entity_ref: entityRef })
        .first();
      return row?.status === 'in-sync' ? row : undefined;
    });

    const from = Date.now();
    await waitFor(
      'a few cycles of both tasks',
      async () => {
        const reconciles = runsWithin(
          [a, b],
          /specmesh info Reconciled /,
          from,
          Date.now(),
        );
        const collections = runsWithin(
          [a, b],
          /specmesh info Chargeback: collected /,
          from,
          Date.now(),
        );
        return reconciles.length >= 8 && collections.length >= 6
          ? true
          : undefined;
      },
      180_000,
      1000,
    );
    const to = Date.now();
    const seconds = (to - from) / 1000;
    const reconciles = runsWithin(
      [a, b],
      /specmesh info Reconciled /,
      from,
      to,
    );
    const collections = runsWithin(
      [a, b],
      /specmesh info Chargeback: collected /,
      from,
      to,
    );
    // The scheduler starts a global task's runs a frequency apart at least;
    // the logs date their ends, which a slow run can bring one cycle closer.
    // A run on each replica each cycle would make about twice as many.
    expect(reconciles.length).toBeLessThanOrEqual(
      Math.floor(seconds / RECONCILE_EVERY_S) + 2,
    );
    expect(collections.length).toBeLessThanOrEqual(
      Math.floor(seconds / COLLECT_EVERY_S) + 2,
    );

    // One drift row per entity and cluster, however many replicas check it.
    const drift = await db('specmesh_drift').where({ entity_ref: entityRef });
    expect(drift.map(row => [row.cluster, row.status])).toEqual([
      ['local', 'in-sync'],
    ]);
    // Each collection interval is counted once: the intervals do not overlap.
    const intervals = await db('specmesh_chargeback_intervals')
      .where({ cluster: 'local' })
      .orderBy('from_at');
    expect(intervals.length).toBeGreaterThanOrEqual(2);
    for (let index = 1; index < intervals.length; index++) {
      expect(
        new Date(intervals[index].from_at).getTime(),
      ).toBeGreaterThanOrEqual(new Date(intervals[index - 1].to_at).getTime());
    }
  });

  it('refuses, with 409, an apply on one replica while the other applies the same app-id', async () => {
    const { db, appId, a, b, user } = fixture;
    const held = await holdRunningApply(db, appId, user, () =>
      fixture.apply(a),
    );
    try {
      const refused = await fixture.apply(b);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain(
        `An apply of app-id '${appId}' is already running (started by ${user}`,
      );
    } finally {
      await held.release();
    }
    const first = await held.response;
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: held.id, status: 'succeeded' });
  });

  it('lets the next apply in once a killed replica’s lock expires, closing its history row, and converges', async () => {
    const { db, appId, entityRef, a, b, user } = fixture;
    const held = await holdRunningApply(db, appId, user, () =>
      fixture.apply(a),
    );
    const lock = await db('specmesh_locks').where({ app_id: appId }).first();
    expect(lock.holder).toBe(held.id);
    stopReplica(a, 'SIGKILL');
    await exited(a);
    await held.dropBlockedSessions();
    await held.release();
    const killedAt = new Date();

    // The dead replica's lock holds until it expires, never longer.
    const refused = await fixture.apply(b);
    expect(refused.status).toBe(409);
    const expiry = new Date(
      (await db('specmesh_locks').where({ app_id: appId }).first()).expires_at,
    );
    expect(expiry.getTime()).toBeLessThanOrEqual(
      killedAt.getTime() + LOCK_EXPIRY_S * 1000,
    );
    const applied = await waitFor(
      'an apply on the surviving replica',
      async () => {
        const response = await fixture.apply(b);
        return response.status === 200 ? response : undefined;
      },
      120_000,
      1000,
    );
    expect(applied.body.status).toBe('succeeded');
    expect(new Date(applied.body.startedAt).getTime()).toBeGreaterThanOrEqual(
      expiry.getTime(),
    );

    // No history row stays half-written: the interrupted apply is closed as failed.
    const interrupted = await db('specmesh_applies')
      .where({ id: held.id })
      .first();
    expect(interrupted).toMatchObject({ status: 'failed' });
    expect(interrupted.error).toMatch(
      /^Interrupted: the backend running this apply stopped/,
    );
    expect(
      await db('specmesh_applies').where({ app_id: appId, status: 'running' }),
    ).toEqual([]);

    // The next reconcile cycle, on the surviving replica, finds it in sync.
    await waitFor('a reconcile after the kill', async () => {
      const row = await db('specmesh_drift')
        .where({ entity_ref: entityRef })
        .first();
      return row?.status === 'in-sync' && new Date(row.checked_at) > killedAt
        ? row
        : undefined;
    });
  });
});
