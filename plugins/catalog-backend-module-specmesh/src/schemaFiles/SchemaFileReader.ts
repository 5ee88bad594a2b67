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
  MESHPORT_SCHEMA_FILES_ANNOTATION,
  parseSpecText,
  schemaFileRefs,
} from '@meshport/plugin-specmesh-common';
import { createHash } from 'node:crypto';
import { LruCache } from '../processor/LruCache';
import { SpecFolder } from './SpecFolder';

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

/**
 * What reading the schema files of one spec found.
 *
 * @public
 */
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
 * Where the folder is (the file system, a URL) is the {@link SpecFolder}'s
 * business; which refs, the size cap and the messages are this class's.
 *
 * Files that do not exist are left out: the rule engine reports those the
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
   * Reads the schema files of the spec in `folder`, whose text is
   * `specText`. `subject` names the entity or location in messages. Rejects
   * when the folder cannot tell whether a file exists.
   */
  async read(
    folder: SpecFolder,
    specText: string,
    subject: string,
  ): Promise<SpecSchemaFiles> {
    const refs = this.refsOf(specText);
    if (refs.length === 0) return { errors: [] };

    const readings = await Promise.all(refs.map(ref => folder.read(ref)));
    const files: Record<string, string> = {};
    const errors: string[] = [];
    refs.forEach((ref, i) => {
      const reading = readings[i];
      if (reading === 'outside') {
        errors.push(
          `${
            folder.spec
          }: the schema $ref "${ref}" of ${subject} leads outside the spec's folder ${
            folder.folder
          }; keep schema files beside the spec or below it (a leading "/" means the spec's folder: "/schema/x.avsc" is ${folder.locate(
            '/schema/x.avsc',
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
        warning: `${folder.spec}: the schema files of ${subject} take ${size(
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

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kibibytes = bytes / 1024;
  return `${
    Number.isInteger(kibibytes) ? kibibytes : kibibytes.toFixed(1)
  } KiB`;
}
