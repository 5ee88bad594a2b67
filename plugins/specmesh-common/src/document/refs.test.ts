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
import { dereference, isFileRef, resolvePointer } from './refs';

const root = {
  components: {
    messages: {
      A: { $ref: '#/components/messages/B' },
      B: { payload: { type: 'string' } },
    },
    schemas: { 'a/b': { type: 'integer' }, 'with space': { type: 'number' } },
    loop: { $ref: '#/components/loop' },
  },
  list: [{ x: 1 }],
};

describe('resolvePointer', () => {
  it('follows keys, escaped and URI-encoded tokens and list indices', () => {
    expect(resolvePointer(root, '/components/schemas/a~1b')).toEqual({
      type: 'integer',
    });
    expect(resolvePointer(root, '/components/schemas/with%20space')).toEqual({
      type: 'number',
    });
    expect(resolvePointer(root, '/list/0/x')).toBe(1);
    expect(resolvePointer(root, '')).toBe(root);
  });

  it('finds nothing where nothing is', () => {
    expect(resolvePointer(root, '/components/nope')).toBeUndefined();
    expect(
      resolvePointer(root, '/components/schemas/a~1b/type/x'),
    ).toBeUndefined();
    expect(resolvePointer(root, '/toString')).toBeUndefined();
  });
});

describe('dereference', () => {
  it('follows chains of local refs without copying', () => {
    const target = dereference(root, { $ref: '#/components/messages/A' });
    expect(target).toEqual({
      kind: 'value',
      value: root.components.messages.B,
    });
    expect(target.kind === 'value' && target.value).toBe(
      root.components.messages.B,
    );
  });

  it('returns file refs for the rules to handle', () => {
    expect(dereference(root, { $ref: '/schema/x.avsc' })).toEqual({
      kind: 'file',
      ref: '/schema/x.avsc',
    });
  });

  it('reports dangling, remote and looping refs', () => {
    expect(dereference(root, { $ref: '#/components/nope' })).toMatchObject({
      kind: 'broken',
      reason: expect.stringContaining('points to nothing'),
    });
    expect(
      dereference(root, { $ref: 'https://example.com/x.avsc' }),
    ).toMatchObject({
      kind: 'broken',
      reason: expect.stringContaining('remote'),
    });
    expect(dereference(root, { $ref: '#/components/loop' })).toMatchObject({
      kind: 'broken',
      reason: expect.stringContaining('loop'),
    });
  });

  it('returns plain values as they are', () => {
    expect(dereference(root, 3)).toEqual({ kind: 'value', value: 3 });
  });
});

describe('isFileRef', () => {
  it('tells files from local and remote refs', () => {
    expect(isFileRef('/schema/x.avsc')).toBe(true);
    expect(isFileRef('schema/x.avsc')).toBe(true);
    expect(isFileRef('file:///tmp/x.avsc')).toBe(true);
    expect(isFileRef('#/components/schemas/x')).toBe(false);
    expect(isFileRef('http://example.com/x.avsc')).toBe(false);
  });
});
