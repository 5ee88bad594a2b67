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
import { isChildPath } from '@backstage/backend-plugin-api';
import { schemaTypeOfFile } from '@meshport/plugin-specmesh-common';
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaFileReading, SpecFolder } from './SpecFolder';
import { readRegularFile } from './specReadLimits';

/**
 * The folder of a spec read from the file system. Refs are paths relative to
 * the spec, paths from the folder (a leading `/`), or `file:` URLs; none is
 * read outside the folder, whichever way it is spelled (`..`, an absolute
 * path, a `file:` URL, a symbolic link), and only regular files are read.
 *
 * @public
 */
export class FileSpecFolder implements SpecFolder {
  readonly spec: string;
  readonly folder: string;
  private readonly specDir: string;
  private realFolder?: Promise<string>;

  /**
   * @param spec - the spec file's path
   * @param options - `root`: the folder refs are confined to, and that a
   *   leading `/` means; the spec's own folder by default
   */
  constructor(spec: string, options: { root?: string } = {}) {
    this.spec = spec;
    this.specDir = dirname(resolve(spec));
    this.folder =
      options.root === undefined ? this.specDir : resolve(options.root);
  }

  locate(ref: string): string | undefined {
    const path = this.pathOf(ref);
    return path !== undefined && isChildPath(this.folder, path)
      ? path
      : undefined;
  }

  async read(ref: string, maxBytes: number): Promise<SchemaFileReading> {
    // Only what the rule engine can read is opened at all.
    if (schemaTypeOfFile(ref) === undefined) {
      return { status: 'refused', reason: 'extension' };
    }
    const path = this.locate(ref);
    if (path === undefined) return { status: 'refused', reason: 'outside' };
    let realPath: string;
    let realFolder: string;
    try {
      // A symbolic link inside the folder may point anywhere.
      [realFolder, realPath] = await Promise.all([
        this.realFolderPath(),
        realpath(path),
      ]);
    } catch {
      return { status: 'missing' };
    }
    if (!isChildPath(realFolder, realPath)) {
      return { status: 'refused', reason: 'outside' };
    }
    try {
      const read = await readRegularFile(realPath, maxBytes);
      return read.status === 'read'
        ? read
        : { status: 'refused', reason: read.status };
    } catch {
      return { status: 'missing' };
    }
  }

  private realFolderPath(): Promise<string> {
    this.realFolder ??= realpath(this.folder);
    return this.realFolder;
  }

  /** The absolute path a ref names, or `undefined` when it names none. */
  private pathOf(ref: string): string | undefined {
    if (ref.includes('\0')) return undefined;
    if (/^file:/i.test(ref)) {
      try {
        return resolve(fileURLToPath(ref));
      } catch {
        // A file: URL with a host, or otherwise not a local path.
        return undefined;
      }
    }
    // SpecMesh's schema root is the folder, not the file system's root.
    if (ref.startsWith('/')) return resolve(this.folder, `.${ref}`);
    if (isAbsolute(ref)) return resolve(ref);
    return resolve(this.specDir, ref);
  }
}
