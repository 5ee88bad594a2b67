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

// The first read loads the YAML parser, which takes seconds on a busy machine.
jest.setTimeout(60_000);

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
    );
    const files = {
      'nested/b.json': '{}',
      '/a.avsc': '"string"',
      [inside]: '"string"',
      './nested/../a.avsc': '"string"',
    };
    expect(result).toEqual({
      files,
      annotation: JSON.stringify(files),
      problems: [],
    });
  });

  it('refuses a file: URL outside the folder, naming the spec, the ref, where, why and the folder', async () => {
    const outside = pathToFileURL(dir.resolve('outside.avsc')).href;
    const result = await reader.read(folder, spec(outside), {
      file: 'specs/asyncapi.yaml',
    });
    expect(result.files).toEqual({});
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: 'specs/asyncapi.yaml',
        location: '/components/schemas/s0',
        message: `The schema $ref "${outside}" leads outside the spec's folder ${folder.folder}, so it was not read.`,
        fix: `Keep schema files in ${folder.folder} or below it; a leading "/" means that folder ("/schema/x.avsc" is ${folder.folder}/schema/x.avsc).`,
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('"int"');
  });

  it('has nothing to say about a spec without schema files, or one that does not parse', async () => {
    expect(await reader.read(folder, spec())).toEqual({
      files: {},
      problems: [],
    });
    expect(await reader.read(folder, 'a: [')).toEqual({
      files: {},
      problems: [],
    });
  });

  it('carries files up to the annotation cap, and none beyond', async () => {
    const annotation = JSON.stringify({ '/a.avsc': '"string"' });
    const exact = new SchemaFileReader({
      annotationMaxBytes: annotation.length,
    });
    expect((await exact.read(folder, spec('/a.avsc'))).annotation).toBe(
      annotation,
    );
    const below = new SchemaFileReader({
      annotationMaxBytes: annotation.length - 1,
    });
    const result = await below.read(folder, spec('/a.avsc'));
    expect(result.annotation).toBeUndefined();
    expect(result.files).toEqual({ '/a.avsc': '"string"' });
    expect(result.warning).toContain(
      `take ${annotation.length} bytes, more than the ${
        annotation.length - 1
      } bytes an entity may carry`,
    );
  });

  it('refuses a file over the per-file cap, and files past the per-spec budget', async () => {
    const text = spec('/a.avsc', 'nested/b.json');
    const perFile = new SchemaFileReader({ limits: { maxFileBytes: 4 } });
    const tooLarge = await perFile.read(folder, text);
    expect(tooLarge.files).toEqual({ 'nested/b.json': '{}' });
    expect(tooLarge.problems).toEqual([
      expect.objectContaining({
        location: '/components/schemas/s0',
        message:
          'The schema $ref "/a.avsc" names a file larger than 4 bytes, the most one schema file may have, so it was not read.',
      }),
    ]);
    const perSpec = new SchemaFileReader({
      limits: { maxSpecBytes: Buffer.byteLength(text) + 8 },
    });
    const overBudget = await perSpec.read(folder, text);
    expect(overBudget.files).toEqual({ '/a.avsc': '"string"' });
    expect(overBudget.problems).toEqual([
      expect.objectContaining({
        location: '/components/schemas/s1',
        message: expect.stringContaining(
          'would take the spec and its schema files past',
        ),
      }),
    ]);
  });
});
