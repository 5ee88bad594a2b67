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
import { ownerAcls, topicReadAcls } from './acls';

function describeBindings(bindings: ReturnType<typeof ownerAcls>): string[] {
  return bindings.map(
    b =>
      `${b.resourceType} ${b.resourceName} ${b.patternType} ${b.principal} ${b.operation}`,
  );
}

describe('ownerAcls', () => {
  it('grants the table of the rule book, prefixes ending with the delimiter', () => {
    expect(
      describeBindings(
        ownerAcls('acme.user', 'User:acme.user', { idempotentWrite: true }),
      ),
    ).toEqual([
      'TOPIC acme.user. PREFIXED User:acme.user DESCRIBE',
      'TOPIC acme.user. PREFIXED User:acme.user READ',
      'TOPIC acme.user. PREFIXED User:acme.user WRITE',
      'TOPIC acme.user._private. PREFIXED User:acme.user CREATE',
      'TOPIC acme.user._private. PREFIXED User:acme.user DELETE',
      'GROUP acme.user. PREFIXED User:acme.user DESCRIBE',
      'GROUP acme.user. PREFIXED User:acme.user READ',
      'GROUP acme.user. PREFIXED User:acme.user DELETE',
      'TRANSACTIONAL_ID acme.user. PREFIXED User:acme.user DESCRIBE',
      'TRANSACTIONAL_ID acme.user. PREFIXED User:acme.user WRITE',
      'TOPIC acme.user._public. PREFIXED User:* DESCRIBE',
      'TOPIC acme.user._public. PREFIXED User:* READ',
      'CLUSTER kafka-cluster LITERAL User:acme.user IDEMPOTENT_WRITE',
    ]);
  });

  it('allows every binding from any host', () => {
    for (const binding of ownerAcls('a.b', 'User:a.b', {
      idempotentWrite: true,
    })) {
      expect(binding).toMatchObject({ host: '*', permissionType: 'ALLOW' });
    }
  });

  it('leaves out IDEMPOTENT_WRITE when switched off', () => {
    const bindings = ownerAcls('a.b', 'User:a.b', { idempotentWrite: false });
    expect(bindings.some(b => b.resourceType === 'CLUSTER')).toBe(false);
    expect(bindings).toHaveLength(12);
  });

  it('uses the given (mapped) principal for the owner, and User:* only for _public', () => {
    const bindings = ownerAcls('a.b', 'User:sa-1', { idempotentWrite: true });
    expect(new Set(bindings.map(b => b.principal))).toEqual(
      new Set(['User:sa-1', 'User:*']),
    );
  });
});

describe('topicReadAcls', () => {
  it('lets one principal describe and read one literal topic', () => {
    expect(
      describeBindings(topicReadAcls('a.b._protected.x', 'User:c.d')),
    ).toEqual([
      'TOPIC a.b._protected.x LITERAL User:c.d DESCRIBE',
      'TOPIC a.b._protected.x LITERAL User:c.d READ',
    ]);
  });
});
