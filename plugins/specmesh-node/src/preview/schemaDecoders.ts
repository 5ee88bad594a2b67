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
import avro from 'avsc';
import protobuf from 'protobufjs';
import type { SchemaById } from '../registry/ConfluentSchemaRegistryAdmin';
import type { PayloadFormat } from './payloadTypes';

/** A registered schema made ready to decode the bytes after the wire-format header. */
export interface SchemaDecoder {
  format: Extract<PayloadFormat, 'avro' | 'json-schema' | 'protobuf'>;
  decode(payload: Buffer): unknown;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Compiles a registered schema; throws saying why it cannot be used. */
export function schemaDecoderOf(schema: SchemaById): SchemaDecoder {
  switch (schema.schemaType) {
    case 'AVRO':
      return avroDecoder(schema.schema);
    case 'JSON':
      return {
        format: 'json-schema',
        // JSON Schema serializers write plain UTF-8 JSON after the header.
        decode: payload => JSON.parse(strictUtf8.decode(payload)),
      };
    case 'PROTOBUF':
      return protobufDecoder(schema.schema);
    default:
      throw new Error(`unknown schema type ${String(schema.schemaType)}`);
  }
}

function avroDecoder(text: string): SchemaDecoder {
  const type = avro.Type.forSchema(JSON.parse(text));
  return {
    format: 'avro',
    // fromBuffer refuses trailing bytes: a payload of another schema fails.
    decode: payload => toJsonValue(type.fromBuffer(payload)),
  };
}

/**
 * Protobuf: the payload starts with the message indexes (Confluent wire
 * format): a zigzag varint count, then the indexes that walk from the file's
 * top-level messages to the nested one; a single 0 stands for [0].
 */
function protobufDecoder(text: string): SchemaDecoder {
  const parsed = protobuf.parse(text, { keepCase: true });
  const root = parsed.root;
  for (const name of [
    ...(parsed.imports ?? []),
    ...(parsed.weakImports ?? []),
  ]) {
    // The well-known types ship with protobufjs; other imports are other
    // subjects' schemas, which resolveAll reports as missing types.
    const common = protobuf.common.get(name);
    if (common?.nested) root.addJSON(common.nested);
  }
  root.resolveAll();
  const top = parsed.package ? root.lookup(parsed.package) : root;
  if (!(top instanceof protobuf.Namespace)) {
    throw new Error(`package ${parsed.package} declares nothing`);
  }
  return {
    format: 'protobuf',
    decode: payload => {
      const reader = protobuf.Reader.create(payload);
      const indexes = readMessageIndexes(reader);
      let level: protobuf.Namespace = top;
      let type: protobuf.Type | undefined;
      for (const index of indexes) {
        type = messagesOf(level)[index];
        if (!type) {
          throw new Error(
            `message index ${indexes.join('.')} names no message of the schema`,
          );
        }
        level = type;
      }
      const message = type!.decode(payload.subarray(reader.pos));
      return type!.toObject(message, {
        longs: String,
        enums: String,
        bytes: String,
        oneofs: true,
      });
    },
  };
}

function readMessageIndexes(reader: protobuf.Reader): number[] {
  const count = reader.sint32();
  if (count === 0) return [0];
  if (count < 0 || count > 100) {
    throw new Error(`bad message index count ${count}`);
  }
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) indexes.push(reader.sint32());
  return indexes;
}

function messagesOf(namespace: protobuf.Namespace): protobuf.Type[] {
  return namespace.nestedArray.filter(
    (nested): nested is protobuf.Type => nested instanceof protobuf.Type,
  );
}

/** A decoded Avro value as JSON: bytes as base64, longs beyond 2^53 as strings. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) {
    return Object.fromEntries(
      [...value].map(([key, item]) => [String(key), toJsonValue(item)]),
    );
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]),
    );
  }
  return value;
}
