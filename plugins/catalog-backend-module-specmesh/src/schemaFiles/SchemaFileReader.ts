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
import {
  MESHPORT_SCHEMA_FILES_ANNOTATION,
  parseSpecText,
  schemaFileRefs,
} from '@meshport/plugin-specmesh-common';
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LruCache } from '../processor/LruCache';

/** The default cap on the schema files an entity carries: 256 KiB of annotation. */
export const DEFAULT_SCHEMA_FILES_MAX_BYTES = 256 * 1024;
const DEFAULT_CACHE_SIZE = 5000;

/**
 * Options of {@link SchemaFileReader}.
 *
 * @public
 */
export interface SchemaFileReaderOptions {
  /**
   * The most bytes of `meshport.dev/schema-files` annotation an entity may
   * carry. Default: 256 KiB.
   */
  maxBytes?: number;
  /** How many distinct spec texts to remember the schema refs of. Default: 5000. */
  cacheSize?: number;
}

/** What reading the schema files of one spec found. */
export interface SpecSchemaFiles {
  /** The value of the `meshport.dev/schema-files` annotation; absent when the spec names no schema file, or the files are too large. */
  annotation?: string;
  /** A message per schema ref that leads outside the spec's folder. */
  errors: string[];
  /** Why the files were left off the entity, when they were. */
  warning?: string;
}

/**
 * Reads the schema files an AsyncAPI spec refers to (SpecMesh's
 * `$ref: "/schema/x.avsc"`, §4 of the rule book), never outside the spec's
 * folder, and encodes them for the `meshport.dev/schema-files` annotation.
 * A leading `/` means the spec's folder, as in `meshport validate`.
 *
 * @remarks
 *
 * Files that cannot be read are left out: the rule engine reports those the
 * spec needs, since a read-only channel may name a schema its owner keeps.
 *
 * @public
 */
export class SchemaFileReader {
  private readonly maxBytes: number;
  // Parsing costs more than reading a few small files: remember each spec
  // text's refs, so the periodic refresh of an unchanged spec costs a hash.
  private readonly refsByText: LruCache<string[]>;

  constructor(options: SchemaFileReaderOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_SCHEMA_FILES_MAX_BYTES;
    this.refsByText = new LruCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  }

  /**
   * Reads the schema files of the spec in `specFile`, whose text is
   * `specText`. `subject` names the entity or location in messages.
   */
  async read(
    specFile: string,
    specText: string,
    subject: string,
  ): Promise<SpecSchemaFiles> {
    const refs = this.refsOf(specText);
    if (refs.length === 0) return { errors: [] };

    const folder = dirname(specFile);
    const readings = await Promise.all(
      refs.map(ref => readConfined(folder, ref)),
    );
    const files: Record<string, string> = {};
    const errors: string[] = [];
    refs.forEach((ref, i) => {
      const reading = readings[i];
      if (reading === 'outside') {
        errors.push(
          `${specFile}: the schema $ref "${ref}" of ${subject} leads outside the spec's folder ${folder}; keep schema files beside the spec or below it (a leading "/" means the spec's folder: "/schema/x.avsc" is ${join(
            folder,
            'schema',
            'x.avsc',
          )})`,
        );
      } else if (reading !== undefined) {
        files[ref] = reading;
      }
    });

    const annotation = JSON.stringify(files);
    const bytes = Buffer.byteLength(annotation, 'utf8');
    if (bytes > this.maxBytes) {
      return {
        errors,
        warning: `${specFile}: the schema files of ${subject} take ${size(
          bytes,
        )}, more than the ${size(
          this.maxBytes,
        )} an entity may carry; they are left off the ${MESHPORT_SCHEMA_FILES_ANNOTATION} annotation, so the portal shows placeholders for them and the catalog does not check them. Raise catalog.processors.specmesh.schemaFilesMaxBytes to carry them.`,
      };
    }
    return { annotation, errors };
  }

  private refsOf(specText: string): string[] {
    const key = createHash('sha256').update(specText).digest('base64');
    let refs = this.refsByText.get(key);
    if (!refs) {
      refs = schemaFileRefs(parseSpecText(specText).document);
      this.refsByText.set(key, refs);
    }
    return refs;
  }
}

/** The file's text; `'outside'` when the ref leaves the folder; `undefined` when it cannot be read. */
async function readConfined(
  folder: string,
  ref: string,
): Promise<string | 'outside' | undefined> {
  let path: string;
  try {
    path = resolveSafeChildPath(folder, pathInFolder(ref));
  } catch {
    return 'outside';
  }
  try {
    // A symbolic link inside the folder may point anywhere.
    const [realFolder, realPath] = await Promise.all([
      realpath(folder),
      realpath(path),
    ]);
    if (!isChildPath(realFolder, realPath)) return 'outside';
    return await readFile(realPath, 'utf8');
  } catch {
    return undefined;
  }
}

/** The path a ref names, relative to the spec's folder (or absolute, for `file:` URLs). */
function pathInFolder(ref: string): string {
  if (ref.startsWith('file:')) return fileURLToPath(ref);
  // SpecMesh's schema root is the spec's folder, not the file system's root.
  return ref.startsWith('/') ? `.${ref}` : ref;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kibibytes = bytes / 1024;
  return `${
    Number.isInteger(kibibytes) ? kibibytes : kibibytes.toFixed(1)
  } KiB`;
}
