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
import { isJsonObject } from '../document/refs';

const PRIMITIVES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);
const NAMED_TYPES: ReadonlySet<string> = new Set([
  'record',
  'error',
  'enum',
  'fixed',
]);
const COMPLEX_TYPES: ReadonlySet<string> = new Set([
  ...NAMED_TYPES,
  'array',
  'map',
]);

/**
 * The named types an Avro schema uses without defining them: types that live
 * in other files, as Schema Registry references. Names resolve as Avro does,
 * against the enclosing namespace.
 */
export function undefinedAvroTypeNames(schema: unknown): string[] {
  const defined = new Set<string>();
  const used = new Map<string, string[]>();
  walk(schema, '', defined, used);
  const missing: string[] = [];
  for (const [written, candidates] of used) {
    if (!candidates.some(name => defined.has(name))) missing.push(written);
  }
  return missing;
}

function walk(
  schema: unknown,
  namespace: string,
  defined: Set<string>,
  used: Map<string, string[]>,
): void {
  if (typeof schema === 'string') {
    if (!PRIMITIVES.has(schema) && !COMPLEX_TYPES.has(schema)) {
      const candidates = schema.includes('.')
        ? [schema]
        : [qualified(schema, namespace), schema];
      used.set(schema, candidates);
    }
    return;
  }
  if (Array.isArray(schema)) {
    schema.forEach(branch => walk(branch, namespace, defined, used));
    return;
  }
  if (!isJsonObject(schema)) return;
  const { type } = schema;
  if (typeof type !== 'string' || !NAMED_TYPES.has(type)) {
    if (type === 'array') walk(schema.items, namespace, defined, used);
    else if (type === 'map') walk(schema.values, namespace, defined, used);
    else walk(type, namespace, defined, used);
    return;
  }
  const inner = define(schema, namespace, defined);
  if (Array.isArray(schema.fields)) {
    for (const field of schema.fields) {
      if (isJsonObject(field)) walk(field.type, inner, defined, used);
    }
  }
}

/** Records a named type's full name (and aliases); returns its namespace. */
function define(
  schema: Record<string, unknown>,
  enclosing: string,
  defined: Set<string>,
): string {
  const { name } = schema;
  const namespace =
    typeof schema.namespace === 'string' ? schema.namespace : enclosing;
  if (typeof name !== 'string') return namespace;
  const fullName = name.includes('.') ? name : qualified(name, namespace);
  defined.add(fullName);
  if (Array.isArray(schema.aliases)) {
    for (const alias of schema.aliases) {
      if (typeof alias === 'string') defined.add(qualified(alias, namespace));
    }
  }
  const dot = fullName.lastIndexOf('.');
  return dot === -1 ? '' : fullName.slice(0, dot);
}

function qualified(name: string, namespace: string): string {
  return namespace && !name.includes('.') ? `${namespace}.${name}` : name;
}
