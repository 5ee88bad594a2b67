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
import {
  ClusterConfig,
  ConfluentSchemaRegistryAdmin,
  redactUrlCredentials,
  schemaRegistryConnectionOf,
} from '@meshport/plugin-specmesh-node';

/** A subject's latest registered version. */
export interface LatestSchema {
  subject: string;
  version: number;
  id?: number;
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF';
  schema: string;
}

/** Where latest schemas come from: the cluster's registry. */
export interface LatestSchemaSource {
  latest(
    cluster: ClusterConfig,
    subject: string,
  ): Promise<LatestSchema | undefined>;
}

/** A panel waits less for the registry than an apply does. */
const REGISTRY_TIMEOUT_MS = 5_000;

/**
 * The latest schemas of a cluster's registry, through the registry adapter of
 * -node (one per cluster, kept for the life of the backend).
 */
export class RegistrySchemas implements LatestSchemaSource {
  private readonly registries = new Map<string, ConfluentSchemaRegistryAdmin>();

  async latest(
    cluster: ClusterConfig,
    subject: string,
  ): Promise<LatestSchema | undefined> {
    let registry = this.registries.get(cluster.name);
    if (!registry) {
      registry = new ConfluentSchemaRegistryAdmin({
        ...schemaRegistryConnectionOf(cluster),
        timeoutMs: REGISTRY_TIMEOUT_MS,
      });
      this.registries.set(cluster.name, registry);
    }
    const live = await registry.latestSchema(subject);
    if (!live) return undefined;
    return {
      subject,
      version: live.version,
      ...(live.id !== undefined ? { id: live.id } : {}),
      schemaType: live.schemaType,
      schema: live.schema,
    };
  }
}

/** The value and key schemas a topic's readers decode, and why one is missing. */
export interface TopicSchemas {
  schema?: LatestSchema;
  keySchema?: LatestSchema;
  notes: string[];
}

/**
 * The latest registered versions of the subjects the owner's spec declares
 * for the topic. A registry that does not answer costs the schema, not the
 * answer: a note says why it is missing.
 */
export async function topicSchemasOf(
  source: LatestSchemaSource,
  cluster: ClusterConfig,
  declared: readonly DesiredSchema[],
): Promise<TopicSchemas> {
  const notes: string[] = [];
  const read = async (role: 'value' | 'key') => {
    const subject = declared.find(schema => schema.role === role)?.subject;
    if (!subject) return undefined;
    try {
      const latest = await source.latest(cluster, subject);
      if (!latest) {
        notes.push(
          `The ${role} subject ${subject} is not registered yet: the owner's spec has not been applied`,
        );
      }
      return latest;
    } catch (error) {
      // The adapter's messages carry no credentials; a URL's are redacted anyway.
      notes.push(
        `The ${role} schema (subject ${subject}) is not shown: it could not be read from the schema registry (${redactUrlCredentials(
          (error as Error).message,
        )})`,
      );
      return undefined;
    }
  };
  const [schema, keySchema] = await Promise.all([read('value'), read('key')]);
  return {
    ...(schema && { schema }),
    ...(keySchema && { keySchema }),
    notes,
  };
}
