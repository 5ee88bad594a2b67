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
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ConnectionOptions } from 'tls';
import type { TlsVerificationGuard } from './tlsVerification';
import {
  Kafka,
  KafkaConfig,
  logCreator,
  logLevel,
  RetryOptions,
  SASLOptions,
} from 'kafkajs';

/**
 * How to reach a Kafka cluster as its administrator.
 *
 * @public
 */
export interface KafkaConnectionConfig {
  /** The cluster's name in the configuration, for error messages. */
  name?: string;
  /** Bootstrap servers, `host:port`. */
  brokers: string[];
  /** Default `meshport`. */
  clientId?: string;
  /** `true` for TLS with the system's CAs, or Node TLS options (ca, cert, key). */
  ssl?: boolean | ConnectionOptions;
  /** SASL credentials (PLAIN, SCRAM-SHA-256/512, OAUTHBEARER, AWS). */
  sasl?: SASLOptions;
  /** Milliseconds; kafkajs defaults apply when absent. */
  connectionTimeout?: number;
  requestTimeout?: number;
  /** kafkajs retry policy for each admin request. */
  retry?: RetryOptions;
}

/**
 * Where kafkajs' warnings and errors go; a Backstage `LoggerService` fits.
 *
 * @public
 */
export type KafkaLogger = Pick<LoggerService, 'warn' | 'error'>;

/**
 * A kafkajs client for a connection. Without a logger kafkajs stays silent; with
 * one, its warnings and errors are forwarded (its info and debug chatter is not).
 *
 * @public
 */
export function createKafkaClient(
  config: KafkaConnectionConfig,
  options: { logger?: KafkaLogger } = {},
): Kafka {
  return new Kafka(kafkaConfigOf(config, options));
}

/** kafkajs' configuration of a connection; with a guard, TLS failures end the connect at once. */
export function kafkaConfigOf(
  config: KafkaConnectionConfig,
  options: { logger?: KafkaLogger; tlsGuard?: TlsVerificationGuard } = {},
): KafkaConfig {
  const { logger, tlsGuard } = options;
  return {
    clientId: config.clientId ?? 'meshport',
    brokers: tlsGuard ? tlsGuard.brokers : config.brokers,
    ...(tlsGuard ? { socketFactory: tlsGuard.socketFactory } : {}),
    ssl: config.ssl,
    sasl: config.sasl,
    connectionTimeout: config.connectionTimeout,
    requestTimeout: config.requestTimeout,
    retry: config.retry,
    logLevel: logger ? logLevel.WARN : logLevel.NOTHING,
    ...(logger ? { logCreator: forwardTo(logger) } : {}),
  };
}

function forwardTo(logger: KafkaLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const meta = Object.fromEntries(
        Object.entries(extra).filter(([, value]) =>
          ['string', 'number', 'boolean'].includes(typeof value),
        ),
      );
      const text = namespace
        ? `kafkajs ${namespace}: ${message}`
        : `kafkajs: ${message}`;
      if (level === logLevel.ERROR) {
        logger.error(text, meta);
      } else {
        logger.warn(text, meta);
      }
    };
}
