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
import { isJsonObject, isLocalRef, resolvePointer } from '../document/refs';
import { parseJsonWithComments } from '../rules/jsonWithComments';
import { schemaTypeOfFile } from '../rules/schemaTypes';
import { undefinedAvroTypeNames } from './avroTypeNames';

/** The schema format every Avro schema is shown with, unless its message names another one the viewer reads. */
export const AVRO_FORMAT = 'application/vnd.apache.avro;version=1.9.0';

/** The Avro formats the portal's AsyncAPI viewer converts (@asyncapi/avro-schema-parser). */
export const DISPLAYABLE_AVRO_FORMATS: ReadonlySet<string> = new Set(
  ['1.9.0', '1.8.2'].flatMap(version =>
    ['', '+json', '+yaml'].map(
      flavour => `application/vnd.apache.avro${flavour};version=${version}`,
    ),
  ),
);

/** The Protobuf formats the viewer converts (@asyncapi/protobuf-schema-parser). */
export const DISPLAYABLE_PROTOBUF_FORMATS: ReadonlySet<string> = new Set([
  'application/vnd.google.protobuf;version=2',
  'application/vnd.google.protobuf;version=3',
]);

const PROTO3 = /^\s*syntax\s*=\s*["']proto3["']\s*;/m;

/** How a schema file is shown in place of its `$ref`. */
export type FileSchema =
  /** An Avro schema, for the viewer to convert. */
  | { kind: 'avro'; schema: unknown }
  /** A JSON Schema, shown as it is. */
  | { kind: 'json'; schema: unknown }
  /** Protobuf text, for the viewer to convert. */
  | { kind: 'protobuf'; text: string; format: string }
  /** A schema the viewer cannot convert or that is missing: a stand-in that says why. */
  | { kind: 'placeholder'; schema: Record<string, unknown> };

/**
 * Reads a schema file for display. Anything the AsyncAPI viewer would reject
 * (and with it the whole document) becomes a placeholder that explains itself
 * and, where there is one, carries the file's text.
 */
export function fileSchemaForDisplay(
  ref: string,
  text: string | undefined,
): FileSchema {
  if (text === undefined) {
    return placeholder(
      `The schema file \`${ref}\` is not available to the portal: the catalog did not read it. See the spec's source.`,
    );
  }
  switch (schemaTypeOfFile(ref)) {
    case 'AVRO':
      return avroSchema(ref, text);
    case 'JSON':
      return jsonSchema(ref, text);
    case 'PROTOBUF':
      return {
        kind: 'protobuf',
        text,
        format: `application/vnd.google.protobuf;version=${
          PROTO3.test(text) ? 3 : 2
        }`,
      };
    default:
      return placeholder(`The file \`${ref}\` is no schema file.`, text);
  }
}

/** A placeholder showing a file's text, for places where only JSON Schema is allowed. */
export function textPlaceholder(
  ref: string,
  schema: FileSchema,
): Record<string, unknown> {
  switch (schema.kind) {
    case 'placeholder':
      return schema.schema;
    case 'protobuf':
      return placeholder(`Protobuf schema \`${ref}\`:`, schema.text, 'protobuf')
        .schema;
    default:
      return placeholder(
        `Avro schema \`${ref}\`:`,
        JSON.stringify(schema.schema, null, 2),
        'json',
      ).schema;
  }
}

function avroSchema(ref: string, text: string): FileSchema {
  let schema: unknown;
  try {
    schema = parseJsonWithComments(text);
  } catch (error) {
    return unreadable(ref, text, error);
  }
  const external = undefinedAvroTypeNames(schema);
  if (external.length > 0) {
    // The viewer's Avro converter fails on names it cannot resolve.
    return placeholder(
      `Avro schema \`${ref}\`, shown as text: it uses types defined in other files (${external.join(
        ', ',
      )}).`,
      JSON.stringify(schema, null, 2),
      'json',
    );
  }
  return { kind: 'avro', schema };
}

function jsonSchema(ref: string, text: string): FileSchema {
  let schema: unknown;
  try {
    schema = /\.json$/i.test(ref) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return unreadable(ref, text, error);
  }
  if (!isJsonObject(schema) && typeof schema !== 'boolean') {
    return placeholder(`The schema file \`${ref}\` holds no schema.`, text);
  }
  return { kind: 'json', schema: inlineLocalRefs(schema) };
}

function unreadable(ref: string, text: string, error: unknown): FileSchema {
  const reason = String((error as Error)?.message ?? error).split('\n')[0];
  return placeholder(
    `The schema file \`${ref}\` cannot be parsed: ${reason}`,
    text,
  );
}

function placeholder(
  description: string,
  text?: string,
  language = '',
): { kind: 'placeholder'; schema: Record<string, unknown> } {
  const code =
    text === undefined
      ? ''
      : `\n\n\`\`\`${language}\n${text.trimEnd()}\n\`\`\``;
  // Valid as JSON Schema, Avro and AsyncAPI schema alike, so no schemaFormat rejects it.
  return {
    kind: 'placeholder',
    schema: { type: 'string', description: `${description}${code}` },
  };
}

/**
 * A JSON Schema file's own `$ref`s (`#/definitions/x`) would resolve against
 * the AsyncAPI document once inlined: replace them with what they point to.
 * Recursive and external refs become descriptions.
 */
function inlineLocalRefs(schema: unknown): unknown {
  const resolve = (value: unknown, expanding: ReadonlySet<string>): unknown => {
    if (Array.isArray(value))
      return value.map(item => resolve(item, expanding));
    if (!isJsonObject(value)) return value;
    const ref = value.$ref;
    if (typeof ref === 'string') {
      const target = isLocalRef(ref)
        ? resolvePointer(schema, ref.slice(1))
        : undefined;
      if (target === undefined) {
        return { description: `Defined by \`${ref}\`, not shown here.` };
      }
      if (expanding.has(ref)) {
        return { description: `Recursive: \`${ref}\`.` };
      }
      return resolve(target, new Set([...expanding, ref]));
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        resolve(child, expanding),
      ]),
    );
  };
  return resolve(schema, new Set());
}
