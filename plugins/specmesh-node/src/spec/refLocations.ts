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
import { jsonPointer, schemaFileRefs } from '@meshport/plugin-specmesh-common';

/**
 * Every schema file `$ref` of a document (as `schemaFileRefs` finds them, in
 * document order) with the JSON pointer of its first occurrence, where a
 * problem about the file belongs.
 */
export function schemaFileRefLocations(document: unknown): Map<string, string> {
  const refs = new Set(schemaFileRefs(document));
  const locations = new Map<string, string>();
  if (refs.size === 0) return locations;
  const visited = new Set<object>();
  const path: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || visited.has(value)) {
      return;
    }
    // YAML aliases can share, and even nest, objects.
    visited.add(value);
    const { $ref: ref } = value as { $ref?: unknown };
    if (typeof ref === 'string' && refs.has(ref)) {
      if (!locations.has(ref)) locations.set(ref, jsonPointer(path) || '/');
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      path.push(key);
      visit(child);
      path.pop();
    }
  };
  visit(document);
  // Document order, as schemaFileRefs gives it.
  return new Map([...refs].map(ref => [ref, locations.get(ref) ?? '/']));
}
