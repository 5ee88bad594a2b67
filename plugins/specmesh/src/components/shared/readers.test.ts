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
import { describeReaders, grantsRead } from './readers';

describe('describeReaders', () => {
  it.each<[Parameters<typeof describeReaders>, string]>([
    [['public', []], 'all authenticated principals'],
    [['protected', ['_public']], 'all authenticated principals'],
    [['protected', ['acme.a', 'acme.b']], 'acme.a, acme.b'],
    [['protected', []], 'owner only'],
    [['private', []], 'owner only'],
  ])('describes %j as %s', (args, expected) => {
    expect(describeReaders(...args)).toBe(expected);
  });
});

describe('grantsRead', () => {
  it.each<[Parameters<typeof grantsRead>, boolean]>([
    [['public', [], 'acme.b'], true],
    [['protected', ['_public'], 'acme.b'], true],
    [['protected', ['acme.a', 'acme.b'], 'acme.b'], true],
    [['protected', ['acme.a'], 'acme.b'], false],
    [['protected', [], 'acme.b'], false],
    [['private', [], 'acme.b'], false],
    // A grantee's name is matched whole, never as a prefix.
    [['protected', ['acme.b.sub'], 'acme.b'], false],
    [[undefined, [], 'acme.b'], false],
  ])('for %j says %s', (args, expected) => {
    expect(grantsRead(...args)).toBe(expected);
  });
});
