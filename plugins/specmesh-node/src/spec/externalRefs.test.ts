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
import { replaceExternalRefs } from './externalRefs';

describe('replaceExternalRefs', () => {
  it('replaces file and remote refs, keeping local ones and sharing untouched parts', () => {
    const untouched = { b: { $ref: '#/components/schemas/B' } };
    const document = {
      channels: {
        a: {
          publish: {
            message: {
              payload: { $ref: '/schema/a.avsc' },
              bindings: { kafka: { key: { $ref: 'schema/k.avsc' } } },
            },
          },
        },
        untouched,
      },
      list: [{ $ref: 'https://example.com/x.json' }, 1],
    };
    const { document: replaced, externalRefs } = replaceExternalRefs(document);
    expect(externalRefs).toEqual([
      '/schema/a.avsc',
      'schema/k.avsc',
      'https://example.com/x.json',
    ]);
    expect(replaced).toEqual({
      channels: {
        a: {
          publish: {
            message: {
              payload: { type: 'string' },
              bindings: { kafka: { key: { type: 'string' } } },
            },
          },
        },
        untouched,
      },
      list: [{ type: 'string' }, 1],
    });
    expect((replaced as typeof document).channels.untouched).toBe(untouched);
    expect(document.channels.a.publish.message.payload).toEqual({
      $ref: '/schema/a.avsc',
    });
  });

  it('returns the input itself without external refs', () => {
    const document = { a: { $ref: '#/b' }, b: [1, 2] };
    expect(replaceExternalRefs(document)).toEqual({
      document,
      externalRefs: [],
    });
    expect(replaceExternalRefs(document).document).toBe(document);
  });
});
