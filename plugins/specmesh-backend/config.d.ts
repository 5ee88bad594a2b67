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

import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of Meshport's SpecMesh plugins. */
  specmesh?: {
    /**
     * Kafka principals of the app-ids that do not authenticate as the default
     * `User:<app-id>`. The mapping applies to the owner of a spec and to every
     * app-id it grants access to, on every cluster (a cluster's own
     * `principals` take precedence). A list, because app-ids contain dots and
     * config keys may not.
     *
     * Default: empty (every app-id is `User:<app-id>`).
     */
    principals?: Array<{
      /** The app-id, for example `acme.lifestyle.onboarding`. */
      appId: string;
      /** Its Kafka principal, for example `User:sa-123abc`. */
      principal: string;
    }>;

    /**
     * The Kafka clusters data products are provisioned on, each with its schema
     * registry. A spec's API entity chooses one with the annotation
     * `meshport.dev/cluster: <name>`; without it, the default cluster.
     *
     * Default: none (plan, apply and status answer that no cluster is configured).
     */
    clusters?: Array<{
      /** Unique name, what `meshport.dev/cluster` refers to: letters, digits, `.`, `-`, `_`. */
      name: string;
      /**
       * Bootstrap servers, `host:port`: a list, or one comma-separated string
       * (convenient with `${KAFKA_BROKERS}`). Credentials (`user:password@`)
       * are refused here: they go under `sasl`.
       */
      brokers: string[] | string;
      /** The Kafka client id. Default: `meshport`. */
      clientId?: string;
      /**
       * TLS to the brokers: `true` trusts the system's certificate authorities;
       * a map sets a CA bundle, a client certificate for mutual TLS, or both.
       * PEM values inline or as files (`caFile`…), checked when the backend
       * starts; giving both forms of one is an error. Default: false (plaintext).
       */
      ssl?:
        | boolean
        | {
            /** CA bundle to trust (PEM, one or more certificates), instead of the system's. Not with `caFile`. */
            ca?: string;
            /** A file holding the CA bundle (PEM), read once at startup. Not with `ca`. */
            caFile?: string;
            /** Client certificate chain for mutual TLS (PEM); needs `key` or `keyFile`. Not with `certFile`. */
            cert?: string;
            /** A file holding the client certificate chain (PEM). Not with `cert`. */
            certFile?: string;
            /**
             * The client's private key (PEM); needs `cert` or `certFile`. Not with `keyFile`.
             * @visibility secret
             */
            key?: string;
            /** A file holding the client's private key (PEM). Not with `key`. */
            keyFile?: string;
            /**
             * The passphrase of an encrypted key.
             * @visibility secret
             */
            passphrase?: string;
            /**
             * Verify the server's certificate. Default: true. `false` is logged as a
             * warning at startup: trust a private CA with `ca` instead.
             */
            rejectUnauthorized?: boolean;
            /** The name to send as SNI and to verify the server's certificate against. Default: the host. */
            servername?: string;
          };
      /**
       * The administrator's SASL authentication. Default: none (no authentication).
       * `plain`, `scram-sha-256`, `scram-sha-512` take `username` and `password`;
       * `oauthbearer` takes `tokenEndpoint`, `clientId`, `clientSecret`, and
       * optionally `scope`, `extensions` and `clientAuthMethod`.
       */
      sasl?: {
        /** `plain`, `scram-sha-256`, `scram-sha-512` or `oauthbearer`, in any case (`SCRAM-SHA-512` as Kafka writes it). */
        mechanism: string;
        /** For plain and scram. */
        username?: string;
        /**
         * For plain and scram.
         * @visibility secret
         */
        password?: string;
        /**
         * For oauthbearer: the OAuth 2.0 token endpoint of the client-credentials
         * grant; https, or http on a loopback host only.
         */
        tokenEndpoint?: string;
        /** For oauthbearer: the client id. */
        clientId?: string;
        /**
         * For oauthbearer: the client secret.
         * @visibility secret
         */
        clientSecret?: string;
        /** For oauthbearer: the scope to ask for, space-separated. Default: none. */
        scope?: string;
        /** For oauthbearer: SASL extensions sent with the token, e.g. `{ logicalCluster: lkc-1 }`. */
        extensions?: { [name: string]: string };
        /**
         * For oauthbearer: `client_secret_basic` (HTTP basic authentication) or
         * `client_secret_post` (credentials in the form body). Default: `client_secret_basic`.
         */
        clientAuthMethod?: string;
      };
      /** The cluster's schema registry. */
      schemaRegistry: {
        /**
         * Its Confluent-compatible API: the registry's root for Confluent, the
         * ccompat API (`http://host:port/apis/ccompat/v7`) for Apicurio.
         * Credentials in the URL (`user:password@`) are refused: set
         * `username` and `password` instead, where the password is secret.
         */
        url: string;
        /** HTTP basic authentication (both or neither), e.g. an API key. */
        username?: string;
        /** @visibility secret */
        password?: string;
        /**
         * TLS to an https registry beyond the system's certificate authorities:
         * the same keys as the cluster's `ssl` map. Default: none.
         */
        ssl?: {
          /** CA bundle to trust (PEM, one or more certificates), instead of the system's. Not with `caFile`. */
          ca?: string;
          /** A file holding the CA bundle (PEM), read once at startup. Not with `ca`. */
          caFile?: string;
          /** Client certificate chain for mutual TLS (PEM); needs `key` or `keyFile`. Not with `certFile`. */
          cert?: string;
          /** A file holding the client certificate chain (PEM). Not with `cert`. */
          certFile?: string;
          /**
           * The client's private key (PEM); needs `cert` or `certFile`. Not with `keyFile`.
           * @visibility secret
           */
          key?: string;
          /** A file holding the client's private key (PEM). Not with `key`. */
          keyFile?: string;
          /**
           * The passphrase of an encrypted key.
           * @visibility secret
           */
          passphrase?: string;
          /**
           * Verify the server's certificate. Default: true. `false` is logged as a
           * warning at startup: trust a private CA with `ca` instead.
           */
          rejectUnauthorized?: boolean;
          /** The name to send as SNI and to verify the server's certificate against. Default: the host. */
          servername?: string;
        };
      };
      /** Principals on this cluster, over `specmesh.principals`. Default: none. */
      principals?: Array<{
        /** The app-id, for example `acme.lifestyle.onboarding`. */
        appId: string;
        /** Its Kafka principal, for example `User:sa-123abc`. */
        principal: string;
      }>;
      /**
       * The compatibility level managed subjects get: NONE, BACKWARD,
       * BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.
       * Default: FULL_TRANSITIVE.
       */
      defaultCompatibility?: string;
      /**
       * Whether topics in an owner's namespace that its spec no longer declares
       * may be deleted, when an apply explicitly asks. Default: false.
       */
      allowDeletion?: boolean;
      /** Grant each owner IDEMPOTENT_WRITE on the cluster. Default: true. */
      idempotentWrite?: boolean;
      /**
       * The Prometheus JMX exporter endpoint of each broker (a list, or one
       * comma-separated string), e.g. `http://broker-1:7071/metrics`: chargeback then
       * measures produced bytes with the brokers' byte counters instead of estimating
       * them from log end growth. Read without authentication: credentials in
       * the URL are refused. Default: none.
       */
      metricsUrl?: string[] | string;
      /**
       * GitOps mode: the scheduled reconcile applies the specs whose live state
       * drifted, as `plugin:specmesh`, instead of only recording the drift.
       * Default: false.
       */
      autoApply?: boolean;
    }>;

    /** The name of the default cluster. Default: the first of `clusters`. */
    defaultCluster?: string;

    /**
     * The scheduled reconcile: re-plans every data product in the catalog on
     * its cluster, records drift, and applies where the cluster has `autoApply`.
     * Default: none (no reconcile runs).
     */
    reconcile?: {
      /** When it runs, e.g. `{ frequency: { minutes: 10 }, timeout: { minutes: 5 }, initialDelay: { seconds: 30 } }`. */
      schedule: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * Access requests: data products asking for READ on others' topics, owners
     * deciding, approvals proposed as changes to the owner's spec.
     */
    accessRequests?: {
      /**
       * The check that moves approved requests to `granted` (the owner's catalog
       * spec carries `grant-access:<app-id>` and the cluster's ACLs allow the
       * READ) and revocations to `revoked`: one ACL read per cluster per run,
       * on one replica at a time. A GET of one request also checks it.
       */
      grantCheck?: {
        /** Default: true. */
        enabled?: boolean;
        /** Default: `{ frequency: { seconds: 30 }, timeout: { minutes: 2 }, initialDelay: { seconds: 15 } }`. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /**
       * The Software Template an approval (or a revocation) runs, through the
       * scaffolder's HTTP API on behalf of the person deciding, to propose the
       * change to the owner's spec: for example fetch the spec's folder, edit
       * it with `specmesh:spec:grant`, open a pull request. It receives the
       * values `entityRef`, `topic`, `appId`, `action` (grant or revoke),
       * `requestId`, `comment`, `sourceLocation`, `specPath`, `specUrl`, and
       * for repositories `repoUrl`, `repoPath` and `branch`. The first web
       * link of its output (e.g. the pull request) becomes the proposal's
       * link, its `proposal` output the description.
       *
       * Default: `template:default/specmesh-grant-access`.
       */
      proposalTemplate?: string;
      /**
       * How long a decision waits for the template's task before it answers
       * with a link to the running task, e.g. `{ seconds: 30 }`. Default: 30 seconds.
       */
      proposalWait?: HumanDuration;
    };

    /**
     * Chargeback (RULES §6): who stores, produces and consumes what on each
     * cluster, and what it costs.
     */
    chargeback?: {
      /**
       * When collection runs, e.g. `{ frequency: { minutes: 15 }, timeout: { minutes: 5 } }`.
       * Each run reads every configured cluster once and counts the usage since the
       * previous run. Default: none (nothing is collected; the API reports what is stored).
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days raw samples are kept. Default: 30. */
      retentionDays?: number;
      /** Days daily rollups (the history reports read) are kept. Default: 400. */
      rollupRetentionDays?: number;
      /**
       * The price list. GB is 10^9 bytes, a month 730 hours. The topic's owner pays
       * storage, partitions and production; each consumer pays its consumption.
       * Each field defaults on its own.
       */
      prices?: {
        /** The label amounts are in, e.g. `EUR`; never converted. Default: `USD`. */
        currency?: string;
        /** Per GB stored for a month. Default: 0.10. */
        perGbMonthStored?: number;
        /** Per GB produced. Default: 0.05. */
        perGbProduced?: number;
        /** Per GB consumed, paid by the consumer. Default: 0.05. */
        perGbConsumed?: number;
        /** Per partition for a month. Default: 1. */
        perPartitionMonth?: number;
        /**
         * `replicated` bills every replica on disk, `singleCopy` one copy.
         * Default: `replicated`.
         */
        storageBasis?: 'replicated' | 'singleCopy';
      };
    };

    /**
     * The message preview (`GET /topics/{topic}/messages`): a topic's newest
     * messages, read with a consumer that joins no group and commits nothing.
     */
    preview?: {
      /** Messages per preview at most, and the default `limit`; 1 to 50. Default: 20. */
      maxMessages?: number;
      /**
       * Key, value and header bytes per preview at most; 1 to 1048576 (1 MiB).
       * The list stops before the message that would pass it. Default: 1048576.
       */
      maxBytes?: number;
      /**
       * Whether any signed-in user may preview `_public` topics; read by the
       * permission policy (the demo's grants `specmesh.topic.preview` on a
       * `_public` topic's entity to everyone when true). `_private` topics stay
       * with their owners whatever the policy says. Default: false.
       */
      publicTopics?: boolean;
    };

    /** The live status of a data product, read on each entity page view. */
    status?: {
      /** How long a status answer is reused, in seconds. Default: 10. */
      cacheTtlSeconds?: number;
    };

    /**
     * The per-app-id lock of applies, in the plugin's database and so shared by
     * every replica: a second apply of an app-id is refused with 409 while one runs.
     */
    applyLock?: {
      /**
       * How long a lock outlives the backend holding it, in seconds. A running
       * apply renews its lock every quarter of this, so it bounds only how long
       * a replica that died mid-apply blocks the app-id; the next apply then
       * takes the lock over and marks the interrupted apply failed in the
       * history. At least 2. Default: 120.
       */
      expirySeconds?: number;
    };
  };
}
