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
import type { LiveState } from '../plan/types';

/**
 * Sorts all of a cluster's bindings into what the planner reads for one app-id:
 *
 * - `acls`: every binding on a resource named `<app-id>.…` (any principal, any
 *   pattern), and the owner principal's bindings on the cluster resource;
 * - `relatedAcls`: every other binding of each other principal that holds a
 *   binding in the namespace, and of the app-id's default principal
 *   `User:<app-id>` (`User:*` aside), so that the planner can tell a former
 *   principal's cluster binding from one another app-id relies on.
 *
 * @public
 */
export function namespaceBindings(
  all: readonly AclBinding[],
  appId: string,
  principal: string,
): Pick<LiveState, 'acls' | 'relatedAcls'> {
  const namespace = `${appId}.`;
  const inNamespace = (binding: AclBinding) =>
    binding.resourceName.startsWith(namespace);
  const acls = all.filter(
    binding =>
      inNamespace(binding) ||
      (binding.resourceType === 'CLUSTER' && binding.principal === principal),
  );
  const related = new Set(
    [...acls.map(binding => binding.principal), principalOf(appId)].filter(
      candidate => candidate !== principal && candidate !== ANY_PRINCIPAL,
    ),
  );
  const relatedAcls = all.filter(
    binding => !inNamespace(binding) && related.has(binding.principal),
  );
  return { acls, relatedAcls };
}
