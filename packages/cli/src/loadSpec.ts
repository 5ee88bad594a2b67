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
import type { PrincipalMap } from '@meshport/plugin-specmesh-common';
import {
  judgeSpec,
  LoadedSpec,
  readSpecFile,
  SpecSource,
} from '@meshport/plugin-specmesh-node';
import { UnreadableInputError } from './io';

/** How a command reads and judges one spec. */
export interface LoadSpecOptions {
  principalMap?: PrincipalMap;
  /** Grant the owner `IDEMPOTENT_WRITE` on the cluster (default `true`). */
  idempotentWrite?: boolean;
  /** `--schema-root`: the folder schema refs stay in, and a leading `/` means; the spec's folder by default. */
  schemaRoot?: string;
  /** `--strict`: run the AsyncAPI parser on the spec, never the judge's fast path. */
  strict?: boolean;
}

/**
 * Reads one spec with the one reader (refs confined to the schema root) and
 * judges it with the one judge, as the portal does. An unreadable spec file
 * becomes {@link UnreadableInputError}; everything wrong inside it, refused
 * schema refs included, is a problem of the result.
 */
export async function loadSpec(
  path: string,
  options: LoadSpecOptions,
): Promise<LoadedSpec> {
  let source: SpecSource;
  try {
    source = await readSpecFile(path, { root: options.schemaRoot });
  } catch (error) {
    throw new UnreadableInputError((error as Error).message, { cause: error });
  }
  return judgeSpec(source, {
    principalMap: options.principalMap,
    idempotentWrite: options.idempotentWrite,
    strict: options.strict,
  });
}
