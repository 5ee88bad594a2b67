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
import type { PrincipalMap } from '@meshport/plugin-specmesh-common';
import type { CompatibilityLevel } from '../plan/types';

/**
 * The SASL mechanisms that authenticate with a username and a password.
 *
 * @public
 */
export type ClusterSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/**
 * SASL with a username and a password: PLAIN or SCRAM-SHA-256/512.
 *
 * @public
 */
export interface ClusterPasswordSasl {
  mechanism: ClusterSaslMechanism;
  username: string;
  password: string;
}

/**
 * SASL OAUTHBEARER with a token of the OAuth 2.0 client-credentials grant
 * (RFC 6749 §4.4), fetched from the identity provider's token endpoint and
 * refreshed before it expires.
 *
 * @public
 */
export interface ClusterOAuthBearerSasl {
  mechanism: 'oauthbearer';
  /** The token endpoint: https, or http on a loopback host only. */
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  /** The scope to ask for, space-separated; none by default. */
  scope?: string;
  /** SASL extensions sent with the token (RFC 7628), e.g. `logicalCluster`. */
  extensions?: Record<string, string>;
  /**
   * How the client authenticates to the token endpoint: HTTP basic
   * authentication (`client_secret_basic`, the default, RFC 6749 §2.3.1) or
   * the credentials in the request body (`client_secret_post`).
   */
  clientAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

/**
 * The administrator's SASL authentication to a cluster.
 *
 * @public
 */
export type ClusterSasl = ClusterPasswordSasl | ClusterOAuthBearerSasl;

/**
 * TLS settings beyond the system's certificate authorities: PEM contents
 * (files already read), for a cluster's brokers or its schema registry.
 *
 * @public
 */
export interface ClusterTlsConfig {
  /** The certificate authorities to trust, a PEM bundle of one or more certificates. */
  ca?: string;
  /** The client certificate chain for mutual TLS (PEM); always with `key`. */
  cert?: string;
  /** The client's private key (PEM); always with `cert`. */
  key?: string;
  /** The passphrase of an encrypted `key`. */
  passphrase?: string;
  /** Whether to verify the server's certificate; default true. */
  rejectUnauthorized?: boolean;
  /** The name to send as SNI and to verify the server's certificate against. */
  servername?: string;
}

/**
 * One Kafka cluster with its schema registry, as configured under
 * `specmesh.clusters`: how to reach both as an administrator, and the policy
 * provisioning follows there. Shared by the backend, the scaffolder and the CLI.
 *
 * @public
 */
export interface ClusterConfig {
  /** Unique among the clusters; what the `meshport.dev/cluster` annotation names. */
  name: string;
  /** Bootstrap servers, `host:port`. */
  brokers: string[];
  /** The Kafka client id; default `meshport`. */
  clientId?: string;
  /**
   * TLS: `true` with the system's certificate authorities, or the CA bundle,
   * client certificate and key to use; default false (plaintext).
   */
  ssl?: boolean | ClusterTlsConfig;
  /** The administrator's SASL authentication; none means an unauthenticated connection. */
  sasl?: ClusterSasl;
  schemaRegistry: {
    /** The registry's Confluent-compatible API, e.g. Apicurio's `…/apis/ccompat/v7`. */
    url: string;
    /** HTTP basic authentication; both or neither. */
    username?: string;
    password?: string;
    /** TLS settings of an https registry beyond the system's certificate authorities. */
    ssl?: ClusterTlsConfig;
  };
  /**
   * Principals of the app-ids that do not authenticate as `User:<app-id>` on
   * this cluster, over the global `specmesh.principals` (this map wins).
   */
  principals?: PrincipalMap;
  /** The compatibility level managed subjects get; default `FULL_TRANSITIVE`. */
  defaultCompatibility?: CompatibilityLevel;
  /** Whether unmanaged topics may be deleted when a request asks; default false. */
  allowDeletion?: boolean;
  /** Grant each owner `IDEMPOTENT_WRITE` on the cluster; default true. */
  idempotentWrite?: boolean;
  /**
   * The Prometheus JMX exporter endpoints of the brokers, one per broker, e.g.
   * `http://broker-1:7071/metrics`: chargeback then measures produced bytes with
   * the brokers' byte counters instead of estimating them from log end growth.
   */
  metricsUrl?: string[];
  /** GitOps mode: the scheduled reconcile applies drift instead of only recording it; default false. */
  autoApply?: boolean;
}
