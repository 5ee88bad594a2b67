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
import {
  ClusterConfig,
  ConfluentSchemaRegistryAdmin,
  decodePlain,
  escapeUnsafeText,
  PayloadDecoder,
  schemaRegistryConnectionOf,
  TailRecord,
} from '@meshport/plugin-specmesh-node';
import type { PreviewMessage } from '../schema/openapi/generated/models';

/** A preview waits less for the registry than an apply does. */
const REGISTRY_TIMEOUT_MS = 5_000;

/**
 * Decodes previewed records, with one decoder per cluster (its registry and
 * its cache of schemas by id) kept for the life of the backend.
 */
export class PreviewDecoding {
  private readonly decoders = new Map<string, PayloadDecoder>();

  constructor(
    private readonly decoderOf: (
      cluster: ClusterConfig,
    ) => PayloadDecoder = cluster => {
      const registry = new ConfluentSchemaRegistryAdmin({
        ...schemaRegistryConnectionOf(cluster),
        timeoutMs: REGISTRY_TIMEOUT_MS,
      });
      return new PayloadDecoder(id => registry.schemaById(id));
    },
  ) {}

  async decodeAll(
    cluster: ClusterConfig,
    records: readonly TailRecord[],
  ): Promise<PreviewMessage[]> {
    let decoder = this.decoders.get(cluster.name);
    if (!decoder) {
      decoder = this.decoderOf(cluster);
      this.decoders.set(cluster.name, decoder);
    }
    const messages: PreviewMessage[] = [];
    for (const record of records) {
      messages.push({
        partition: record.partition,
        offset: record.offset.toString(),
        timestamp: isoTime(record.timestamp),
        key: await decoder.decode(record.key),
        value: await decoder.decode(record.value),
        // Headers carry no wire format: shown as JSON, text or bytes.
        headers: record.headers.map(([key, value]) => ({
          key: escapeUnsafeText(key?.toString('utf8') ?? ''),
          value: decodePlain(value ?? Buffer.alloc(0)),
        })),
        sizeBytes: record.sizeBytes,
      });
    }
    return messages;
  }
}

function isoTime(timestamp: bigint): string {
  const date = new Date(Number(timestamp));
  return Number.isNaN(date.getTime()) || timestamp < 0n
    ? new Date(0).toISOString()
    : date.toISOString();
}
