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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSchemaFiles, schemaRefPath } from './schemaFiles';

const base = { baseDir: '/specs/app', schemaRoot: '/specs/root' };

describe('schemaRefPath', () => {
  it('reads a leading "/" as the schema root, not the file system root', () => {
    expect(schemaRefPath('/schema/a.avsc', base)).toBe(
      '/specs/root/schema/a.avsc',
    );
  });

  it('resolves other refs against the spec folder', () => {
    expect(schemaRefPath('schema/a.avsc', base)).toBe(
      '/specs/app/schema/a.avsc',
    );
    expect(schemaRefPath('./schema/a.avsc', base)).toBe(
      '/specs/app/schema/a.avsc',
    );
    expect(schemaRefPath('../shared/a.avsc', base)).toBe(
      '/specs/shared/a.avsc',
    );
  });

  it('reads file URLs and never remote ones', () => {
    expect(schemaRefPath('file:///tmp/a.avsc', base)).toBe('/tmp/a.avsc');
    expect(schemaRefPath('https://example.com/a.avsc', base)).toBeUndefined();
  });
});

describe('readSchemaFiles', () => {
  it('reads what exists, keyed by the ref as written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'meshport-schemas-'));
    try {
      writeFileSync(join(folder, 'a.avsc'), 'A');
      const texts = await readSchemaFiles(
        ['/a.avsc', 'a.avsc', 'missing.avsc', 'https://example.com/a.avsc'],
        {
          baseDir: folder,
          schemaRoot: folder,
        },
      );
      expect(texts).toEqual({ '/a.avsc': 'A', 'a.avsc': 'A' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
