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

import { Admin, AdminOptions, SASLOptions } from '@platformatic/kafka';
import type { KafkaConnectionConfig } from '../kafka';

/*
 * Chargeback reads what kafkajs cannot (DescribeLogDirs, multi-group OffsetFetch), so it
 * talks to the cluster through @platformatic/kafka, configured from the same connection
 * settings as the provisioning admin.
 */

/**
 * A `@platformatic/kafka` admin client for a connection, for the chargeback collector.
 * Close it with `close()`.
 *
 * @public
 */
export function createChargebackAdmin(
  connection: KafkaConnectionConfig,
): Admin {
  return new Admin(chargebackAdminOptions(connection));
}

/** The client options for a connection; throws for what the client cannot do. */
export function chargebackAdminOptions(
  connection: KafkaConnectionConfig,
): AdminOptions {
  const { ssl, retry } = connection;
  return {
    clientId: connection.clientId ?? 'meshport',
    bootstrapBrokers: connection.brokers,
    ...(ssl ? { tls: ssl === true ? {} : ssl } : {}),
    ...(connection.sasl ? { sasl: saslOptionsOf(connection.sasl) } : {}),
    ...(connection.connectionTimeout !== undefined
      ? { connectTimeout: connection.connectionTimeout }
      : {}),
    ...(connection.requestTimeout !== undefined
      ? { requestTimeout: connection.requestTimeout }
      : {}),
    ...(retry?.retries !== undefined ? { retries: retry.retries } : {}),
    ...(retry?.initialRetryTime !== undefined
      ? { retryDelay: retry.initialRetryTime }
      : {}),
  };
}

function saslOptionsOf(
  sasl: NonNullable<KafkaConnectionConfig['sasl']>,
): SASLOptions {
  switch (sasl.mechanism) {
    case 'plain':
      return {
        mechanism: 'PLAIN',
        username: sasl.username,
        password: sasl.password,
      };
    case 'scram-sha-256':
    case 'scram-sha-512':
      return {
        mechanism:
          sasl.mechanism === 'scram-sha-256'
            ? 'SCRAM-SHA-256'
            : 'SCRAM-SHA-512',
        username: sasl.username,
        password: sasl.password,
      };
    case 'oauthbearer': {
      // The provider caches the token: asking it twice per authentication is free.
      const provider = sasl.oauthBearerProvider as () => Promise<{
        value: string;
        extensions?: Record<string, string>;
      }>;
      return {
        mechanism: 'OAUTHBEARER',
        token: async () => (await provider()).value,
        oauthBearerExtensions: async () => (await provider()).extensions ?? {},
      };
    }
    default:
      throw new Error(
        `Chargeback collection cannot authenticate with SASL mechanism "${sasl.mechanism}": ` +
          'use plain, scram-sha-256, scram-sha-512 or oauthbearer for the cluster administrator.',
      );
  }
}
