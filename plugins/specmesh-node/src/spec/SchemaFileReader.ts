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
  SpecProblem,
} from '@meshport/plugin-specmesh-common';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LRUCache } from 'lru-cache';
import { FileSpecFolder } from './FileSpecFolder';
import { contentHash, parseSpecTextOnce } from './parsedSpecTexts';
import { schemaFileRefLocations } from './refLocations';
import { SchemaFileRefusal, SpecFolder } from './SpecFolder';
import type { SpecSource } from './readSpecFile';
import {
  readRegularFile,
  resolveSpecReadLimits,
  SpecReadLimits,
} from './specReadLimits';

/** The default cap on the schema files an entity carries: 256 KiB of annotation. */
export const DEFAULT_SCHEMA_FILES_MAX_BYTES = 256 * 1024;
const DEFAULT_CACHE_SIZE = 5000;

/**
 * Options of {@link SchemaFileReader}.
 *
 * @public
 */
export interface SchemaFileReaderOptions {
  /** How much one spec may make the reader read; see {@link SpecReadLimits} for the defaults. */
  limits?: SpecReadLimits;
  /**
   * The most bytes of `meshport.dev/schema-files` annotation an entity may
   * carry (the catalog's `schemaFilesMaxBytes`). Default: 256 KiB.
   */
  annotationMaxBytes?: number;
  /** How many distinct spec texts to remember the schema refs of. Default: 5000. */
  cacheSize?: number;
}

/**
 * What reading the schema files of one spec found.
 *
 * @public
 */
export interface SpecSchemaFiles {
  /** The texts read, by `$ref` as written. */
  files: Record<string, string>;
  /** An error per ref that was refused (outside the folder, not a regular file, too large); never any of the file's content. */
  problems: SpecProblem[];
  /** The value of the `meshport.dev/schema-files` annotation; absent when the spec names no schema file, or the files are too large to carry. */
  annotation?: string;
  /** Why the files were left off the entity, when they were. */
  warning?: string;
}

/**
 * Reads the schema files an AsyncAPI spec refers to (SpecMesh's
 * `$ref: "/schema/x.avsc"`, §4 of the rule book): the one reader of schema
 * files, for the CLI, the catalog, the backend and the scaffolder.
 *
 * @remarks
 *
 * Where the folder is (the file system, a URL) is the {@link SpecFolder}'s
 * business; which refs, the size caps and the messages are this class's.
 * Only refs with a schema file extension are read, one after the other,
 * each within what is left of the spec's budget.
 *
 * Files that do not exist are left out: the rule engine reports those the
 * spec needs, since a read-only channel may name a schema its owner keeps.
 *
 * @public
 */
export class SchemaFileReader {
  private readonly limits: Required<SpecReadLimits>;
  private readonly annotationMaxBytes: number;
  // Parsing costs more than reading a few small files: remember each spec
  // text's refs, so the periodic refresh of an unchanged spec costs a hash.
  private readonly refsByText: LRUCache<string, Map<string, string>>;

  constructor(options: SchemaFileReaderOptions = {}) {
    this.limits = resolveSpecReadLimits(options.limits);
    this.annotationMaxBytes =
      options.annotationMaxBytes ?? DEFAULT_SCHEMA_FILES_MAX_BYTES;
    this.refsByText = new LRUCache({
      max: Math.max(1, options.cacheSize ?? DEFAULT_CACHE_SIZE),
    });
  }

  /**
   * Reads the schema files of the spec in `folder`, whose text is
   * `specText`. Problems name `options.file`, else the folder's spec.
   * Rejects when the folder cannot tell whether a file exists.
   */
  async read(
    folder: SpecFolder,
    specText: string,
    options: { file?: string } = {},
  ): Promise<SpecSchemaFiles> {
    const refs = this.refsOf(specText, options.file ?? folder.spec);
    const files: Record<string, string> = {};
    const problems: SpecProblem[] = [];
    if (refs.size === 0) return { files, problems };
    const file = options.file ?? folder.spec;
    let budget = this.limits.maxSpecBytes - Buffer.byteLength(specText);
    for (const [ref, location] of refs) {
      const maxBytes = Math.max(0, Math.min(this.limits.maxFileBytes, budget));
      const reading = await folder.read(ref, maxBytes);
      if (reading.status === 'read') {
        files[ref] = reading.text;
        budget -= reading.bytes;
      } else if (reading.status === 'refused') {
        const overBudget =
          reading.reason === 'too-large' && maxBytes < this.limits.maxFileBytes;
        problems.push(
          this.refusal(folder, file, ref, location, reading.reason, overBudget),
        );
      }
    }
    return { files, problems, ...this.annotationOf(folder, files) };
  }

