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
import {
  AclEntry,
  AclFilter,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  DescribeAclResource,
  ResourcePatternTypes,
} from 'kafkajs';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';

// kafkajs exports these enums as plain objects: no reverse (number → name) mapping at run time.
const RESOURCE_TYPES: Record<AclBinding['resourceType'], AclResourceTypes> = {
  TOPIC: AclResourceTypes.TOPIC,
  GROUP: AclResourceTypes.GROUP,
  TRANSACTIONAL_ID: AclResourceTypes.TRANSACTIONAL_ID,
  CLUSTER: AclResourceTypes.CLUSTER,
};
const PATTERN_TYPES: Record<AclBinding['patternType'], ResourcePatternTypes> = {
  LITERAL: ResourcePatternTypes.LITERAL,
  PREFIXED: ResourcePatternTypes.PREFIXED,
};
const PERMISSION_TYPES: Record<
  AclBinding['permissionType'],
  AclPermissionTypes
> = {
  ALLOW: AclPermissionTypes.ALLOW,
  DENY: AclPermissionTypes.DENY,
};
const OPERATIONS: Record<string, AclOperationTypes> = Object.fromEntries(
  Object.entries(
    AclOperationTypes as unknown as Record<string, AclOperationTypes>,
  ).filter(([name]) => !['UNKNOWN', 'ANY'].includes(name)),
);

function nameOf<T extends string>(
  table: Record<T, number>,
  value: number,
): T | undefined {
  return (Object.keys(table) as T[]).find(name => table[name] === value);
}

/** A binding as kafkajs' CreateAcls wants it. */
export function toAclEntry(binding: AclBinding): AclEntry {
  const operation = OPERATIONS[binding.operation];
  if (operation === undefined) {
    throw new Error(
      `Unknown ACL operation "${
        binding.operation
      }" in the binding ${aclBindingKey(binding)}; ` +
        `use one of ${Object.keys(OPERATIONS).join(', ')}.`,
    );
  }
  return {
    resourceType: RESOURCE_TYPES[binding.resourceType],
    resourceName: binding.resourceName,
    resourcePatternType: PATTERN_TYPES[binding.patternType],
    principal: binding.principal,
    host: binding.host,
    operation,
    permissionType: PERMISSION_TYPES[binding.permissionType],
  };
}

/** A DeleteAcls filter that matches exactly this binding and nothing else. */
export function exactFilter(binding: AclBinding): AclFilter {
  return toAclEntry(binding);
}

/**
 * A DescribeAcls filter that matches every binding of the cluster. Kafka filters
 * match names exactly (or, with MATCH, a name and the prefixes covering it), never
 * "names starting with", so a namespace is read with one unfiltered call and
 * narrowed here.
 */
export const ALL_BINDINGS: AclFilter = {
  resourceType: AclResourceTypes.ANY,
  resourcePatternType: ResourcePatternTypes.ANY,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
};

/**
 * The bindings of a DescribeAcls response in our vocabulary. Bindings on resource
 * types or operations the rule book never uses (delegation tokens, users) are left out.
 */
export function fromDescribedAcls(
  resources: readonly DescribeAclResource[],
): AclBinding[] {
  const bindings: AclBinding[] = [];
  for (const resource of resources) {
    const resourceType = nameOf(RESOURCE_TYPES, resource.resourceType);
    const patternType = nameOf(PATTERN_TYPES, resource.resourcePatternType);
    if (!resourceType || !patternType) continue;
    for (const acl of resource.acls) {
      const operation = nameOf(OPERATIONS, acl.operation);
      const permissionType = nameOf(PERMISSION_TYPES, acl.permissionType);
      if (!operation || !permissionType) continue;
      bindings.push({
        resourceType,
        resourceName: resource.resourceName,
        patternType,
        principal: acl.principal,
        host: acl.host,
        operation,
        permissionType,
      });
    }
  }
  return bindings;
}
