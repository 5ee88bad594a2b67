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
import type { DesiredSchema } from '../model';

/**
 * The schema types a Confluent-compatible registry knows.
 *
 * @public
 */
export type SchemaType = DesiredSchema['schemaType'];

const TYPE_BY_EXTENSION: ReadonlyMap<string, SchemaType> = new Map([
  ['avsc', 'AVRO'],
  ['json', 'JSON'],
  ['yml', 'JSON'],
  ['yaml', 'JSON'],
  ['proto', 'PROTOBUF'],
]);

/**
 * The file extensions that name a schema type, for messages.
 *
 * @public
 */
export const SCHEMA_FILE_EXTENSIONS = [
  '.avsc',
  '.json',
  '.yml',
  '.yaml',
  '.proto',
] as const;

/** The extension of a file reference, lower case, without the dot. */
export function fileExtension(ref: string): string {
  const end = firstIndexOf(ref, '#', '?');
  const path = end === -1 ? ref : ref.slice(0, end);
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1).toLowerCase() : '';
}

function firstIndexOf(text: string, a: string, b: string): number {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  if (i === -1) return j;
  if (j === -1) return i;
  return Math.min(i, j);
}

/**
 * The schema type a file's extension implies (§4), if it implies one.
 *
 * @public
 */
export function schemaTypeOfFile(ref: string): SchemaType | undefined {
  return TYPE_BY_EXTENSION.get(fileExtension(ref));
}

/**
 * The schema type of an inline schema: JSON unless the message's `schemaFormat`
 * says Avro (or Protobuf, which AsyncAPI 3 can carry inline as text).
 */
export function schemaTypeOfFormat(schemaFormat: unknown): SchemaType {
  if (typeof schemaFormat === 'string') {
    if (schemaFormat.includes('vnd.apache.avro')) return 'AVRO';
    if (schemaFormat.includes('protobuf')) return 'PROTOBUF';
  }
  return 'JSON';
}

const PRIMITIVE_TYPES: ReadonlySet<string> = new Set([
  // Avro
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
  // JSON Schema
  'integer',
  'number',
]);

/**
 * Whether a key schema is a bare primitive (`type: string`, `type: long`, …),
 * which the serializers handle without the registry, so nothing is registered.
 */
export function isPrimitiveSchema(schema: unknown): boolean {
  if (typeof schema === 'string') return PRIMITIVE_TYPES.has(schema);
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    return false;
  const type = (schema as { type?: unknown }).type;
  return typeof type === 'string' && PRIMITIVE_TYPES.has(type);
}
