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
import type { SpecProblem } from '@meshport/plugin-specmesh-common';
import { SchemaFileReader } from './SchemaFileReader';
import { resolveSpecReadLimits, SpecReadLimits } from './specReadLimits';

/**
 * A spec as read from its folder: what the judge needs, and nothing that was
 * refused. `schemaFiles` are keyed by `$ref` as written; `problems` are the
 * reader's (refs refused, with why), never any content of a refused file.
 *
 * @public
 */
export interface SpecSource {
  /** The spec's file as given, named in problems. */
  file: string;
  text: string;
  schemaFiles: Record<string, string>;
  problems: SpecProblem[];
}

const readers = new Map<string, SchemaFileReader>();

/**
 * Reads a spec file and the schema files it refers to, confined to `root`
 * (the spec's folder by default): a leading `/` in a ref means `root`, and
 * no ref is read outside it, however spelled. Rejects with an InputError
 * when the spec itself cannot be read (missing, outside `root`, not a
 * regular file, larger than `maxSpecBytes`); refused schema refs are
 * problems of the result. See {@link SchemaFileReader.readSpecFile}.
 *
 * @public
 */
export async function readSpecFile(
  path: string,
  options: { root?: string; limits?: SpecReadLimits } = {},
): Promise<SpecSource> {
  const limits = resolveSpecReadLimits(options.limits);
  const key = `${limits.maxFileBytes}/${limits.maxSpecBytes}`;
  let reader = readers.get(key);
  if (!reader) {
    reader = new SchemaFileReader({ limits, cacheSize: 500 });
    readers.set(key, reader);
  }
  const { file, text, schemaFiles, problems } = await reader.readSpecFile(
    path,
    { root: options.root },
  );
  return { file, text, schemaFiles, problems };
}
