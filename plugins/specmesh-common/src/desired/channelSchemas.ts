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
import type { DesiredSchema } from '../model';
import type { ProblemCollector } from '../problems';
import { dereference, isJsonObject, JsonObject } from '../document/refs';
import type { ChannelUse } from '../document/specView';
import {
  readAvroSchema,
  readSchemaText,
  jsonSchemaTitle,
} from '../rules/schemaContent';
import {
  isPrimitiveSchema,
  SCHEMA_FILE_EXTENSIONS,
  SchemaType,
  schemaTypeOfFile,
  schemaTypeOfFormat,
} from '../rules/schemaTypes';
import {
  readSubjectNameStrategy,
  subjectName,
  SubjectNameStrategy,
} from '../rules/subjectNaming';

type Role = DesiredSchema['role'];

/** What the schema rules need besides the channel. */
export interface SchemaContext {
  root: JsonObject;
  /** Schema file texts by `$ref` as written; `undefined` when the caller has none. */
  schemaFiles?: Record<string, string>;
  problems: ProblemCollector;
}

/** One schema a message declares, before naming its subject. */
interface SchemaSource {
  location: string;
  type: SchemaType;
  /** Identifies the schema for the "one payload per topic" rule. */
  identity: string;
  ref?: string;
  text?: string;
  recordName?: string;
}

/**
 * The subjects an owned, written topic registers (§4): the write operations'
 * payloads as values and their Kafka binding keys as keys.
 */
export function channelSchemas(
  channel: ChannelUse,
  topic: string,
  channelBinding: JsonObject | undefined,
  context: SchemaContext,
): DesiredSchema[] {
  const channelStrategy = strategyAt(
    channelBinding,
    `${channel.location}/bindings/kafka`,
    context,
  );
  const sources: Record<
    Role,
    Array<SchemaSource & { strategy: SubjectNameStrategy }>
  > = { key: [], value: [] };
  for (const operation of channel.operations) {
    if (!operation.ownerWrites) continue;
    for (const { location, message } of operation.messages) {
      const messageBinding = kafkaBinding(message);
      const strategy =
        strategyAt(messageBinding, `${location}/bindings/kafka`, context) ??
        channelStrategy ??
        'TopicNameStrategy';
      const value = readSource(
        message.payload,
        message.schemaFormat,
        `${location}/payload`,
        'value',
        context,
      );
      if (value) sources.value.push({ ...value, strategy });
      const key = readSource(
        messageBinding?.key,
        message.schemaFormat,
        `${location}/bindings/kafka/key`,
        'key',
        context,
      );
      if (key) sources.key.push({ ...key, strategy });
    }
  }
  const schemas: DesiredSchema[] = [];
  for (const role of ['value', 'key'] as const) {
    addSubjects(channel, topic, role, sources[role], context, schemas);
  }
  return schemas;
}

function addSubjects(
  channel: ChannelUse,
  topic: string,
  role: Role,
  sources: Array<SchemaSource & { strategy: SubjectNameStrategy }>,
  context: SchemaContext,
  into: DesiredSchema[],
): void {
  let topicNamedIdentity: string | undefined;
  const seenSubjects = new Map<string, string>();
  for (const source of sources) {
    if (source.strategy === 'TopicNameStrategy') {
      topicNamedIdentity ??= source.identity;
      if (source.identity !== topicNamedIdentity) {
        context.problems.error(
          source.location,
          `The channel "${channel.key}" writes more than one ${role} schema to topic "${topic}"; under TopicNameStrategy they would all be subject "${topic}-${role}".`,
          'Set schemaLookupStrategy: RecordNameStrategy (or TopicRecordNameStrategy) in the kafka binding, or write one schema.',
        );
        continue;
      }
    }
    const subject = subjectName(
      source.strategy,
      topic,
      role,
      source.recordName,
    );
    if (subject === undefined) {
      context.problems.error(
        source.location,
        `The ${role} schema has no record name, which ${source.strategy} needs for its subject.`,
        'Give the Avro record a "name" and "namespace" (or the JSON Schema a "title"), or use TopicNameStrategy.',
      );
      continue;
    }
    const known = seenSubjects.get(subject);
    if (known !== undefined) {
      if (known !== source.identity) {
        context.problems.error(
          source.location,
          `Two different ${role} schemas of topic "${topic}" map to the same subject "${subject}".`,
          'Give the records distinct names, or write one schema.',
        );
      }
      continue;
    }
    seenSubjects.set(subject, source.identity);
    const schema: DesiredSchema = {
      subject,
      schemaType: source.type,
      topic,
      role,
    };
    if (source.ref !== undefined) schema.ref = source.ref;
    if (source.text !== undefined) {
      schema.schema = registrableText(source.type, source.ref, source.text);
    }
    into.push(schema);
  }
}

function kafkaBinding(object: JsonObject): JsonObject | undefined {
  const bindings = object.bindings;
  if (!isJsonObject(bindings)) return undefined;
  const kafka = bindings.kafka;
  return isJsonObject(kafka) ? kafka : undefined;
}

