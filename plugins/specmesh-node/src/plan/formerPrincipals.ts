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
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import { ANY_PRINCIPAL, principalOf } from '@meshport/plugin-specmesh-common';
import { isOwnResource } from './namespace';
import type { LiveState } from './types';

/**
 * The cluster bindings that the rules gave a former principal of the app-id
 * (before its principal mapping changed) and that nothing implies any more: the
 * planner revokes them like the namespace's bindings (RULES §5).
 *
 * Kafka keeps no record of why a binding exists, and a binding on the cluster
 * resource names no app-id, so it is attributed only on evidence the cluster
 * itself holds, and only when no other app-id can rely on it. A binding is
 * revoked when all of these hold:
 *
 * - it has the shape the rules give an owner on the cluster: ALLOW
 *   IDEMPOTENT_WRITE on the (one, LITERAL) cluster resource, from any host;
 * - its principal is not the app-id's principal now (that one's binding is the
 *   desired state's business) and is not `User:*`;
 * - the principal was this app-id's owner: it holds WRITE on the topics PREFIXED
 *   `<app-id>.`, which the rules give the owner and no one else (this plan
 *   revokes that binding too), or it is the default principal `User:<app-id>`,
 *   which names the app-id itself. The second is the evidence that survives
 *   the namespace's bindings, for a cluster where they were revoked already
 *   (by an earlier apply that failed half-way, or by an older Meshport);
 * - the principal writes nowhere else: it holds no WRITE binding outside this
 *   app-id's own resources. Every provisioned app-id's owner holds WRITE on
 *   `<its app-id>.`, so a principal shared with another app-id (a service
 *   account several app-ids map to, an app-id nested in this namespace) keeps
 *   its binding, and so does a principal an administrator lets write elsewhere.
 *
 * A former principal that was not `User:<app-id>` and whose namespace bindings
 * are already gone cannot be told from any other principal: its binding stays.
 */
export function formerOwnerClusterBindings(
  appId: string,
  principal: string,
  live: Pick<LiveState, 'acls' | 'relatedAcls'>,
  knownAppIds: readonly string[] = [],
): AclBinding[] {
  const related = live.relatedAcls ?? [];
  if (!related.some(isOwnerClusterBinding)) return [];
  const bindings = [...live.acls, ...related];
  const ownsNamespace = (candidate: string) =>
    candidate === principalOf(appId) ||
    bindings.some(
      binding =>
        binding.principal === candidate &&
        binding.resourceType === 'TOPIC' &&
        binding.patternType === 'PREFIXED' &&
        binding.resourceName === `${appId}.` &&
        binding.operation === 'WRITE' &&
        binding.permissionType === 'ALLOW',
    );
  const writesElsewhere = (candidate: string) =>
    bindings.some(
      binding =>
        binding.principal === candidate &&
        binding.resourceType !== 'CLUSTER' &&
        (binding.operation === 'WRITE' || binding.operation === 'ALL') &&
        binding.permissionType === 'ALLOW' &&
        !isOwnResource(
          appId,
          binding.resourceName,
          binding.patternType,
          knownAppIds,
        ),
    );

  return related.filter(
    binding =>
      isOwnerClusterBinding(binding) &&
      binding.principal !== principal &&
      binding.principal !== ANY_PRINCIPAL &&
      ownsNamespace(binding.principal) &&
      !writesElsewhere(binding.principal),
  );
}

function isOwnerClusterBinding(binding: AclBinding): boolean {
  return (
    binding.resourceType === 'CLUSTER' &&
    binding.patternType === 'LITERAL' &&
    binding.operation === 'IDEMPOTENT_WRITE' &&
    binding.permissionType === 'ALLOW' &&
    binding.host === '*'
  );
}
