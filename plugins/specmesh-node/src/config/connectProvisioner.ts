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
import {
  oauthBearerProviderOf,
  OAuthTokenProvider,
} from '../kafka/oauthTokenProvider';
import type {
  ClusterConfig,
  ClusterOAuthBearerSasl,
  ClusterSasl,
  ClusterTlsConfig,
} from './ClusterConfig';

/**
 * One token provider per configured OAUTHBEARER client, shared by every
 * connection made from that configuration: the token is fetched once and
 * refreshed once, however many clients connect.
 */
const tokenProviders = new WeakMap<
  ClusterOAuthBearerSasl,
  OAuthTokenProvider
>();

/**
 * The connection of a cluster's administrator, for kafkajs as it is and for
 * `@platformatic/kafka` through `chargebackAdminOptions`: TLS options with the
 * PEM contents, SASL with the password or an OAUTHBEARER token provider
 * (cached and refreshed, one per cluster configuration).
 *
 * @public
 */
export function kafkaConnectionOf(
  cluster: ClusterConfig,
): KafkaConnectionConfig {
  return {
    name: cluster.name,
    brokers: cluster.brokers,
    ...(cluster.clientId !== undefined ? { clientId: cluster.clientId } : {}),
    ...(cluster.ssl !== undefined
      ? {
          ssl:
            typeof cluster.ssl === 'boolean'
              ? cluster.ssl
              : tlsOptionsOf(cluster.ssl),
        }
      : {}),
    ...(cluster.sasl ? { sasl: saslOf(cluster.sasl) } : {}),
  };
}

/**
 * Node TLS options (`tls.connect`, undici's `connect`, an https Agent) of a
 * TLS configuration: only what is set, so Node's defaults hold otherwise.
 *
 * @public
 */
export function tlsOptionsOf(tls: ClusterTlsConfig): ClusterTlsConfig {
  const options: ClusterTlsConfig = {};
  for (const key of [
    'ca',
    'cert',
    'key',
    'passphrase',
    'rejectUnauthorized',
    'servername',
  ] as const) {
    if (tls[key] !== undefined)
      (options as Record<string, unknown>)[key] = tls[key];
  }
  return options;
}

function saslOf(sasl: ClusterSasl): NonNullable<KafkaConnectionConfig['sasl']> {
  if (sasl.mechanism !== 'oauthbearer') return { ...sasl };
  let provider = tokenProviders.get(sasl);
  if (!provider) {
    provider = new OAuthTokenProvider(sasl);
    tokenProviders.set(sasl, provider);
  }
  return {
    mechanism: 'oauthbearer',
    oauthBearerProvider: oauthBearerProviderOf(provider, sasl.extensions),
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
  const { url, username, password, ssl } = cluster.schemaRegistry;
  return {
    url,
    ...(username !== undefined && password !== undefined
      ? { auth: { username, password } }
      : {}),
    ...(ssl ? { tls: tlsOptionsOf(ssl) } : {}),
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
    disconnect: async () => {
      await kafka.disconnect();
      await registry.close();
    },
  };
}
