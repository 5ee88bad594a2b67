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
import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import type { ApplyHistoryStore } from '../database/ApplyHistoryStore';
import type { DriftStore } from '../database/DriftStore';
import { auditApply } from '../provisioning/auditApply';
import type { DataProductCatalog } from '../provisioning/DataProductCatalog';
import type { DataProductProvisioner } from '../provisioning/DataProductProvisioner';
import type { EntityStatus } from '../provisioning/types';
import type {
  DataProductReader,
  ProvisioningTarget,
} from '../service/DataProductReader';
import {
  DEFAULT_RETRY_BACKOFF,
  nextReconcileApplyAt,
  RetryBackoff,
} from './retryBackoff';

// Enough history to reach the longest backoff.
const BACKOFF_HISTORY = 20;

/** Who the reconcile's applies are recorded as. */
export const RECONCILE_ACTOR = 'plugin:specmesh';

/** What one reconcile run did, for its log line and for tests. */
export interface ReconcileSummary {
  checked: number;
  inSync: number;
  drifted: number;
  applied: number;
  /** Drifted, but its last applies by the reconcile failed: waiting to retry. */
  backedOff: number;
  errors: number;
}

/**
 * Re-plans every data product of the catalog against one snapshot of its
 * cluster per run (reads that do not grow with the number of data products) and
 * records the verdict in the drift table. Where the cluster is in GitOps mode
 * (`autoApply`), a drifted data product is applied as `plugin:specmesh`,
 * audited like any apply; elsewhere the drift is only recorded.
 *
 * Applies run one at a time: the reconcile is background work and must not
 * crowd out people's requests on the brokers.
 */
