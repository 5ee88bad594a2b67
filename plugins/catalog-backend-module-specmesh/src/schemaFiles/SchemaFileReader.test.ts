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

import { createMockDirectory } from '@backstage/backend-test-utils';
import { pathToFileURL } from 'node:url';
import { FileSpecFolder } from './FileSpecFolder';
import { SchemaFileReader } from './SchemaFileReader';

const spec = (...refs: string[]) =>
  `asyncapi: '3.0.0'\ncomponents:\n  schemas:\n${refs
    .map((ref, i) => `    s${i}: { $ref: '${ref}' }\n`)
    .join('')}`;

describe('SchemaFileReader', () => {
  const dir = createMockDirectory({
    content: {
      'spec/asyncapi.yaml': '',
      'spec/a.avsc': '"string"',
      'spec/nested/b.json': '{}',
      'outside.avsc': '"int"',
    },
  });
  const folder = new FileSpecFolder(dir.resolve('spec/asyncapi.yaml'));
  const reader = new SchemaFileReader();

  it('reads relative, schema-root and file: URL refs inside the folder, in document order', async () => {
    const inside = pathToFileURL(dir.resolve('spec/a.avsc')).href;
    const result = await reader.read(
      folder,
      spec('nested/b.json', '/a.avsc', inside, './nested/../a.avsc'),
      'api:default/x',
    );
    expect(result).toEqual({
      annotation: JSON.stringify({
        'nested/b.json': '{}',
        '/a.avsc': '"string"',
        [inside]: '"string"',
        './nested/../a.avsc': '"string"',
      }),
      errors: [],
    });
  });

  it('reports a file: URL outside the folder', async () => {
    const outside = pathToFileURL(dir.resolve('outside.avsc')).href;
    const result = await reader.read(folder, spec(outside), 'api:default/x');
    expect(result.annotation).toBe('{}');
    expect(result.errors).toEqual([
      expect.stringContaining(
        `the schema $ref "${outside}" of api:default/x leads outside`,
      ),
    ]);
  });

  it('has nothing to say about a spec without schema files, or one that does not parse', async () => {
    expect(await reader.read(folder, spec(), 'x')).toEqual({ errors: [] });
    expect(await reader.read(folder, 'a: [', 'x')).toEqual({ errors: [] });
  });

  it('carries files up to the cap, and none beyond', async () => {
    const annotation = JSON.stringify({ '/a.avsc': '"string"' });
    const exact = new SchemaFileReader({ maxBytes: annotation.length });
    expect((await exact.read(folder, spec('/a.avsc'), 'x')).annotation).toBe(
      annotation,
    );
    const below = new SchemaFileReader({ maxBytes: annotation.length - 1 });
    const result = await below.read(folder, spec('/a.avsc'), 'x');
    expect(result.annotation).toBeUndefined();
    expect(result.warning).toContain(
      `take ${annotation.length} bytes, more than the ${
        annotation.length - 1
      } bytes an entity may carry`,
    );
  });
});
