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

import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { readFile, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaFileReading, SpecFolder } from './SpecFolder';

/**
 * The folder of a spec read from the file system. Refs are paths relative
 * to it, or `file:` URLs; none is read outside it, symbolic links included.
 * A file that cannot be read counts as missing.
 *
 * @public
 */
export class FileSpecFolder implements SpecFolder {
  readonly folder: string;

  constructor(readonly spec: string) {
    this.folder = dirname(spec);
  }

  locate(ref: string): string | undefined {
    try {
      return resolveSafeChildPath(this.folder, pathInFolder(ref));
    } catch {
      return undefined;
    }
  }

  async read(ref: string): Promise<SchemaFileReading> {
    const path = this.locate(ref);
    if (path === undefined) return 'outside';
    try {
      // A symbolic link inside the folder may point anywhere.
      const [realFolder, realPath] = await Promise.all([
        realpath(this.folder),
        realpath(path),
      ]);
      if (!isChildPath(realFolder, realPath)) return 'outside';
      return await readFile(realPath, 'utf8');
    } catch {
      return undefined;
    }
  }
}

/** The path a ref names, relative to the spec's folder (or absolute, for `file:` URLs). */
function pathInFolder(ref: string): string {
  if (ref.startsWith('file:')) return fileURLToPath(ref);
  // SpecMesh's schema root is the spec's folder, not the file system's root.
  return ref.startsWith('/') ? `.${ref}` : ref;
}
