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
import type { KafkaConnectionConfig, KafkaLogger } from '../kafka/connection';
import { KafkaClusterAdmin } from '../kafka/KafkaClusterAdmin';
import type { PlanOptions } from '../plan/types';
import { DEFAULT_COMPATIBILITY } from '../plan/planProvisioning';
import { Provisioner } from '../apply/Provisioner';
import {
  ConfluentSchemaRegistryAdmin,
  SchemaRegistryConnectionConfig,
} from '../registry/ConfluentSchemaRegistryAdmin';
import type { ClusterConfig } from './ClusterConfig';

/**
 * The kafkajs connection of a cluster's administrator.
 *
 * @public
 */
export function kafkaConnectionOf(
  cluster: ClusterConfig,
): KafkaConnectionConfig {
  return {
    brokers: cluster.brokers,
    ...(cluster.clientId !== undefined ? { clientId: cluster.clientId } : {}),
    ...(cluster.ssl !== undefined ? { ssl: cluster.ssl } : {}),
    ...(cluster.sasl ? { sasl: { ...cluster.sasl } } : {}),
  };
}

/**
 * The connection to a cluster's schema registry.
 *
 * @public
 */
export function schemaRegistryConnectionOf(
  cluster: ClusterConfig,
): SchemaRegistryConnectionConfig {
  const { url, username, password } = cluster.schemaRegistry;
  return {
    url,
    ...(username !== undefined && password !== undefined
      ? { auth: { username, password } }
      : {}),
  };
}

/**
 * The plan options a cluster's policy implies; a request may add
 * `deleteUnmanaged` and `knownAppIds`.
 *
 * @public
 */
export function planDefaultsOf(cluster: ClusterConfig): PlanOptions {
  return {
    compatibility: cluster.defaultCompatibility ?? DEFAULT_COMPATIBILITY,
    allowDeletion: cluster.allowDeletion ?? false,
  };
}

/**
 * A provisioner connected to a cluster and its registry, and how to let go of
 * the connection.
 *
 * @public
 */
export interface ConnectedProvisioner {
  provisioner: Provisioner;
  disconnect(): Promise<void>;
}

/**
 * Connects a {@link Provisioner} to a cluster as its administrator, with the
 * cluster's policy as plan defaults.
 *
 * @public
 */
export async function connectProvisioner(
  cluster: ClusterConfig,
  options: { logger?: KafkaLogger } = {},
): Promise<ConnectedProvisioner> {
  const kafka = KafkaClusterAdmin.create(kafkaConnectionOf(cluster), options);
  try {
    await kafka.connect();
  } catch (error) {
    // kafkajs may hold sockets of the attempt: let go of them, so that a process
    // that could not connect ends at once.
    await kafka.disconnect().catch(() => {});
    throw error;
  }
  const registry = new ConfluentSchemaRegistryAdmin(
    schemaRegistryConnectionOf(cluster),
  );
  return {
    provisioner: new Provisioner({ kafka, registry }, planDefaultsOf(cluster)),
    disconnect: () => kafka.disconnect(),
  };
}
