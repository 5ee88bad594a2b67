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
import { aclBindingKey, parseAclBindingKey } from './aclBindingKey';

const binding = (overrides: Partial<AclBinding> = {}): AclBinding => ({
  resourceType: 'TOPIC',
  resourceName: 'acme.shop.',
  patternType: 'PREFIXED',
  principal: 'User:acme.shop',
  host: '*',
  operation: 'READ',
  permissionType: 'ALLOW',
  ...overrides,
});

describe('aclBindingKey', () => {
  it('reads as the binding it names', () => {
    expect(aclBindingKey(binding())).toBe(
      'ALLOW User:acme.shop READ TOPIC:PREFIXED:acme.shop. @*',
    );
  });

  it.each([
    ['resourceType', { resourceType: 'GROUP' as const }],
    ['resourceName', { resourceName: 'acme.shop._public.' }],
    ['patternType', { patternType: 'LITERAL' as const }],
    ['principal', { principal: 'User:other' }],
    ['host', { host: '10.0.0.1' }],
    ['operation', { operation: 'WRITE' }],
    ['permissionType', { permissionType: 'DENY' as const }],
  ])('tells bindings apart by %s', (_, difference) => {
    expect(aclBindingKey(binding(difference))).not.toBe(
      aclBindingKey(binding()),
    );
  });
});

describe('parseAclBindingKey', () => {
  it.each([
    ['a prefixed topic read', binding()],
    [
      'a literal group',
      binding({
        resourceType: 'GROUP',
        patternType: 'LITERAL',
        resourceName: 'acme.shop.reader',
      }),
    ],
    [
      'a principal with spaces',
      binding({ principal: 'User:CN=shop service,OU=acme' }),
    ],
    ['a host', binding({ host: '10.0.0.1', permissionType: 'DENY' })],
  ])('reads back %s', (_, original) => {
    expect(parseAclBindingKey(aclBindingKey(original))).toEqual(original);
  });

  it('is undefined for a text of another shape', () => {
    expect(parseAclBindingKey('acme.shop._public.orders')).toBeUndefined();
  });
});