  /**
   * Reads a spec file and the schema files it refers to, confined to `root`
   * (the spec's folder by default; a leading `/` in a ref means `root`).
   * Rejects with an InputError when the spec itself cannot be read:
   * missing, outside `root`, not a regular file, or larger than the
   * `maxSpecBytes` limit. Problems name the spec by `path` as given.
   */
  async readSpecFile(
    path: string,
    options: { root?: string } = {},
  ): Promise<SpecSource & Pick<SpecSchemaFiles, 'annotation' | 'warning'>> {
    const absolute = resolve(path);
    const folder = new FileSpecFolder(absolute, { root: options.root });
    const text = await this.readSpecText(path, options);
    const { files, ...read } = await this.read(folder, text, { file: path });
    return { file: path, text, schemaFiles: files, ...read };
  }

  /**
   * Reads a spec file's text alone, as {@link SchemaFileReader.readSpecFile}
   * does: within `root` when given, a regular file, within `maxSpecBytes`.
   */
  async readSpecText(
    path: string,
    options: { root?: string } = {},
  ): Promise<string> {
    const { root } = options;
    const absolute = resolve(path);
    let read;
    try {
      if (root !== undefined) {
        const [realRoot, realSpec] = await Promise.all([
          realpath(root),
          realpath(absolute),
        ]);
        if (!isChildPath(realRoot, realSpec)) {
          throw new InputError(
            `The spec file ${path} is outside ${resolve(
              root,
            )}: give the path of a spec inside that folder`,
          );
        }
      }
      read = await readRegularFile(absolute, this.limits.maxSpecBytes);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(
        `Cannot read the spec file ${path}: ${(error as Error).message}`,
        error,
      );
    }
    if (read.status === 'not-a-file') {
      throw new InputError(
        `The spec file ${path} is not a regular file: give the path of an AsyncAPI file`,
      );
    }
    if (read.status === 'too-large') {
      throw new InputError(
        `The spec file ${path} is larger than ${size(
          this.limits.maxSpecBytes,
        )}, the most a spec may have: split it, or raise the maxSpecBytes limit of the reader`,
      );
    }
    return read.text;
  }

  private annotationOf(
    folder: SpecFolder,
    files: Record<string, string>,
  ): Pick<SpecSchemaFiles, 'annotation' | 'warning'> {
    const annotation = JSON.stringify(files);
    const bytes = Buffer.byteLength(annotation, 'utf8');
    if (bytes <= this.annotationMaxBytes) return { annotation };
    return {
      warning: `${folder.spec}: the schema files take ${size(
        bytes,
      )}, more than the ${size(
        this.annotationMaxBytes,
      )} an entity may carry; they are left off the ${MESHPORT_SCHEMA_FILES_ANNOTATION} annotation, so the portal shows placeholders for them and the catalog does not check them. Raise catalog.processors.specmesh.schemaFilesMaxBytes to carry them.`,
    };
  }

  private refusal(
    folder: SpecFolder,
    file: string,
    ref: string,
    location: string,
    reason: SchemaFileRefusal,
    overBudget: boolean,
  ): SpecProblem {
    const keepInside = `Keep schema files in ${
      folder.folder
    } or below it; a leading "/" means that folder ("/schema/x.avsc" is ${folder.locate(
      '/schema/x.avsc',
    )}).`;
    const [why, fix] = {
      outside: [`leads outside the spec's folder ${folder.folder}`, keepInside],
      'not-a-file': [
        'names something that is not a regular file (a device, a FIFO or a folder)',
        `Refer to a schema file. ${keepInside}`,
      ],
      extension: [
        'has no schema file extension',
        'Name the file with .avsc, .json, .yml, .yaml or .proto.',
      ],
      'too-large': overBudget
        ? [
            `would take the spec and its schema files past ${size(
              this.limits.maxSpecBytes,
            )}, the most one spec may read`,
            'Make the schema files smaller, or raise the maxSpecBytes limit of the reader.',
          ]
        : [
            `names a file larger than ${size(
              this.limits.maxFileBytes,
            )}, the most one schema file may have`,
            'Make the schema file smaller, or raise the maxFileBytes limit of the reader.',
          ],
    }[reason];
    return {
      severity: 'error',
      file,
      location,
      message: `The schema $ref "${ref}" ${why}, so it was not read.`,
      fix,
    };
  }

  private refsOf(specText: string, file: string): Map<string, string> {
    const key = contentHash(specText);
    let refs = this.refsByText.get(key);
    if (!refs) {
      refs = schemaFileRefLocations(parseSpecTextOnce(specText, file).document);
      this.refsByText.set(key, refs);
    }
    return refs;
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KiB`;
  return `${trim(bytes / 1024 / 1024)} MiB`;
}

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
