/*
 * Copyright 2026 The Meshport Authors
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
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AclBinding,
  ANY_PRINCIPAL,
  principalOf,
} from '@meshport/plugin-specmesh-common';
import type { ClusterConfig } from '@meshport/plugin-specmesh-node';
import type { DataProductReader } from '../service/DataProductReader';
import type { AccessNotifier } from './AccessNotifier';
import type { AccessRequestStore } from './AccessRequestStore';
import type { ClusterAclReader } from './ClusterAclReader';
import type { JudgedDataProduct, TopicOwners } from './TopicOwners';
import type { AccessRequestRecord, GrantCheckRecord } from './types';

/** Whether the bindings let the principal READ the topic. */
export function allowsRead(
  bindings: readonly AclBinding[],
  topic: string,
  principal: string,
): boolean {
  return bindings.some(
    binding =>
      binding.resourceType === 'TOPIC' &&
      binding.permissionType === 'ALLOW' &&
      (binding.operation === 'READ' || binding.operation === 'ALL') &&
      (binding.principal === principal ||
        binding.principal === ANY_PRINCIPAL) &&
      (binding.patternType === 'LITERAL'
        ? binding.resourceName === topic || binding.resourceName === '*'
        : topic.startsWith(binding.resourceName)),
  );
}

/**
 * Moves approved requests on once the world shows them: a grant is `granted`
 * when the owner's catalog spec carries `grant-access:<app-id>` on the topic
 * and the cluster's ACLs let the app-id's principal READ it; a revocation is
 * `revoked` when both are gone. One ACL read per cluster per check, however
 * many requests.
 */
export class GrantTracker {
  constructor(
    private readonly deps: {
      store: AccessRequestStore;
      catalog: CatalogService;
      auth: AuthService;
      topics: TopicOwners;
      dataProducts: DataProductReader;
      acls: ClusterAclReader;
      notifier: AccessNotifier;
      logger: LoggerService;
    },
  ) {}

  /** Checks every approved request; for the scheduled task. */
  async checkAll(): Promise<void> {
    await this.check(await this.deps.store.listAwaitingGrant());
  }

  async check(requests: readonly AccessRequestRecord[]): Promise<void> {
    const awaiting = requests.filter(request => request.state === 'approved');
    if (awaiting.length === 0) return;
    const owners = await this.judgeOwners(awaiting);

    // Group by cluster: one read for all owners on it.
    const byCluster = new Map<
      string,
      { cluster: ClusterConfig; owners: Map<string, string> }
    >();
    for (const owner of owners.values()) {
      if (!owner?.cluster) continue;
      const entry = byCluster.get(owner.cluster.name) ?? {
        cluster: owner.cluster,
        owners: new Map(),
      };
      entry.owners.set(owner.appId, owner.desired.principal);
      byCluster.set(owner.cluster.name, entry);
    }
    const bindings = new Map<string, AclBinding[] | undefined>();
    for (const [name, { cluster, owners: appIds }] of byCluster) {
      try {
        bindings.set(
          name,
          await this.deps.acls.bindingsOf(
            cluster,
            [...appIds].map(([appId, principal]) => ({ appId, principal })),
          ),
        );
      } catch (error) {
        this.deps.logger.warn(
          `Access requests: cannot read the ACLs of cluster '${name}': ${
            (error as Error).message
          }`,
        );
      }
    }

    for (const request of awaiting) {
      const owner = owners.get(request.ownerEntityRef);
      const live = owner?.cluster
        ? bindings.get(owner.cluster.name)
        : undefined;
      if (!owner || !live) continue; // Not checkable now; the next run tries again.
      const grantee = principalOf(
        request.requesterAppId,
        this.deps.dataProducts.principalMapOf(owner.entity),
      );
      const check: GrantCheckRecord = {
        specHasGrant: (owner.desired.grants?.[request.topic] ?? []).includes(
          request.requesterAppId,
        ),
        clusterHasAcl: allowsRead(live, request.topic, grantee),
        checkedAt: new Date().toISOString(),
      };
      await this.record(request, check);
    }
  }

  private async record(request: AccessRequestRecord, check: GrantCheckRecord) {
    const done =
      request.kind === 'grant'
        ? check.specHasGrant && check.clusterHasAcl
        : !check.specHasGrant && !check.clusterHasAcl;
    let state: 'granted' | 'revoked' | undefined;
    if (done) state = request.kind === 'grant' ? 'granted' : 'revoked';
    await this.deps.store.recordGrantCheck(request.id, check, state);
    if (state === 'revoked') {
      await this.deps.store.revokeGranted(
        request.topic,
        request.requesterAppId,
      );
    }
    if (state) {
      this.deps.logger.info(
        `Access request ${request.id}: ${request.requesterAppId} on ${request.topic} is ${state}`,
      );
      if (state === 'granted') {
        await this.deps.notifier.decided({ ...request, state });
      }
    }
  }

  /** Each owner once, judged from the catalog with the plugin's own credentials. */
  private async judgeOwners(
    requests: readonly AccessRequestRecord[],
  ): Promise<Map<string, JudgedDataProduct | undefined>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const owners = new Map<string, JudgedDataProduct | undefined>();
    for (const ref of new Set(
      requests.map(request => request.ownerEntityRef),
    )) {
      try {
        const entity = await this.deps.catalog.getEntityByRef(ref, {
          credentials,
        });
        owners.set(
          ref,
          entity ? await this.deps.topics.judge(entity) : undefined,
        );
      } catch (error) {
        this.deps.logger.warn(
          `Access requests: cannot judge the spec of ${ref}: ${
            (error as Error).message
          }`,
        );
        owners.set(ref, undefined);
      }
    }
    return owners;
  }
}
