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
import { parse as parseYaml } from 'yaml';
import { parseJsonWithComments } from './jsonWithComments';
import type { SchemaType } from './schemaTypes';

/** What reading a schema's text found. */
export type SchemaContentReading =
  | { ok: true; recordName?: string }
  | { ok: false; message: string; fix: string };

const PROTO_DECLARATION =
  /^\s*(?:syntax\s*=|edition\s*=|package\s+[\w.]+\s*;|import\s+(?:public\s+|weak\s+)?["']|message\s+\w+\s*\{|enum\s+\w+\s*\{|service\s+\w+\s*\{)/m;
const PROTO_PACKAGE = /^\s*package\s+([\w.]+)\s*;/m;
const PROTO_TOP_LEVEL_MESSAGE = /^message\s+(\w+)\s*\{/m;
const PROTO_COMMENTS = /\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
const PROTO_STRINGS = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;

const YAML_FILE = /\.ya?ml$/i;
const TRAILING_PUNCTUATION = /[.:]\s*$/;

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const AVRO_NAMED_TYPES: ReadonlySet<string> = new Set([
  'record',
  'error',
  'enum',
  'fixed',
]);

const RENAME_FIX: Record<SchemaType, string> = {
  AVRO: 'rename the file to .avsc',
  JSON: 'rename the file to .json (or .yml/.yaml)',
  PROTOBUF: 'rename the file to .proto',
};

/**
 * Checks that a schema file's text is what its extension says (§4) and reads
 * the record name the record-name strategies need.
 */
export function readSchemaText(
  type: SchemaType,
  text: string,
  fileName: string,
): SchemaContentReading {
  switch (type) {
    case 'AVRO':
      return readAvroText(text, fileName);
    case 'JSON':
      return readJsonSchemaText(text, fileName);
    case 'PROTOBUF':
      return readProtobufText(text, fileName);
    default:
      return {
        ok: false,
        message: `Unknown schema type ${String(type)}.`,
        fix: 'Use Avro, JSON Schema or Protobuf.',
      };
  }
}

function mismatch(
  fileName: string,
  expected: SchemaType,
  found: SchemaType,
): SchemaContentReading {
  return {
    ok: false,
    message: `The schema file "${fileName}" has the extension of ${describeType(
      expected,
    )} but contains ${describeType(found)}.`,
    fix: `Either ${
      RENAME_FIX[found]
    } and update the $ref, or replace its content with ${describeType(
      expected,
    )}.`,
  };
}

function describeType(type: SchemaType): string {
  switch (type) {
    case 'AVRO':
      return 'an Avro schema';
    case 'JSON':
      return 'a JSON Schema';
    default:
      return 'a Protobuf schema';
  }
}

function readAvroText(text: string, fileName: string): SchemaContentReading {
  if (PROTO_DECLARATION.test(text))
    return mismatch(fileName, 'AVRO', 'PROTOBUF');
  let schema: unknown;
  try {
    schema = parseJsonWithComments(text);
  } catch (error) {
    return {
      ok: false,
      message: `The Avro schema file "${fileName}" is not valid JSON: ${firstLine(
        (error as Error).message,
      )}.`,
      fix: 'Avro schemas (.avsc) are JSON: correct the syntax.',
    };
  }
  if (looksLikeJsonSchema(schema)) return mismatch(fileName, 'AVRO', 'JSON');
  return readAvroSchema(schema, `The Avro schema file "${fileName}"`);
}

/**
 * Checks the shape of an Avro schema (already parsed) deeply enough to catch
 * what is not Avro at all, and returns its full name when it is a named type.
 */
export function readAvroSchema(
  schema: unknown,
  subject: string,
): SchemaContentReading {
  if (typeof schema === 'string') return { ok: true };
  if (Array.isArray(schema)) return { ok: true };
  if (!schema || typeof schema !== 'object') {
    return {
      ok: false,
      message: `${subject} is ${JSON.stringify(schema)}, not an Avro schema.`,
      fix: 'Write an Avro type: a record object, a union list or a primitive type name.',
    };
  }
  const { type, name, namespace, fields } = schema as Record<string, unknown>;
  if (type === undefined) {
    return {
      ok: false,
      message: `${subject} has no "type".`,
      fix: 'Add "type", for example "type": "record" with "name" and "fields".',
    };
  }
  if (typeof type !== 'string' || !AVRO_NAMED_TYPES.has(type))
    return { ok: true };
  if (typeof name !== 'string' || name.length === 0) {
    return {
      ok: false,
      message: `${subject} is an Avro ${type} without a "name".`,
      fix: `Give the ${type} a "name" (and a "namespace").`,
    };
  }
  if ((type === 'record' || type === 'error') && !Array.isArray(fields)) {
    return {
      ok: false,
      message: `${subject} is an Avro record without a "fields" list.`,
      fix: 'Add "fields": a list of { "name", "type" } objects.',
    };
  }
  const fullName =
    name.includes('.') || typeof namespace !== 'string' || namespace === ''
      ? name
      : `${namespace}.${name}`;
  return { ok: true, recordName: fullName };
}

function looksLikeJsonSchema(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    return false;
  const candidate = schema as Record<string, unknown>;
  return (
    typeof candidate.$schema === 'string' ||
    candidate.type === 'object' ||
    (candidate.properties !== undefined && !Array.isArray(candidate.fields))
  );
}

function looksLikeAvro(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    return false;
  const candidate = schema as Record<string, unknown>;
  return (
    (typeof candidate.type === 'string' &&
      AVRO_NAMED_TYPES.has(candidate.type)) ||
    Array.isArray(candidate.fields)
  );
}

function readJsonSchemaText(
  text: string,
  fileName: string,
): SchemaContentReading {
  if (PROTO_DECLARATION.test(text))
    return mismatch(fileName, 'JSON', 'PROTOBUF');
  const isYaml = YAML_FILE.test(fileName);
  let schema: unknown;
  try {
    schema = isYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `The JSON Schema file "${fileName}" is not valid ${
        isYaml ? 'YAML' : 'JSON'
      }: ${firstLine((error as Error).message)}.`,
      fix: 'Correct the syntax.',
    };
  }
  if (typeof schema === 'boolean') return { ok: true };
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    return {
      ok: false,
      message: `The JSON Schema file "${fileName}" holds ${
        schema === null ? 'nothing' : JSON.stringify(schema)
      }, not a schema object.`,
      fix: 'A JSON Schema is an object, for example { "type": "object", "properties": { … } }.',
    };
  }
  if (looksLikeAvro(schema)) return mismatch(fileName, 'JSON', 'AVRO');
  return { ok: true, recordName: jsonSchemaTitle(schema) };
}

/** A JSON Schema's record name for the record-name strategies: its `title`. */
export function jsonSchemaTitle(schema: unknown): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const title = (schema as { title?: unknown }).title;
  return typeof title === 'string' && title.length > 0 ? title : undefined;
}

