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
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REMOTE_REF = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Where a spec's schema file refs resolve. */
export interface SchemaRefBase {
  /** The spec's folder: relative refs resolve against it. */
  baseDir: string;
  /** The folder a leading `/` means (SpecMesh's schema root); the spec's folder by default. */
  schemaRoot: string;
}

/**
 * The path a schema `$ref` names (§4): `/schema/x.avsc` is inside the schema root
 * (never the file system's root), `schema/x.avsc` relative to the spec's folder.
 * `undefined` for remote refs, which are never read.
 */
export function schemaRefPath(
  ref: string,
  base: SchemaRefBase,
): string | undefined {
  const hash = ref.indexOf('#');
  const withoutFragment = hash === -1 ? ref : ref.slice(0, hash);
  if (withoutFragment.startsWith('file://'))
    return fileURLToPath(withoutFragment);
  if (REMOTE_REF.test(withoutFragment)) return undefined;
  if (withoutFragment.startsWith('/'))
    return join(base.schemaRoot, withoutFragment);
  return isAbsolute(withoutFragment)
    ? withoutFragment
    : resolve(base.baseDir, withoutFragment);
}

/**
 * Reads the schema files a spec refers to, keyed by the ref as written. Files
 * that cannot be read are left out: the rule engine reports those the spec
 * needs (a read-only channel may name a schema its owner keeps).
 */
export async function readSchemaFiles(
  refs: readonly string[],
  base: SchemaRefBase,
): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  await Promise.all(
    refs.map(async ref => {
      const path = schemaRefPath(ref, base);
      if (path === undefined) return;
      try {
        texts[ref] = await readFile(path, 'utf8');
      } catch {
        // Reported by the rule engine where the schema is needed.
      }
    }),
  );
  return texts;
}
