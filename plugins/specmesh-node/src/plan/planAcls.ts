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
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import { isOwnResource } from './namespace';
import type { AclPlanItem } from './types';

/**
 * ACL items (RULES §5): create the bindings the spec implies that are missing;
 * revoke the bindings on the app-id's own resources that it no longer implies
 * (a removed grant must stop working), and `formerOwnerBindings`, the cluster
 * bindings of a principal the app-id no longer maps to (see
 * `formerOwnerClusterBindings`). Other bindings outside the namespace,
 * such as the owner's cluster binding, are only ever added.
 */
export function planAcls(
  appId: string,
  desired: readonly AclBinding[],
  live: readonly AclBinding[],
  knownAppIds: readonly string[] = [],
  formerOwnerBindings: readonly AclBinding[] = [],
): AclPlanItem[] {
  const desiredByKey = new Map(
    desired.map(binding => [aclBindingKey(binding), binding]),
  );
  const liveByKey = new Map(
    live.map(binding => [aclBindingKey(binding), binding]),
  );
  const items: AclPlanItem[] = [];

  for (const [key, binding] of desiredByKey) {
    items.push(
      liveByKey.has(key)
        ? {
            kind: 'acl',
            key,
            state: 'UNCHANGED',
            before: binding,
            after: binding,
          }
        : { kind: 'acl', key, state: 'CREATE', after: binding },
    );
  }

  for (const [key, binding] of liveByKey) {
    if (desiredByKey.has(key)) continue;
    if (
      !isOwnResource(
        appId,
        binding.resourceName,
        binding.patternType,
        knownAppIds,
      )
    )
      continue;
    items.push({
      kind: 'acl',
      key,
      state: 'DELETE',
      before: binding,
      reason: 'The spec no longer implies this binding: revoked.',
    });
  }

  const planned = new Set(
    formerOwnerBindings.length > 0 ? items.map(item => item.key) : [],
  );
  for (const binding of formerOwnerBindings) {
    const key = aclBindingKey(binding);
    if (planned.has(key)) continue;
    planned.add(key);
    items.push({
      kind: 'acl',
      key,
      state: 'DELETE',
      before: binding,
      reason:
        'Given to a former principal of this app-id, which owns no other app-id: revoked.',
    });
  }

  return items.sort((a, b) => a.key.localeCompare(b.key));
}
