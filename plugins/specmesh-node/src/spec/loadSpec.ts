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
import { PrincipalMap } from '@meshport/plugin-specmesh-common';
import { join, resolve } from 'node:path';
import { FileSpecFolder } from './FileSpecFolder';
import { judgeSpec, LoadedSpec } from './judgeSpec';
import { readSpecFile } from './readSpecFile';
import { SchemaFileReader } from './SchemaFileReader';

/**
 * Options for loading one spec.
 *
 * @public
 * @deprecated Use {@link readSpecFile} and {@link judgeSpec}.
 */
export interface LoadSpecOptions {
  principalMap?: PrincipalMap;
  /** Grant the owner `IDEMPOTENT_WRITE` on the cluster (default `true`). */
  idempotentWrite?: boolean;
  /** The folder refs are confined to, and that a leading `/` means; the spec's folder by default. */
  schemaRoot?: string;
}

/**
 * Options for loading a spec from text.
 *
 * @public
 * @deprecated Use {@link readSpecFile} and {@link judgeSpec}.
 */
export interface LoadSpecTextOptions extends LoadSpecOptions {
  /** The spec's file, named in problems. */
  file?: string;
  /** The folder relative schema refs resolve against; the working directory by default. */
  baseDir?: string;
}

/**
 * Reads a spec file and judges it. Rejects when the file itself cannot be
 * read; problems inside it are in the result.
 *
 * @public
 * @deprecated Use {@link readSpecFile} and {@link judgeSpec}.
 */
export async function loadSpecFile(
  path: string,
  options: LoadSpecOptions = {},
): Promise<LoadedSpec> {
  const source = await readSpecFile(path, { root: options.schemaRoot });
  return judgeSpec(source, options);
}

/**
 * Judges a spec's text, its schema refs read from `baseDir`.
 *
 * @public
 * @deprecated Use {@link readSpecFile} and {@link judgeSpec}.
 */
export async function loadSpecText(
  text: string,
  options: LoadSpecTextOptions = {},
): Promise<LoadedSpec> {
  const baseDir = resolve(options.baseDir ?? '.');
  const file = options.file ?? join(baseDir, 'asyncapi.yaml');
  const folder = new FileSpecFolder(join(baseDir, 'asyncapi.yaml'), {
    root: options.schemaRoot ?? baseDir,
  });
  const { files, problems } = await new SchemaFileReader().read(folder, text, {
    file,
  });
  return judgeSpec({ file, text, schemaFiles: files, problems }, options);
}
