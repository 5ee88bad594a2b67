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
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DesiredStateResult,
  PrincipalMap,
  specmeshEntityProvisionPermission,
} from '@meshport/plugin-specmesh-common';
import type { Plan, PlanItemState } from '@meshport/plugin-specmesh-node';
import type { Request } from 'express';
import type { ApplyHistoryStore } from '../database/ApplyHistoryStore';
import type { DriftStore } from '../database/DriftStore';
import { auditApply } from '../provisioning/auditApply';
import type { DataProductProvisioner } from '../provisioning/DataProductProvisioner';
import { summarizePlan } from '../provisioning/planStatus';
import type { ApplyRecord, EntityStatus } from '../provisioning/types';
import type { DataProductReader } from './DataProductReader';

/** The paging of the history when the request sets none, and its ceiling. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * What the HTTP API does for one entity, on behalf of its caller: every entity
 * is read with the caller's credentials (so an entity they may not see is a
 * 404), and an apply needs `specmesh.entity.provision` on the entity.
 */
export class EntityProvisioningService {
  constructor(
    private readonly deps: {
      dataProducts: DataProductReader;
      provisioner: DataProductProvisioner;
      history: ApplyHistoryStore;
      /** Where status checks leave their verdict, for the mesh-wide drift report. */
      drift?: DriftStore;
      permissions: PermissionsService;
      auditor: AuditorService;
    },
  ) {}

  async desiredState(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<DesiredStateResult & { principals: PrincipalMap }> {
    const entity = await this.deps.dataProducts.getEntity(ref, credentials);
    return {
      ...(await this.deps.dataProducts.desiredStateOf(entity)),
      principals: this.deps.dataProducts.principalMapOf(entity),
    };
  }

  async plan(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    options: { deleteUnmanaged?: boolean },
  ): Promise<{
    entityRef: string;
    cluster: string;
    plan: Plan;
    summary: Record<PlanItemState, number>;
  }> {
    const entity = await this.deps.dataProducts.getEntity(ref, credentials);
    const target = await this.deps.dataProducts.targetOf(entity);
    const plan = await this.deps.provisioner.plan(target, options);
    return {
      entityRef: target.entityRef,
      cluster: target.cluster.name,
      plan,
      summary: summarizePlan(plan),
    };
  }

  async apply(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    options: { deleteUnmanaged?: boolean; request?: Request },
  ): Promise<ApplyRecord> {
    const entityRef = stringifyEntityRef(ref);
    const actor = credentials.principal.userEntityRef;
    return auditApply(
      this.deps.auditor,
      { entityRef, actor, trigger: 'request', request: options.request },
      async () => {
        const entity = await this.deps.dataProducts.getEntity(ref, credentials);
        await this.authorizeProvision(entityRef, credentials);
        const target = await this.deps.dataProducts.targetOf(entity);
        return this.deps.provisioner.apply(target, {
          actor,
          deleteUnmanaged: options.deleteUnmanaged,
        });
      },
    );
  }

  async status(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityStatus> {
    const entity = await this.deps.dataProducts.getEntity(ref, credentials);
    const status = await this.deps.provisioner.status(
      await this.deps.dataProducts.targetOf(entity),
    );
    await this.deps.drift?.recordStatus(status);
    return status;
  }

  async applies(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    page: { limit?: number; offset?: number },
  ): Promise<{
    items: ApplyRecord[];
    totalCount: number;
    limit: number;
    offset: number;
  }> {
    const entity = await this.deps.dataProducts.getEntity(ref, credentials);
    const limit = Math.min(page.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const offset = page.offset ?? 0;
    const { items, totalCount } = await this.deps.history.list(
      stringifyEntityRef(entity),
      { limit, offset },
    );
    return { items, totalCount, limit, offset };
  }

  /**
   * The catalog's conditions (for example "owned by one of your groups") are
   * resolved against the entity by the permission framework: `authorize` with a
   * `resourceRef`, not `authorizeConditional`.
   */
  private async authorizeProvision(
    entityRef: string,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<void> {
    const [decision] = await this.deps.permissions.authorize(
      [
        {
          permission: specmeshEntityProvisionPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not provision ${entityRef}: applying a data product needs the ${specmeshEntityProvisionPermission.name} permission, which its owners have`,
      );
    }
  }
}
