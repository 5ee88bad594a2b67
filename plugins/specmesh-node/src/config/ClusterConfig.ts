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
 * The SASL mechanisms a cluster's administrator may authenticate with.
 *
 * @public
 */
export type ClusterSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

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
  /** TLS with the system's certificate authorities; default false. */
  ssl?: boolean;
  /** The administrator's SASL credentials; none means an unauthenticated connection. */
  sasl?: {
    mechanism: ClusterSaslMechanism;
    username: string;
    password: string;
  };
  schemaRegistry: {
    /** The registry's Confluent-compatible API, e.g. Apicurio's `…/apis/ccompat/v7`. */
    url: string;
    /** HTTP basic authentication; both or neither. */
    username?: string;
    password?: string;
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
