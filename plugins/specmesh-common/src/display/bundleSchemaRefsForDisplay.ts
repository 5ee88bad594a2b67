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
import { isFileRef, isJsonObject, JsonObject, refOf } from '../document/refs';
import { isSchemaFileRef } from '../document/schemaFileRefs';
import { schemaTypeOfFormat } from '../rules/schemaTypes';
import {
  AVRO_FORMAT,
  DISPLAYABLE_AVRO_FORMATS,
  DISPLAYABLE_PROTOBUF_FORMATS,
  FileSchema,
  fileSchemaForDisplay,
  textPlaceholder,
} from './fileSchemaForDisplay';

const JSON_SCHEMA_FORMAT = 'application/schema+json;version=draft-07';

type Read = (ref: string) => FileSchema;

/**
 * A copy of an AsyncAPI document (2.x or 3.0) for a viewer that cannot read
 * files, such as the portal's API docs: every `$ref` to a schema file is
 * replaced with the file's content from `schemaFiles` (texts by `$ref` as
 * written).
 *
 * - Message payloads: Avro (`.avsc`) and Protobuf (`.proto`) keep their
 *   format, for the viewer to convert: in 2.x the message's `schemaFormat`
 *   says it (set when it has none or names another type), in 3.0 a Multi
 *   Format Schema Object `{ schemaFormat, schema }` does. JSON Schema files
 *   (`.json`, `.yml`, `.yaml`) are inlined as they are, their own local
 *   `$ref`s followed.
 * - Kafka binding keys: inlined the same way; 3.0 wraps Avro in a Multi
 *   Format Schema Object; Protobuf keys are shown as text.
 * - Anything the viewer would reject, and files missing from `schemaFiles`,
 *   become a string schema whose description says why and shows the text.
 *
 * The input is not changed; objects without file refs are shared with it.
 *
 * @public
 */
export function bundleSchemaRefsForDisplay(
  document: unknown,
  schemaFiles: Readonly<Record<string, string>>,
): unknown {
  if (!isJsonObject(document)) return document;
  const cache = new Map<string, FileSchema>();
  const read: Read = ref => {
    let schema = cache.get(ref);
    if (!schema) {
      const text = Object.prototype.hasOwnProperty.call(schemaFiles, ref)
        ? schemaFiles[ref]
        : undefined;
      schema = fileSchemaForDisplay(ref, text);
      cache.set(ref, schema);
    }
    return schema;
  };
  const v3 =
    typeof document.asyncapi === 'string' && document.asyncapi.startsWith('3.');
  const bundleMessage = v3 ? messageV3(read) : messageV2(read);
  const bundleChannel = (channel: unknown) =>
    v3
      ? withField(channel, 'messages', messages =>
          mapValues(messages, bundleMessage),
        )
      : ['publish', 'subscribe'].reduce(
          (result, action) =>
            withField(result, action, operation =>
              withField(operation, 'message', message =>
                messageOrOneOf(message, bundleMessage),
              ),
            ),
          channel,
        );

  let bundled = withField(document, 'channels', channels =>
    mapValues(channels, bundleChannel),
  );
  bundled = withField(bundled, 'components', components => {
    let result = withField(components, 'channels', channels =>
      mapValues(channels, bundleChannel),
    );
    result = withField(result, 'messages', messages =>
      mapValues(messages, message => messageOrOneOf(message, bundleMessage)),
    );
    // 3.0 schemas may be Multi Format Schema Objects; 2.x ones are AsyncAPI schemas only.
    return v3
      ? withField(result, 'schemas', schemas =>
          mapValues(schemas, schema => {
            const ref = schemaFileRef(schema);
            return ref === undefined ? schema : payloadV3(read(ref));
          }),
        )
      : result;
  });
  return replaceRemainingFileRefs(bundled, read);
}

function messageV2(read: Read) {
  return (message: unknown): unknown => {
    if (!isJsonObject(message)) return message;
    let result: JsonObject = message;
    const payloadRef = schemaFileRef(message.payload);
    if (payloadRef !== undefined) {
      const { payload, schemaFormat } = payloadV2(
        read(payloadRef),
        message.schemaFormat,
      );
      result = { ...result, payload };
      if (schemaFormat === undefined) delete result.schemaFormat;
      else result.schemaFormat = schemaFormat;
    }
    return withKafkaKey(result, ref => keyV2(ref, read(ref)));
  };
}

function messageV3(read: Read) {
  return (message: unknown): unknown => {
    if (!isJsonObject(message)) return message;
    const result = withField(message, 'payload', payload => {
      const ref = schemaFileRef(payload);
      if (ref !== undefined) return payloadV3(read(ref));
      // A Multi Format Schema Object whose schema is in a file.
      if (isJsonObject(payload)) {
        const innerRef = schemaFileRef(payload.schema);
        if (innerRef !== undefined) {
          return {
            ...payload,
            ...multiFormatSchema(read(innerRef), payload.schemaFormat),
          };
        }
      }
      return payload;
    });
    return withKafkaKey(result, ref => keyV3(ref, read(ref)));
  };
}

function payloadV2(
  schema: FileSchema,
  declared: unknown,
): { payload: unknown; schemaFormat: unknown } {
  switch (schema.kind) {
    case 'avro':
      return {
        payload: schema.schema,
        schemaFormat: displayableOr(
          declared,
          DISPLAYABLE_AVRO_FORMATS,
          AVRO_FORMAT,
        ),
      };
    case 'protobuf':
      return {
        payload: schema.text,
        schemaFormat: displayableOr(
          declared,
          DISPLAYABLE_PROTOBUF_FORMATS,
          schema.format,
        ),
      };
    default:
      return {
        payload: schema.schema,
        schemaFormat: jsonFormatOr(declared),
      };
  }
}

