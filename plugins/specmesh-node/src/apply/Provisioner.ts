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
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import { planProvisioning } from '../plan/planProvisioning';
import type { ApplyResult, Plan, PlanOptions } from '../plan/types';
import { applyPlan } from './applyPlan';
import { readLiveStates } from './clusterSnapshot';
import { ProvisioningAdmins, readLiveState } from './readLiveState';

/**
 * Plans and applies desired states on one cluster and its registry: the piece
 * the backend and the CLI share.
 *
 * @public
 */
export class Provisioner {
  /**
   * @param admins - the cluster's Kafka admin and, when it has one, its registry
   * @param defaults - the cluster's configuration (compatibility, allowDeletion,
   *   knownAppIds); each plan request may add to it
   */
  constructor(
    private readonly admins: ProvisioningAdmins,
    private readonly defaults: PlanOptions = {},
  ) {}

  /** Reads the live state and diffs the desired state against it. Changes nothing. */
  async plan(desired: DesiredState, request: PlanOptions = {}): Promise<Plan> {
    const live = await readLiveState(desired, this.admins);
    return planProvisioning(desired, live, { ...this.defaults, ...request });
  }

  /**
   * Plans many specs against one snapshot of the cluster (see
   * `readLiveStates`): the reads do not grow with the number of specs,
   * but the plans may be stale by the time they are applied; an apply plans
   * afresh. The plans are aligned with `desired`.
   */
  async planMany(
    desired: readonly DesiredState[],
    request: PlanOptions = {},
  ): Promise<Plan[]> {
    const live = await readLiveStates(desired, this.admins);
    const options = { ...this.defaults, ...request };
    return desired.map((spec, index) =>
      planProvisioning(spec, live[index], options),
    );
  }

  /** Executes a plan made by {@link Provisioner.plan}. */
  async apply(plan: Plan): Promise<ApplyResult> {
    return applyPlan(plan, this.admins);
  }
}
