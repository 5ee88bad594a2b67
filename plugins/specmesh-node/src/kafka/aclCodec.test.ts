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
import { fromDescribedAcls, toAclEntry } from './aclCodec';

describe('aclCodec', () => {
  const operations = [
    'ALL',
    'READ',
    'WRITE',
    'CREATE',
    'DELETE',
    'ALTER',
    'DESCRIBE',
    'CLUSTER_ACTION',
    'DESCRIBE_CONFIGS',
    'ALTER_CONFIGS',
    'IDEMPOTENT_WRITE',
  ];
  const bindings: AclBinding[] = [];
  for (const resourceType of [
    'TOPIC',
    'GROUP',
    'TRANSACTIONAL_ID',
    'CLUSTER',
  ] as const) {
    for (const patternType of ['LITERAL', 'PREFIXED'] as const) {
      for (const permissionType of ['ALLOW', 'DENY'] as const) {
        for (const operation of operations) {
          bindings.push({
            resourceType,
            resourceName: 'acme.shop.',
            patternType,
            principal: 'User:acme.shop',
            host: '*',
            operation,
            permissionType,
          });
        }
      }
    }
  }

  it('reads back every binding it writes', () => {
    const described = bindings.map(binding => {
      const { principal, host, operation, permissionType, ...resource } =
        toAclEntry(binding);
      return {
        ...resource,
        acls: [{ principal, host, operation, permissionType }],
      };
    });
    expect(fromDescribedAcls(described)).toEqual(bindings);
  });

  it('names the operations it knows when it meets one it does not', () => {
    expect(() => toAclEntry({ ...bindings[0], operation: 'read' })).toThrow(
      /Unknown ACL operation "read" in the binding .*; use one of ALL, READ, WRITE/,
    );
  });
});
