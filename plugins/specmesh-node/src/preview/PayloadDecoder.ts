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
import { LRUCache } from 'lru-cache';
import { redactUrlCredentials } from '../url';
import type { SchemaById } from '../registry/ConfluentSchemaRegistryAdmin';
import { decodePlain } from './decodePlain';
import type { DecodedPayload } from './payloadTypes';
import { SchemaDecoder, schemaDecoderOf } from './schemaDecoders';

/**
 * Where schemas come from by id: the registry adapter's `schemaById`.
 *
 * @public
 */
export type SchemaByIdSource = (id: number) => Promise<SchemaById | undefined>;

const MAGIC_BYTE = 0;
const HEADER_BYTES = 5;
/** Ids the registry does not know, or could not be asked about, are asked again after this. */
const MISS_TTL_MS = 30_000;

type Compiled = { decoder: SchemaDecoder } | { error: string };

/**
 * Decodes message keys and values: the Confluent wire format (magic byte 0,
 * 4-byte schema id, then Avro, JSON or Protobuf) with the registry's schema,
 * anything else as JSON, text or bytes. Schemas are cached by id (an id's
 * schema never changes); a decoding failure falls back to the plain forms
 * with `error` saying why. Never throws.
 *
 * @public
 */
export class PayloadDecoder {
  private readonly compiled = new LRUCache<number, Promise<Compiled>>({
    max: 500,
  });

  constructor(private readonly schemaById: SchemaByIdSource) {}

  async decode(bytes: Buffer | null): Promise<DecodedPayload | null> {
    if (bytes === null) return null;
    if (bytes.length < HEADER_BYTES || bytes[0] !== MAGIC_BYTE) {
      return decodePlain(bytes);
    }
    const schemaId = bytes.readInt32BE(1);
    const compiled = await this.compile(schemaId);
    if ('error' in compiled) {
      return { ...decodePlain(bytes, compiled.error), schemaId };
    }
    try {
      return {
        format: compiled.decoder.format,
        schemaId,
        data: compiled.decoder.decode(bytes.subarray(HEADER_BYTES)),
      };
    } catch (error) {
      return {
        ...decodePlain(
          bytes,
          `not decodable with ${
            compiled.decoder.format
          } schema ${schemaId}: ${messageOf(error)}`,
        ),
        schemaId,
      };
    }
  }

  private compile(id: number): Promise<Compiled> {
    const cached = this.compiled.get(id);
    if (cached) return cached;
    const compiling = this.schemaById(id).then(
      (schema): Compiled => {
        if (!schema) {
          this.compiled.set(id, compiling, { ttl: MISS_TTL_MS });
          return { error: `the registry has no schema with id ${id}` };
        }
        try {
          return { decoder: schemaDecoderOf(schema) };
        } catch (error) {
          return {
            error: `schema ${id} (${
              schema.schemaType
            }) cannot be used: ${messageOf(error)}`,
          };
        }
      },
      (error): Compiled => {
        this.compiled.set(id, compiling, { ttl: MISS_TTL_MS });
        return {
          error: `schema ${id} could not be read from the registry: ${messageOf(
            error,
          )}`,
        };
      },
    );
    this.compiled.set(id, compiling);
    return compiling;
  }
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactUrlCredentials(message).slice(0, 300);
}
