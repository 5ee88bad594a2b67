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
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import { APP_ID, OWNER, binding } from './__testUtils__/fixtures';
import { planAcls } from './planAcls';

describe('planAcls', () => {
  const ownerRead = binding({ operation: 'READ' });
  const ownerWrite = binding({ operation: 'WRITE' });
  const grant = binding({
    resourceName: 'acme.shop._protected.orders',
    patternType: 'LITERAL',
    principal: 'User:acme.billing',
  });

  it('creates missing bindings and keeps present ones', () => {
    const items = planAcls(APP_ID, [ownerRead, ownerWrite], [ownerRead]);

    expect(items).toEqual([
      {
        kind: 'acl',
        key: aclBindingKey(ownerRead),
        state: 'UNCHANGED',
        before: ownerRead,
        after: ownerRead,
      },
      {
        kind: 'acl',
        key: aclBindingKey(ownerWrite),
        state: 'CREATE',
        after: ownerWrite,
      },
    ]);
  });

  it('plans a binding the spec implies twice once', () => {
    expect(planAcls(APP_ID, [ownerRead, { ...ownerRead }], [])).toHaveLength(1);
  });

  it('revokes a grant the spec no longer implies', () => {
    const items = planAcls(APP_ID, [ownerRead], [ownerRead, grant]);

    expect(items).toContainEqual({
      kind: 'acl',
      key: aclBindingKey(grant),
      state: 'DELETE',
      before: grant,
      reason: 'The spec no longer implies this binding: revoked.',
    });
  });

  it.each([
    [
      'a prefixed binding on the namespace for someone else',
      binding({ principal: 'User:mallory' }),
    ],
    [
      'a deny binding',
      binding({ permissionType: 'DENY', principal: 'User:mallory' }),
    ],
    ['a binding from a specific host', binding({ host: '10.0.0.1' })],
    [
      'a consumer group binding',
      binding({
        resourceType: 'GROUP',
        resourceName: 'acme.shop.reporting',
        patternType: 'LITERAL',
      }),
    ],
    [
      'a transactional id binding',
      binding({
        resourceType: 'TRANSACTIONAL_ID',
        operation: 'WRITE',
        principal: 'User:other',
      }),
    ],
    [
      'a prefixed binding on an access level',
      binding({ resourceName: 'acme.shop._private.' }),
    ],
    [
      'a grant on a level-less topic',
      binding({
        resourceName: 'acme.shop.orders',
        patternType: 'LITERAL',
        principal: 'User:x',
      }),
    ],
  ])('revokes %s in the namespace', (_, extra) => {
    const [item] = planAcls(APP_ID, [], [extra]);
    expect(item).toMatchObject({ state: 'DELETE', before: extra });
  });

  it("never revokes the owner's cluster binding", () => {
    const cluster = binding({
      resourceType: 'CLUSTER',
      resourceName: 'kafka-cluster',
      patternType: 'LITERAL',
      operation: 'IDEMPOTENT_WRITE',
    });
    expect(planAcls(APP_ID, [], [cluster])).toEqual([]);
  });

  it('creates the cluster binding when it is missing', () => {
    const cluster = binding({
      resourceType: 'CLUSTER',
      resourceName: 'kafka-cluster',
      patternType: 'LITERAL',
      operation: 'IDEMPOTENT_WRITE',
    });
    expect(planAcls(APP_ID, [cluster], [])).toMatchObject([
      { state: 'CREATE', after: cluster },
    ]);
  });

  it.each([
    [
      'an app-id that shares a string prefix',
      binding({ resourceName: 'acme.shopping.' }),
    ],
    [
      'another namespace',
      binding({ resourceName: 'acme.billing.', principal: OWNER }),
    ],
    [
      'a nested app-id named by its access level',
      binding({
        resourceName: 'acme.shop.orders._public.placed',
        patternType: 'LITERAL',
      }),
    ],
    [
      "a nested app-id's namespace",
      binding({ resourceName: 'acme.shop.orders.' }),
    ],
    [
      "a nested app-id's prefixed access level",
      binding({
        resourceName: 'acme.shop.orders._private.',
        principal: 'User:acme.shop.orders',
      }),
    ],
  ])('leaves bindings of %s alone', (_, foreign) => {
    expect(planAcls(APP_ID, [], [foreign])).toEqual([]);
  });

  it('leaves the literal bindings of a known nested app-id alone', () => {
    const group = binding({
      resourceType: 'GROUP',
      resourceName: 'acme.shop.orders.consumer',
      patternType: 'LITERAL',
    });

    expect(planAcls(APP_ID, [], [group], ['acme.shop.orders'])).toEqual([]);
    expect(planAcls(APP_ID, [], [group])).toMatchObject([{ state: 'DELETE' }]);
  });

  it('sorts items by key', () => {
    const items = planAcls(APP_ID, [ownerWrite, ownerRead], [grant]);
    const keys = items.map(item => item.key);
    expect(keys).toEqual([...keys].sort());
  });
});
