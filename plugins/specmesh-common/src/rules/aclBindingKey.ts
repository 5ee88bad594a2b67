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
import type { AclBinding } from '../model';

/**
 * The canonical key of an ACL binding: equal keys mean the same binding, and the
 * text reads well in a plan, e.g. `ALLOW User:acme.shop READ TOPIC:PREFIXED:acme.shop. @*`.
 *
 * @public
 */
export function aclBindingKey(binding: AclBinding): string {
  const {
    permissionType,
    principal,
    operation,
    resourceType,
    patternType,
    resourceName,
    host,
  } = binding;
  return `${permissionType} ${principal} ${operation} ${resourceType}:${patternType}:${resourceName} @${host}`;
}

// A principal may hold spaces (an X.500 name): it is what lies between the
// permission and the last word before the resource.
const ACL_BINDING_KEY =
  /^(ALLOW|DENY) (.+) (\S+) (TOPIC|GROUP|TRANSACTIONAL_ID|CLUSTER):(LITERAL|PREFIXED):(.*) @(\S*)$/;

/**
 * The binding an {@link aclBindingKey} names; undefined for a text of
 * another shape.
 *
 * @public
 */
export function parseAclBindingKey(key: string): AclBinding | undefined {
  const match = ACL_BINDING_KEY.exec(key);
  if (!match) return undefined;
  const [
    ,
    permissionType,
    principal,
    operation,
    resourceType,
    patternType,
    resourceName,
    host,
  ] = match;
  return {
    permissionType: permissionType as AclBinding['permissionType'],
    principal,
    operation,
    resourceType: resourceType as AclBinding['resourceType'],
    patternType: patternType as AclBinding['patternType'],
    resourceName,
    host,
  };
}
