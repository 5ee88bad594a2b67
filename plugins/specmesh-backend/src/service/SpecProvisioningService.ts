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
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DesiredStateResult,
  formatProblem,
  SpecProblem,
} from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  judgeSpec,
  Plan,
  PlanItemState,
  selectCluster,
} from '@meshport/plugin-specmesh-node';
import type { Request } from 'express';
import { auditApply } from '../provisioning/auditApply';
import type { DataProductProvisioner } from '../provisioning/DataProductProvisioner';
import { summarizePlan } from '../provisioning/planStatus';
import type { ApplyRecord } from '../provisioning/types';
import type {
  DataProductReader,
  ProvisioningTarget,
} from './DataProductReader';
import type { SpecDataProducts } from './SpecDataProducts';
import type { SpecRequest, SubmittedSpec } from './specRequest';

/** What `/specs/plan` answers. */
export interface SpecPlanResponse {
  appId: string;
  entityRef?: string;
  cluster: string;
  plan: Plan;
  summary: Record<PlanItemState, number>;
  warnings: SpecProblem[];
}

/**
 * Plans and applies specs sent by value: a Software Template's workspace spec,
 * before or after its entity is registered. The spec is judged here, with the
 * principal map of the cluster it goes to, and applied by the same provisioner
 * as an entity's spec: under its app-id's lock, into the history and the audit
 * log. The backend reads no file for it: the schema files come with the spec.
 */
export class SpecProvisioningService {
  constructor(
    private readonly deps: {
      dataProducts: DataProductReader;
      specDataProducts: SpecDataProducts;
      provisioner: DataProductProvisioner;
      auditor: AuditorService;
      /** Default first, as `readClusterConfigs` returns them. */
      clusters: readonly ClusterConfig[];
    },
  ) {}

  async plan(
    request: SpecRequest,
    credentials: BackstageCredentials,
  ): Promise<SpecPlanResponse> {
    const { target, entity, warnings } = await this.resolve(
      request,
      credentials,
    );
    const plan = await this.deps.provisioner.plan(target, {
      deleteUnmanaged: request.deleteUnmanaged,
    });
    return {
      appId: target.desired.appId,
      ...(entity && { entityRef: target.entityRef }),
      cluster: target.cluster.name,
      plan,
      summary: summarizePlan(plan),
      warnings,
    };
  }

  /**
   * Applies as an entity's apply does, audited as `entity-apply` under the
   * data product's entity (empty when the catalog has none yet).
   */
  async apply(
    request: SpecRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    options: { request?: Request } = {},
  ): Promise<ApplyRecord> {
    const actor = credentials.principal.userEntityRef;
    // The audit event names the data product, which is known once the spec
    // is judged; a request refused before that is audited all the same.
    let resolved: Resolved | undefined;
    let refusal: unknown;
    try {
      resolved = await this.resolve(request, credentials);
    } catch (error) {
      refusal = error;
    }
    const entityRef = resolved?.target.entityRef ?? request.entityRef ?? '';
    return auditApply(
      this.deps.auditor,
      { entityRef, actor, trigger: 'request', request: options.request },
      async () => {
        if (!resolved) throw refusal;
        const { target, entity } = resolved;
        await this.deps.specDataProducts.authorizeProvision(
          target.desired.appId,
          entity,
          credentials,
        );
        return this.deps.provisioner.apply(target, {
          actor,
          deleteUnmanaged: request.deleteUnmanaged,
        });
      },
    );
  }

  /** The spec's data product, cluster and valid desired state. */
  private async resolve(
    request: SpecRequest,
    credentials: BackstageCredentials,
  ): Promise<Resolved> {
    const { spec } = request;
    // The app-id decides the entity, and the entity may name another cluster,
    // whose principal map decides the ACLs: then the spec is judged again.
    const requested = selectCluster(this.deps.clusters, request.cluster);
    let judged = await judge(spec, requested);
    const { appId } = validState(judged, spec.file);
    const entity = await this.deps.specDataProducts.find(
      appId,
      request.entityRef,
      credentials,
    );
    const cluster =
      entity && request.cluster === undefined
        ? this.deps.dataProducts.clusterOf(entity)
        : requested;
    if (cluster !== requested) judged = await judge(spec, cluster);
    return {
      target: {
        entityRef: entity ? stringifyEntityRef(entity) : '',
        cluster,
        desired: validState(judged, spec.file),
      },
      ...(entity && { entity }),
      warnings: judged.problems.filter(
        problem => problem.severity === 'warning',
      ),
    };
  }
}

interface Resolved {
  target: ProvisioningTarget;
  entity?: Entity;
  warnings: SpecProblem[];
}

/**
 * The one judge's verdict on a spec sent by value, as the cluster it goes to
 * sees it (principal map, idempotent write), from its text and the schema files
 * that came with it: nothing is read from disk.
 */
function judge(
  spec: SubmittedSpec,
  cluster: Pick<ClusterConfig, 'principals' | 'idempotentWrite'>,
): Promise<DesiredStateResult> {
  return judgeSpec(spec, {
    principalMap: cluster.principals ?? {},
    ...(cluster.idempotentWrite !== undefined && {
      idempotentWrite: cluster.idempotentWrite,
    }),
  });
}

function validState(result: DesiredStateResult, file: string) {
  const errors = result.problems.filter(
    problem => problem.severity === 'error',
  );
  if (!result.state || errors.length > 0) {
    throw new InputError(
      `${file} has ${errors.length} error${
        errors.length === 1 ? '' : 's'
      }; fix ${
        errors.length === 1 ? 'it' : 'them'
      } before provisioning:\n${errors.map(formatProblem).join('\n')}`,
    );
  }
  return result.state;
}