function strategyAt(
  binding: JsonObject | undefined,
  location: string,
  context: SchemaContext,
): SubjectNameStrategy | undefined {
  const value = binding?.schemaLookupStrategy;
  if (value === undefined || value === null) return undefined;
  const strategy = readSubjectNameStrategy(value);
  if (!strategy) {
    context.problems.error(
      `${location}/schemaLookupStrategy`,
      `schemaLookupStrategy is ${JSON.stringify(
        value,
      )}, which is no subject name strategy.`,
      'Use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy.',
    );
  }
  return strategy;
}

function readSource(
  value: unknown,
  schemaFormat: unknown,
  location: string,
  role: Role,
  context: SchemaContext,
): SchemaSource | undefined {
  if (value === undefined || value === null) return undefined;
  let target = dereference(context.root, value);
  let format = schemaFormat;
  // AsyncAPI 3 multi-format schema: { schemaFormat, schema }.
  if (
    target.kind === 'value' &&
    isJsonObject(target.value) &&
    typeof target.value.schemaFormat === 'string' &&
    'schema' in target.value
  ) {
    format = target.value.schemaFormat;
    target = dereference(context.root, target.value.schema);
  }
  switch (target.kind) {
    case 'file':
      return readFileSource(target.ref, location, role, context);
    case 'broken':
      context.problems.error(
        location,
        `The ${role} schema's $ref "${target.ref}" cannot be followed: ${target.reason}.`,
        'Correct the $ref.',
      );
      return undefined;
    default:
      return readInlineSource(target.value, format, location, role, context);
  }
}

function readFileSource(
  ref: string,
  location: string,
  role: Role,
  context: SchemaContext,
): SchemaSource | undefined {
  const type = schemaTypeOfFile(ref);
  if (!type) {
    context.problems.error(
      location,
      `The ${role} schema file "${ref}" has no known schema extension, so its type is unknown.`,
      `Name the file with one of ${SCHEMA_FILE_EXTENSIONS.join(
        ', ',
      )} (Avro, JSON Schema, Protobuf).`,
    );
    return undefined;
  }
  if (ref.includes('#')) {
    context.problems.error(
      location,
      `The ${role} schema file reference "${ref}" points into the file; only whole schema files are supported.`,
      'Refer to the whole file, without "#…".',
    );
    return undefined;
  }
  const source: SchemaSource = { location, type, identity: `file:${ref}`, ref };
  if (!context.schemaFiles) return source;
  const text = context.schemaFiles[ref];
  if (text === undefined) {
    // The spec may have come from a file, a URL or an entity: the reader,
    // which knows the folder, names it where it refuses a ref.
    context.problems.error(
      location,
      `The ${role} schema file "${ref}" cannot be read.`,
      'Create the file or correct the $ref (a leading "/" means the spec\'s folder, other paths are relative to the spec).',
    );
    return undefined;
  }
  const reading = readSchemaText(type, text, ref);
  if (!reading.ok) {
    context.problems.error(location, reading.message, reading.fix);
    return undefined;
  }
  source.text = text;
  if (reading.recordName !== undefined) source.recordName = reading.recordName;
  return source;
}

function readInlineSource(
  schema: unknown,
  schemaFormat: unknown,
  location: string,
  role: Role,
  context: SchemaContext,
): SchemaSource | undefined {
  if (role === 'key' && isPrimitiveSchema(schema)) return undefined;
  const type = schemaTypeOfFormat(schemaFormat);
  if (type === 'PROTOBUF') {
    if (typeof schema !== 'string') {
      context.problems.error(
        location,
        `The ${role} schema is declared Protobuf but is not Protobuf text.`,
        'Write the .proto text as a string, or refer to a .proto file.',
      );
      return undefined;
    }
    return { location, type, identity: `inline:${schema}`, text: schema };
  }
  if (type === 'AVRO') {
    const reading = readAvroSchema(schema, `The inline ${role} schema`);
    if (!reading.ok) {
      context.problems.error(location, reading.message, reading.fix);
      return undefined;
    }
    const text = JSON.stringify(schema);
    return {
      location,
      type,
      identity: `inline:${text}`,
      text,
      recordName: reading.recordName,
    };
  }
  if (!isJsonObject(schema) && typeof schema !== 'boolean') {
    context.problems.error(
      location,
      `The ${role} schema is ${JSON.stringify(schema)}, not a schema.`,
      'Write a JSON Schema object, or $ref a schema file (.avsc, .json, .yml, .proto).',
    );
    return undefined;
  }
  const text = JSON.stringify(schema);
  return {
    location,
    type,
    identity: `inline:${text}`,
    text,
    recordName: jsonSchemaTitle(schema),
  };
}

const YAML_SCHEMA_FILE = /\.ya?ml$/i;

/**
 * The text a registry accepts: schema registries read JSON Schema as JSON, so a
 * JSON Schema written in YAML is registered as its JSON equivalent. Avro and
 * Protobuf files are registered as written. The file already passed
 * readSchemaText, so it parses.
 */
function registrableText(
  type: DesiredSchema['schemaType'],
  ref: string | undefined,
  text: string,
): string {
  if (type === 'JSON' && ref !== undefined && YAML_SCHEMA_FILE.test(ref)) {
    return JSON.stringify(parseYaml(text));
  }
  return text;
}