export class Reconciler {
  constructor(
    private readonly deps: {
      catalog: DataProductCatalog;
      dataProducts: DataProductReader;
      provisioner: DataProductProvisioner;
      drift: DriftStore;
      history: Pick<ApplyHistoryStore, 'list' | 'closeInterrupted'>;
      retryBackoff?: RetryBackoff;
      auditor: AuditorService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = {
      checked: 0,
      inSync: 0,
      drifted: 0,
      applied: 0,
      backedOff: 0,
      errors: 0,
    };
    await this.closeInterrupted();
    const byCluster = new Map<string, ProvisioningTarget[]>();
    for await (const entity of this.deps.catalog.entities()) {
      summary.checked += 1;
      const entityRef = stringifyEntityRef(entity);
      let cluster: string | undefined;
      try {
        cluster = this.deps.dataProducts.clusterOf(entity).name;
        const target = await this.deps.dataProducts.targetOf(entity);
        const onCluster = byCluster.get(cluster) ?? [];
        onCluster.push(target);
        byCluster.set(cluster, onCluster);
      } catch (error) {
        summary.errors += 1;
        await this.recordError(entityRef, cluster, error as Error);
      }
    }
    for (const [cluster, targets] of byCluster) {
      await this.reconcileCluster(cluster, targets, summary);
    }
    this.deps.logger.info(
      `Reconciled ${summary.checked} data product(s): ${summary.inSync} in sync, ${summary.drifted} drifted, ${summary.applied} applied, ${summary.backedOff} waiting to retry a failed apply, ${summary.errors} error(s)`,
    );
    return summary;
  }

  /**
   * Plans every data product of one cluster against one snapshot of it, then
   * applies the drifted ones one at a time. The snapshot only says which ones
   * have changes: an apply takes the app-id's lock and plans afresh under it,
   * so it never acts on what the snapshot saw minutes earlier.
   */
  private async reconcileCluster(
    cluster: string,
    targets: ProvisioningTarget[],
    summary: ReconcileSummary,
  ): Promise<void> {
    let statuses: EntityStatus[];
    try {
      statuses = await this.deps.provisioner.statuses(
        targets[0].cluster,
        targets,
      );
    } catch (error) {
      summary.errors += targets.length;
      for (const target of targets) {
        await this.recordError(target.entityRef, cluster, error as Error);
      }
      return;
    }
    for (const [index, target] of targets.entries()) {
      const found = statuses[index];
      try {
        await this.deps.drift.recordStatus(found);
        if (found.status === 'drifted') summary.drifted += 1;
        if (found.status === 'in-sync') summary.inSync += 1;
        // A drift no apply can fix (a partition decrease, say) is only recorded.
        const wantsApply = found.pendingChanges > 0 && target.cluster.autoApply;
        if (wantsApply && (await this.isBackingOff(target.entityRef))) {
          summary.backedOff += 1;
        } else if (wantsApply && (await this.applyDrift(target))) {
          summary.applied += 1;
          // What the drift table shows is what the cluster holds now.
          await this.check(target);
        }
      } catch (error) {
        summary.errors += 1;
        await this.recordError(target.entityRef, cluster, error as Error);
      }
    }
  }

  /**
   * Closes the history's applies whose backend stopped mid-apply (their lock
   * expired), so none stays `running` for ever, even when nothing applies
   * that app-id again.
   */
  private async closeInterrupted(): Promise<void> {
    try {
      const closed = await this.deps.history.closeInterrupted(
        this.deps.now?.() ?? new Date(),
      );
      if (closed > 0) {
        this.deps.logger.warn(
          `Closed ${closed} apply(s) left running by a backend that stopped mid-apply`,
        );
      }
    } catch (error) {
      this.deps.logger.error(
        `Could not close interrupted applies: ${(error as Error).message}`,
      );
    }
  }

  /** Compares the target with its cluster afresh and records the verdict. */
  private async check(target: ProvisioningTarget): Promise<EntityStatus> {
    const status = await this.deps.provisioner.status(target, { fresh: true });
    await this.deps.drift.recordStatus(status);
    return status;
  }

  /**
   * Whether the reconcile's own recent applies of the entity failed and the
   * wait before the next try has not passed: a cluster that refuses an apply
   * would otherwise get it, and the history a record of it, every run.
   */
  private async isBackingOff(entityRef: string): Promise<boolean> {
    const { items } = await this.deps.history.list(entityRef, {
      limit: BACKOFF_HISTORY,
      offset: 0,
    });
    const next = nextReconcileApplyAt(
      items,
      RECONCILE_ACTOR,
      this.deps.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
    );
    const now = this.deps.now?.() ?? new Date();
    if (!next || next.at <= now) return false;
    this.deps.logger.info(
      `Not applying ${entityRef} again before ${next.at.toISOString()}: the reconcile's last ${
        next.failures
      } apply(s) of it failed`,
    );
    return true;
  }

  /** Applies a drifted data product; false when another apply holds its app-id. */
  private async applyDrift(target: ProvisioningTarget): Promise<boolean> {
    const { entityRef } = target;
    try {
      const record = await auditApply(
        this.deps.auditor,
        { entityRef, actor: RECONCILE_ACTOR, trigger: 'reconcile' },
        () => this.deps.provisioner.apply(target, { actor: RECONCILE_ACTOR }),
      );
      this.deps.logger.info(
        `Applied ${entityRef} on cluster '${target.cluster.name}': ${record.status}`,
      );
      return true;
    } catch (error) {
      // Someone is applying it right now: their apply converges it.
      if (error instanceof ConflictError) {
        this.deps.logger.info(`Skipped ${entityRef}: ${error.message}`);
        return false;
      }
      throw error;
    }
  }

  private async recordError(
    entityRef: string,
    cluster: string | undefined,
    error: Error,
  ): Promise<void> {
    this.deps.logger.warn(`Could not reconcile ${entityRef}: ${error.message}`);
    try {
      await this.deps.drift.record({
        entityRef,
        // An entity whose cluster is unknown is recorded under ''.
        cluster: cluster ?? '',
        status: 'error',
        checkedAt: this.deps.now?.() ?? new Date(),
        error: error.message,
      });
    } catch (recordError) {
      this.deps.logger.error(
        `Could not record the reconcile error of ${entityRef}: ${
          (recordError as Error).message
        }`,
      );
    }
  }
}
