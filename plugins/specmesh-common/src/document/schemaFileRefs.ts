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
import { schemaTypeOfFile } from '../rules/schemaTypes';
import { isFileRef } from './refs';

/**
 * Every `$ref` of a document that names a whole schema file (§4: `.avsc`,
 * `.json`, `.yml`, `.yaml`, `.proto`; neither local, nor remote, nor pointing
 * into the file), as written, in document order, without duplicates: the
 * files a loader reads for the spec.
 *
 * @public
 */
export function schemaFileRefs(document: unknown): string[] {
  const refs = new Set<string>();
  const visited = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || visited.has(value)) {
      return;
    }
    // YAML aliases can share, and even nest, objects.
    visited.add(value);
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const { $ref: ref } = value as { $ref?: unknown };
    if (typeof ref === 'string' && isSchemaFileRef(ref)) {
      refs.add(ref);
      return;
    }
    Object.values(value).forEach(visit);
  };
  visit(document);
  return [...refs];
}

/** Whether a `$ref` names a whole schema file. */
export function isSchemaFileRef(ref: string): boolean {
  return (
    isFileRef(ref) && !ref.includes('#') && schemaTypeOfFile(ref) !== undefined
  );
}