function readProtobufText(
  text: string,
  fileName: string,
): SchemaContentReading {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(text);
      return mismatch(
        fileName,
        'PROTOBUF',
        looksLikeAvro(parsed) ? 'AVRO' : 'JSON',
      );
    } catch {
      // Not JSON either: fall through to the Protobuf checks.
    }
  }
  const code = text.replace(PROTO_COMMENTS, ' ').replace(PROTO_STRINGS, '""');
  if (!PROTO_DECLARATION.test(code)) {
    return {
      ok: false,
      message: `The Protobuf schema file "${fileName}" declares no syntax, package, message, enum or service.`,
      fix: 'Start it with syntax = "proto3"; and declare at least one message.',
    };
  }
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACE && --depth < 0) break;
  }
  if (depth !== 0) {
    return {
      ok: false,
      message: `The Protobuf schema file "${fileName}" has unbalanced braces.`,
      fix: 'Close every "{" with a "}".',
    };
  }
  const message = PROTO_TOP_LEVEL_MESSAGE.exec(code)?.[1];
  const pkg = PROTO_PACKAGE.exec(code)?.[1];
  return {
    ok: true,
    recordName: message && (pkg ? `${pkg}.${message}` : message),
  };
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return (newline === -1 ? text : text.slice(0, newline)).replace(
    TRAILING_PUNCTUATION,
    '',
  );
}
