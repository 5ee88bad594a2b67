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
import type { DesiredSchema } from '@meshport/plugin-specmesh-common';

type SchemaType = DesiredSchema['schemaType'];

/**
 * Whether two schema texts say the same thing, ignoring layout: Avro and JSON
 * Schema compare as parsed JSON (member order and whitespace do not matter),
 * Protobuf as text with whitespace runs collapsed. A registry may reformat what
 * it stores, so comparing raw text would report changes that are not there.
 *
 * @public
 */
export function sameSchemaContent(
  a: string,
  b: string,
  schemaType: SchemaType,
): boolean {
  if (schemaType !== 'PROTOBUF') {
    const left = parseJson(a);
    const right = parseJson(b);
    if (left.ok && right.ok) return jsonEqual(left.value, right.value);
  }
  return collapseWhitespace(a) === collapseWhitespace(b);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function collapseWhitespace(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => jsonEqual(item, b[index]))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(
        key =>
          Object.prototype.hasOwnProperty.call(b, key) &&
          jsonEqual(a[key], b[key]),
      )
    );
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