/** The value for a 3.0 payload: Avro and Protobuf in a Multi Format Schema Object, JSON Schema as it is. */
function payloadV3(schema: FileSchema): unknown {
  return schema.kind === 'avro' || schema.kind === 'protobuf'
    ? multiFormatSchema(schema, undefined)
    : schema.schema;
}

/** A 3.0 Multi Format Schema Object, keeping a declared format the viewer reads for that type. */
function multiFormatSchema(schema: FileSchema, declared: unknown): JsonObject {
  switch (schema.kind) {
    case 'avro':
      return {
        schemaFormat: displayableOr(
          declared,
          DISPLAYABLE_AVRO_FORMATS,
          AVRO_FORMAT,
        ),
        schema: schema.schema,
      };
    case 'protobuf':
      return {
        schemaFormat: displayableOr(
          declared,
          DISPLAYABLE_PROTOBUF_FORMATS,
          schema.format,
        ),
        schema: schema.text,
      };
    default:
      return {
        schemaFormat: jsonFormatOr(declared) ?? JSON_SCHEMA_FORMAT,
        schema: schema.schema,
      };
  }
}

// A 2.x key follows the message's schemaFormat when the viewer converts Avro,
// and is shown as it is otherwise: Avro and JSON Schema are both allowed there.
function keyV2(ref: string, schema: FileSchema): unknown {
  return schema.kind === 'avro' || schema.kind === 'json'
    ? schema.schema
    : textPlaceholder(ref, schema);
}

// A 3.0 key allows Avro only inside a Multi Format Schema Object.
function keyV3(ref: string, schema: FileSchema): unknown {
  switch (schema.kind) {
    case 'avro':
      return { schemaFormat: AVRO_FORMAT, schema: schema.schema };
    case 'json':
      return schema.schema;
    default:
      return textPlaceholder(ref, schema);
  }
}

function displayableOr(
  declared: unknown,
  displayable: ReadonlySet<string>,
  fallback: string,
): string {
  return typeof declared === 'string' && displayable.has(declared)
    ? declared
    : fallback;
}

/** The declared format when it reads JSON Schema; the JSON Schema format when it names another type. */
function jsonFormatOr(declared: unknown): unknown {
  if (declared === undefined) return undefined;
  return schemaTypeOfFormat(declared) === 'JSON'
    ? declared
    : JSON_SCHEMA_FORMAT;
}

function withKafkaKey(
  message: unknown,
  replace: (ref: string) => unknown,
): unknown {
  return withField(message, 'bindings', bindings =>
    withField(bindings, 'kafka', kafka =>
      withField(kafka, 'key', key => {
        const ref = schemaFileRef(key);
        return ref === undefined ? key : replace(ref);
      }),
    ),
  );
}

function messageOrOneOf(
  message: unknown,
  bundle: (message: unknown) => unknown,
): unknown {
  if (isJsonObject(message) && Array.isArray(message.oneOf)) {
    return withField(message, 'oneOf', alternatives =>
      mapValues(alternatives, bundle),
    );
  }
  return bundle(message);
}

/** The ref of a `{ $ref }` to a whole schema file, if the value is one. */
function schemaFileRef(value: unknown): string | undefined {
  const ref = refOf(value);
  return ref !== undefined && isSchemaFileRef(ref) ? ref : undefined;
}

/**
 * Replaces file refs the message rules did not reach (schemas in 2.x
 * components, headers, refs to unknown file types) with what any schema
 * position accepts, so the viewer never tries to read a file.
 */
function replaceRemainingFileRefs(document: unknown, read: Read): unknown {
  const done = new Map<object, unknown>();
  const replace = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (done.has(value)) return done.get(value);
    // Until finished, a cycle through YAML aliases leads back to the original.
    done.set(value, value);
    let result: unknown;
    const ref = refOf(value);
    if (ref !== undefined && isFileRef(ref)) {
      const schema = isSchemaFileRef(ref) ? read(ref) : undefined;
      if (schema?.kind === 'json') result = schema.schema;
      else if (schema) result = textPlaceholder(ref, schema);
      else
        result = {
          type: 'string',
          description: `Defined in \`${ref}\`, not shown here.`,
        };
    } else {
      result = mapValues(value, replace);
    }
    done.set(value, result);
    return result;
  };
  return replace(document);
}

/** Applies `update` to `object[key]` when present; copies `object` only when that changes it. */
function withField(
  object: unknown,
  key: string,
  update: (value: unknown) => unknown,
): unknown {
  if (
    !isJsonObject(object) ||
    !Object.prototype.hasOwnProperty.call(object, key)
  )
    return object;
  const value = object[key];
  const updated = update(value);
  return updated === value ? object : { ...object, [key]: updated };
}

/** Maps the values of an object or list; returns the input itself when nothing changes. */
function mapValues(
  value: unknown,
  update: (item: unknown) => unknown,
): unknown {
  if (Array.isArray(value)) {
    const items = value.map(update);
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  if (!isJsonObject(value)) return value;
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const updated = update(value[key]);
    if (updated !== value[key]) {
      copy ??= { ...value };
      copy[key] = updated;
    }
  }
  return copy ?? value;
}
