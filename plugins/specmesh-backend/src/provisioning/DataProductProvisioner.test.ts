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
import { ServiceUnavailableError } from '@backstage/errors';
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import type {
  ClusterConfig,
  Plan,
  Provisioner,
} from '@meshport/plugin-specmesh-node';
import type { AppIdLocks } from '../database/AppIdLocks';
import type { ApplyHistoryStore } from '../database/ApplyHistoryStore';
import type { ProvisioningTarget } from '../service/DataProductReader';
import { DataProductProvisioner } from './DataProductProvisioner';

const CLUSTER: ClusterConfig = {
  name: 'local',
  brokers: ['localhost:9092'],
  schemaRegistry: { url: 'http://localhost:8081' },
};

function target(appId = 'acme.a', partitions = 1): ProvisioningTarget {
  return {
    entityRef: `api:default/${appId}`,
    cluster: CLUSTER,
    desired: { appId, topics: [{ partitions }] } as unknown as DesiredState,
  };
}

/** A provisioner whose plan counts its calls; `fail` makes the next plans fail. */
function setup(statusCache = { ttlMs: 10_000, maxEntries: 10 }) {
  let clock = Date.UTC(2025, 5, 1);
  let failure: Error | undefined;
  let held: Promise<void> | undefined;
  const plans: string[] = [];
  const provisioner = {
    plan: jest.fn(async (desired: DesiredState): Promise<Plan> => {
      plans.push(desired.appId);
      await held;
      if (failure) throw failure;
      return { appId: desired.appId, items: [] };
    }),
    apply: jest.fn(async (plan: Plan) => ({ appId: plan.appId, items: [] })),
  } as unknown as Provisioner;
  const subject = new DataProductProvisioner({
    provisioners: { forCluster: async () => provisioner },
    knownAppIds: async () => [],
    locks: {
      acquire: jest.fn(async () => {}),
      keepAlive: jest.fn(() => ({ stop: () => {} })),
      release: jest.fn(async () => {}),
    } as unknown as AppIdLocks,
    history: {
      closeInterrupted: jest.fn(async () => 0),
      start: jest.fn(async () => {}),
      recordPlan: jest.fn(async () => {}),
      finish: jest.fn(async () => ({})),
    } as unknown as ApplyHistoryStore,
    statusCache,
    now: () => new Date(clock),
  });
  return {
    subject,
    plans,
    advance: (ms: number) => {
      clock += ms;
    },
    fail: (error: Error | undefined) => {
      failure = error;
    },
    /** Plans wait until the returned function is called. */
    hold: () => {
      let release = () => {};
      held = new Promise(resolve => {
        release = resolve;
      });
      return release;
    },
  };
}

describe('DataProductProvisioner.status', () => {
  it('reuses a status until its TTL has passed', async () => {
    const { subject, plans, advance } = setup();
    const first = await subject.status(target());
    advance(9_000);
    expect(await subject.status(target())).toBe(first);
    expect(plans).toHaveLength(1);
    advance(2_000);
    expect(await subject.status(target())).not.toBe(first);
    expect(plans).toHaveLength(2);
  });

  it('checks again when the desired state changed, when asked for a fresh one and after an apply', async () => {
    const { subject, plans } = setup();
    await subject.status(target('acme.a', 1));
    await subject.status(target('acme.a', 2));
    expect(plans).toHaveLength(2);
    await subject.status(target('acme.a', 2), { fresh: true });
    expect(plans).toHaveLength(3);
    await subject.apply(target('acme.a', 2), { actor: 'user:default/a' });
    const afterApply = plans.length;
    await subject.status(target('acme.a', 2));
    expect(plans).toHaveLength(afterApply + 1);
  });

  it('shares one check among concurrent callers', async () => {
    const { subject, plans } = setup();
    const [a, b] = await Promise.all([
      subject.status(target()),
      subject.status(target()),
    ]);
    expect(a).toBe(b);
    expect(plans).toHaveLength(1);
  });

  it('keeps no failure, and its message carries no URL credentials', async () => {
    const { subject, plans, fail } = setup();
    fail(
      new Error(
        'Could not reach http://admin:s3cret@registry:8081/subjects: fetch failed',
      ),
    );
    const error = await subject.status(target()).catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain('http://***@registry:8081/subjects');
    expect(error.message).not.toContain('s3cret');
    fail(undefined);
    await subject.status(target());
    expect(plans).toHaveLength(2);
  });

  it('keeps at most maxEntries statuses, dropping the least recently used', async () => {
    const { subject, plans } = setup({ ttlMs: 10_000, maxEntries: 2 });
    await subject.status(target('acme.a'));
    await subject.status(target('acme.b'));
    await subject.status(target('acme.a'));
    await subject.status(target('acme.c'));
    expect(plans).toEqual(['acme.a', 'acme.b', 'acme.c']);
    await subject.status(target('acme.a'));
    await subject.status(target('acme.b'));
    expect(plans).toEqual(['acme.a', 'acme.b', 'acme.c', 'acme.b']);
  });

  it('answers callers whose check is evicted or dropped while it runs', async () => {
    const { subject, hold } = setup({ ttlMs: 10_000, maxEntries: 1 });
    const release = hold();
    const pendingA = subject.status(target('acme.a'));
    const pendingB = subject.status(target('acme.b'));
    const applied = subject.apply(target('acme.b'), { actor: 'user:x' });
    release();
    await applied;
    expect((await pendingA).appId).toBe('acme.a');
    expect((await pendingB).appId).toBe('acme.b');
  });

  it('reuses nothing with a TTL of 0', async () => {
    const { subject, plans } = setup({ ttlMs: 0, maxEntries: 10 });
    await subject.status(target());
    await subject.status(target());
    expect(plans).toHaveLength(2);
  });
});
