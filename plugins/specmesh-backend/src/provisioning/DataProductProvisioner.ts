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
import { redactUrlCredentials } from '@meshport/plugin-specmesh-node';
import type {
  Plan,
  Provisioner,
  ClusterConfig,
} from '@meshport/plugin-specmesh-node';
import { createHash, randomUUID } from 'crypto';
import { LRUCache } from 'lru-cache';
import type { AppIdLocks } from '../database/AppIdLocks';
import type { ApplyHistoryStore } from '../database/ApplyHistoryStore';
import type { ProvisioningTarget } from '../service/DataProductReader';
import { applyStatusOf, describeStatus } from './planStatus';
import type { ApplyRecord, EntityStatus } from './types';

/** Where the provisioner of a cluster comes from. */
export interface ProvisionerSource {
  forCluster(cluster: ClusterConfig): Promise<Provisioner>;
}

/**
 * Plans, applies and compares data products on their clusters: the core the
 * HTTP API and the reconcile share. It knows nothing of callers or permissions;
 * it serializes applies per app-id (see {@link AppIdLocks}) and records each in
 * the history.
 */
export class DataProductProvisioner {
  /** Absent when statuses are not reused (a TTL or size of 0). */
  private readonly statusCache?: LRUCache<
    string,
    EntityStatus,
    ProvisioningTarget
  >;
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      provisioners: ProvisionerSource;
      /** The app-ids of the catalog, so that nested namespaces are left alone. */
      knownAppIds: () => Promise<string[]>;
      locks: AppIdLocks;
      history: ApplyHistoryStore;
      /** How long a status is reused, and how many are kept. */
      statusCache: { ttlMs: number; maxEntries: number };
      /** The clock of `checkedAt` and of the status cache; for tests. */
      now?: () => Date;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
    const { ttlMs, maxEntries } = deps.statusCache;
    if (ttlMs > 0 && maxEntries > 0) {
      // fetch() shares one check among concurrent callers and keeps no failure.
      this.statusCache = new LRUCache({
        max: maxEntries,
        ttl: ttlMs,
        fetchMethod: (_key, _stale, { context }) => this.checkStatus(context),
        // A check whose entry is evicted or dropped (by an apply) while it
        // runs still answers its callers; it is just not kept.
        ignoreFetchAbort: true,
        ...(deps.now
          ? { perf: { now: () => this.now().getTime() }, ttlResolution: 0 }
          : {}),
      });
    }
  }

  /** Diffs the target against its cluster; changes nothing. */
  async plan(
    target: ProvisioningTarget,
    options: { deleteUnmanaged?: boolean } = {},
  ): Promise<Plan> {
    const provisioner = await this.deps.provisioners.forCluster(target.cluster);
    const knownAppIds = await this.deps.knownAppIds();
    try {
      return await provisioner.plan(target.desired, {
        knownAppIds,
        ...(options.deleteUnmanaged ? { deleteUnmanaged: true } : {}),
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Cannot read the live state of app-id '${
          target.desired.appId
        }' on cluster '${target.cluster.name}': ${redactUrlCredentials(
          (error as Error).message,
        )}`,
      );
    }
  }

  /**
   * The target compared with its cluster, item by item. Reused for a few
   * seconds while the spec is unchanged, unless `fresh` is asked.
   */
  async status(
    target: ProvisioningTarget,
    options: { fresh?: boolean } = {},
  ): Promise<EntityStatus> {
    if (!this.statusCache) return this.checkStatus(target);
    const status = await this.statusCache.fetch(statusKey(target), {
      context: target,
      forceRefresh: options.fresh,
    });
    // fetchMethod always resolves to a status or rejects.
    return status!;
  }

  private async checkStatus(target: ProvisioningTarget): Promise<EntityStatus> {
    const checkedAt = this.now();
    return statusOf(target, await this.plan(target), checkedAt);
  }

  /**
   * The statuses of many targets on one cluster, all planned against one
   * snapshot of it (a fixed number of reads, whatever the number of targets):
   * the reconcile's cycle. Always fresh; each one is kept in the status cache.
   * A cluster that cannot be read is one ServiceUnavailableError for all.
   */
  async statuses(
    cluster: ClusterConfig,
    targets: readonly ProvisioningTarget[],
  ): Promise<EntityStatus[]> {
    if (targets.length === 0) return [];
    const checkedAt = this.now();
    const provisioner = await this.deps.provisioners.forCluster(cluster);
    const knownAppIds = await this.deps.knownAppIds();
    let plans: Plan[];
    try {
      plans = await provisioner.planMany(
        targets.map(target => target.desired),
        { knownAppIds },
      );
    } catch (error) {
      throw new ServiceUnavailableError(
        `Cannot read the live state of cluster '${
          cluster.name
        }': ${redactUrlCredentials((error as Error).message)}`,
      );
    }
    return targets.map((target, index) => {
      const status = statusOf(target, plans[index], checkedAt);
      this.statusCache?.set(statusKey(target), status);
      return status;
    });
  }

  /**
   * Plans and applies the target under its app-id's lock, and records the
   * apply. Throws a ConflictError, without recording anything, when another
   * apply of the app-id is running; an apply that cannot run to the end is
   * recorded as failed before its error is thrown.
   */
  async apply(
    target: ProvisioningTarget,
    options: { actor: string; deleteUnmanaged?: boolean },
  ): Promise<ApplyRecord> {
    const { appId } = target.desired;
    const id = randomUUID();
    await this.deps.locks.acquire(appId, id, options.actor);
    const alive = this.deps.locks.keepAlive(appId, id);
    try {
      // Holding the lock, no other apply of the app-id can be running: a
      // `running` one was cut short by a backend that stopped.
      await this.deps.history.closeInterrupted(this.now(), {
        appId,
        except: id,
      });
      await this.deps.history.start({
        id,
        entityRef: target.entityRef,
        appId,
        cluster: target.cluster.name,
        actor: options.actor,
        startedAt: this.now(),
      });
      try {
        const plan = await this.plan(target, options);
        await this.deps.history.recordPlan(id, plan);
        const provisioner = await this.deps.provisioners.forCluster(
          target.cluster,
        );
        const result = await provisioner.apply(plan);
        return await this.deps.history.finish(id, {
          status: applyStatusOf(result),
          result,
          finishedAt: this.now(),
        });
      } catch (error) {
        await this.deps.history.finish(id, {
          status: 'failed',
          error: (error as Error).message,
          finishedAt: this.now(),
        });
        throw error;
      }
    } finally {
      alive.stop();
      this.statusCache?.delete(statusKey(target));
      await this.deps.locks.release(appId, id);
    }
  }
}

/**
 * A status holds for its entity on its cluster while the desired state it
 * compared is the same: the key carries a hash of it.
 */
function statusOf(
  target: ProvisioningTarget,
  plan: Plan,
  checkedAt: Date,
): EntityStatus {
  return {
    entityRef: target.entityRef,
    appId: target.desired.appId,
    cluster: target.cluster.name,
    ...describeStatus(plan),
    checkedAt: checkedAt.toISOString(),
  };
}

function statusKey(target: ProvisioningTarget): string {
  const desired = createHash('sha256')
    .update(JSON.stringify(target.desired))
    .digest('base64url');
  return `${target.cluster.name}\u0000${target.entityRef}\u0000${desired}`;
}
