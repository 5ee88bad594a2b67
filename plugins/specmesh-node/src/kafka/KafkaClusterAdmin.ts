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
import type {
  AclBinding,
  DesiredTopic,
} from '@meshport/plugin-specmesh-common';
import {
  Admin,
  ConfigResourceTypes,
  ConfigSource,
  DescribeConfigResponse,
  ITopicMetadata,
  Kafka,
  KafkaJSAggregateError,
} from 'kafkajs';
import type {
  BatchFailures,
  ClusterChanges,
  KafkaProvisioningAdmin,
  LiveNamespace,
} from '../apply/ports';
import { namespaceBindings } from '../apply/namespaceBindings';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import type { LiveTopic } from '../plan/types';
import {
  ALL_BINDINGS,
  exactFilter,
  fromDescribedAcls,
  toAclEntry,
} from './aclCodec';
import { brokerErrorMessage, isResourceError } from './brokerErrors';
import {
  kafkaConfigOf,
  KafkaConnectionConfig,
  KafkaLogger,
} from './connection';
import { TlsVerificationGuard, tlsFailureMessage } from './tlsVerification';

/** CreateTopics' "use the broker's default" (num.partitions, default.replication.factor). */
const CLUSTER_DEFAULT = -1;

/** Topics per DescribeConfigs request when reading many namespaces at once. */
const CONFIGS_BATCH = 1000;

/** How long {@link KafkaClusterAdmin.awaitChanges} waits by default. */
const DEFAULT_CHANGE_TIMEOUT_MS = 30_000;
/** The longest pause between two reads while waiting for changes. */
const MAX_POLL_INTERVAL_MS = 500;

/**
 * Options of {@link KafkaClusterAdmin}.
 *
 * @public
 */
export interface KafkaClusterAdminOptions {
  /**
   * How long to wait at most, after an apply, until the cluster serves its
   * changes; default 30 s, 0 not at all.
   */
  changeTimeoutMs?: number;
}

/**
 * Provisioning on a Kafka cluster through the kafkajs admin client, batched:
 * reading a namespace and applying a plan take a fixed number of admin requests,
 * whatever the number of topics and bindings (waiting for the cluster to serve
 * the changes adds reads, as many as the cluster's delay takes).
 *
 * kafkajs reports only the first error of a batch, without saying which resource
 * it belongs to (CreateTopics aside). When that happens, the items of the batch
 * that did not go through are asked again one by one, so that each failure
 * carries its own message.
 *
 * @public
 */
export class KafkaClusterAdmin implements KafkaProvisioningAdmin {
  /** An admin for a connection; call {@link KafkaClusterAdmin.connect} before use. */
  static create(
    config: KafkaConnectionConfig,
    options: { logger?: KafkaLogger } & KafkaClusterAdminOptions = {},
  ): KafkaClusterAdmin {
    const tlsGuard = config.ssl
      ? new TlsVerificationGuard(config.brokers)
      : undefined;
    const kafka = new Kafka(kafkaConfigOf(config, { ...options, tlsGuard }));
    const created = new KafkaClusterAdmin(kafka.admin(), options);
    created.tls = tlsGuard && { guard: tlsGuard, cluster: config.name };
    return created;
  }

  private readonly changeTimeoutMs: number;
  /** Set by {@link KafkaClusterAdmin.create} for a TLS connection. */
  private tls?: { guard: TlsVerificationGuard; cluster?: string };

  constructor(
    private readonly admin: Admin,
    options: KafkaClusterAdminOptions = {},
  ) {
    this.changeTimeoutMs = options.changeTimeoutMs ?? DEFAULT_CHANGE_TIMEOUT_MS;
  }

  /** Fails at the first attempt, naming the `ssl` key to check, when TLS verification fails. */
  async connect(): Promise<void> {
    this.tls?.guard.reset();
    try {
      await this.admin.connect();
    } catch (error) {
      const failure = this.tls?.guard.failure;
      if (failure)
        throw new Error(tlsFailureMessage(this.tls?.cluster, failure));
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.admin.disconnect();
  }

  /**
   * Three requests besides kafkajs' own metadata refreshes: one Metadata for all
   * topics (a list of names would cost the same request, without partitions),
   * then together one DescribeConfigs for all of the namespace's topics and one
   * DescribeAcls for all bindings (see `ALL_BINDINGS`), narrowed here.
   * Counting the brokers takes kafkajs' describeCluster beside them (its topic
   * metadata leaves the brokers out), so only when asked.
   */
  async describeNamespace(
    appId: string,
    principal: string,
    options: { brokerCount?: boolean } = {},
  ): Promise<LiveNamespace> {
    const [described] = await this.describeNamespaces(
      [{ appId, principal }],
      options,
    );
    return described;
  }

  /**
   * Many namespaces at once, for a reconcile cycle: one Metadata, one
   * DescribeConfigs per 1,000 owned topics (CONFIGS_BATCH), one DescribeAcls
   * (and one describeCluster when asked), however many namespaces there are.
   */
  async describeNamespaces(
    namespaces: ReadonlyArray<{ appId: string; principal: string }>,
    options: { brokerCount?: boolean } = {},
  ): Promise<LiveNamespace[]> {
    const what =
      namespaces.length === 1
        ? `the topics of ${namespaces[0].appId}.`
        : `the topics of ${namespaces.length} app-ids`;
    const metadata = await this.read(what, () =>
      this.admin.fetchTopicMetadata(),
    );
    const prefixes = namespaces.map(({ appId }) => `${appId}.`);
    const owned = metadata.topics.filter(topic =>
      prefixes.some(prefix => topic.name.startsWith(prefix)),
    );

    const [configs, described, cluster] = await Promise.all([
      this.read(`the configs of ${what}`, () => this.topicConfigs(owned)),
      this.read('the ACL bindings', () =>
        this.admin.describeAcls(ALL_BINDINGS),
      ),
      options.brokerCount
        ? this.read('the brokers', () => this.admin.describeCluster())
        : Promise.resolve(undefined),
    ]);

    const topics = owned
      .map(topic => liveTopic(topic, configs.get(topic.name) ?? {}))
      .sort((a, b) => a.name.localeCompare(b.name));
    const bindings = fromDescribedAcls(described.resources);
    return namespaces.map(({ appId, principal }) => ({
      topics: topics.filter(topic => topic.name.startsWith(`${appId}.`)),
      ...namespaceBindings(bindings, appId, principal),
      ...(cluster ? { brokerCount: cluster.brokers.length } : {}),
    }));
  }

  /** The dynamic configs of the topics, in batches that keep each response small. */
  private async topicConfigs(
    topics: readonly ITopicMetadata[],
  ): Promise<Map<string, Record<string, string>>> {
    const configs = new Map<string, Record<string, string>>();
    for (let start = 0; start < topics.length; start += CONFIGS_BATCH) {
      const response = await this.admin.describeConfigs({
        resources: topics.slice(start, start + CONFIGS_BATCH).map(topic => ({
          type: ConfigResourceTypes.TOPIC,
          name: topic.name,
        })),
        includeSynonyms: false,
      });
      for (const [name, entries] of dynamicConfigs(response)) {
        configs.set(name, entries);
      }
    }
    return configs;
  }

  async createTopics(topics: readonly DesiredTopic[]): Promise<BatchFailures> {
    if (topics.length === 0) return new Map();
    try {
      // Leaders are elected right after; producers and consumers wait for them.
      const created = await this.admin.createTopics({
        waitForLeaders: false,
        topics: topics.map(topic => ({
          topic: topic.name,
          numPartitions: topic.partitions ?? CLUSTER_DEFAULT,
          replicationFactor: topic.replicas ?? CLUSTER_DEFAULT,
          configEntries: Object.entries(topic.configs).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      });
      if (!created) {
        // kafkajs answers false, not an error, when every topic already existed.
        return failAll(
          topics.map(topic => topic.name),
          'The topic already exists: it was created after the plan was made. Plan again.',
        );
      }
      return new Map();
    } catch (error) {
      if (error instanceof KafkaJSAggregateError) {
        return new Map(
          error.errors.map(topicError => [
            (topicError as { topic?: string }).topic ?? '',
            brokerErrorMessage(topicError),
          ]),
        );
      }
      return failAll(
        topics.map(topic => topic.name),
        brokerErrorMessage(error),
      );
    }
  }

  async createPartitions(
    increases: ReadonlyArray<{ topic: string; count: number }>,
  ): Promise<BatchFailures> {
    return this.batch(
      increases,
      increase => increase.topic,
      async items => {
        await this.admin.createPartitions({
          topicPartitions: items.map(({ topic, count }) => ({ topic, count })),
        });
      },
      // Not idempotent: asking again for a topic that already grew is an error.
      async items => {
        const counts = await this.partitionCounts();
        return items.filter(
          ({ topic, count }) => (counts.get(topic) ?? 0) >= count,
        );
      },
    );
  }

  /**
   * One AlterConfigs request. It is the legacy, non-incremental call: the broker
   * replaces the topic's whole set of dynamic configs with the one sent, so the
   * full desired set goes out and whatever it omits returns to the default.
   */
  async replaceTopicConfigs(
    updates: ReadonlyArray<{ topic: string; configs: Record<string, string> }>,
  ): Promise<BatchFailures> {
    return this.batch(
      updates,
      update => update.topic,
      async items => {
        await this.admin.alterConfigs({
          validateOnly: false,
          resources: items.map(({ topic, configs }) => ({
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: Object.entries(configs).map(([name, value]) => ({
              name,
              value,
            })),
          })),
        });
      },
    );
  }

  async deleteTopics(topics: readonly string[]): Promise<BatchFailures> {
    return this.batch(
      topics,
      topic => topic,
      async items => {
        await this.admin.deleteTopics({ topics: [...items] });
      },
      // Asking again for a deleted topic makes kafkajs retry until it gives up.
      async items => {
        const counts = await this.partitionCounts();
        return items.filter(topic => !counts.has(topic));
      },
    );
  }

  async createAcls(bindings: readonly AclBinding[]): Promise<BatchFailures> {
    return this.batch(bindings, aclBindingKey, async items => {
      await this.admin.createAcls({ acl: items.map(toAclEntry) });
    });
  }

  async deleteAcls(bindings: readonly AclBinding[]): Promise<BatchFailures> {
    return this.batch(bindings, aclBindingKey, async items => {
      await this.admin.deleteAcls({ filters: items.map(exactFilter) });
    });
  }

  /**
   * Reads until the broker serves the changes: topics in Metadata, bindings in
   * DescribeAcls (which answers from the authorizer, so a binding it lists is
   * enforced). A KRaft broker applies committed changes asynchronously; after a
   * large batch that can take seconds, since it creates the new partitions'
   * logs before it updates the authorizer. Stops at the timeout, or as soon as
   * the cluster cannot be read: the apply's outcome stands either way.
   */
  async awaitChanges(changes: ClusterChanges): Promise<void> {
    let topicsServed =
      changes.createdTopics.length +
        changes.deletedTopics.length +
        changes.grownTopics.length ===
      0;
    let aclsServed =
      changes.createdAcls.length + changes.deletedAcls.length === 0;
    if (this.changeTimeoutMs <= 0 || (topicsServed && aclsServed)) return;

    const deadline = Date.now() + this.changeTimeoutMs;
    for (let pause = 20; ; pause = Math.min(pause * 2, MAX_POLL_INTERVAL_MS)) {
      try {
        [topicsServed, aclsServed] = await Promise.all([
          topicsServed || this.servesTopicChanges(changes),
          aclsServed || this.servesAclChanges(changes),
        ]);
      } catch {
        return;
      }
      const left = deadline - Date.now();
      if ((topicsServed && aclsServed) || left <= 0) return;
      await new Promise(resolve => setTimeout(resolve, Math.min(pause, left)));
    }
  }

  private async servesTopicChanges(changes: ClusterChanges): Promise<boolean> {
    const counts = await this.partitionCounts();
    return (
      changes.createdTopics.every(topic => counts.has(topic)) &&
      changes.deletedTopics.every(topic => !counts.has(topic)) &&
      changes.grownTopics.every(
        ({ topic, count }) => (counts.get(topic) ?? 0) >= count,
      )
    );
  }

  private async servesAclChanges(changes: ClusterChanges): Promise<boolean> {
    const { resources } = await this.admin.describeAcls(ALL_BINDINGS);
    const served = new Set(fromDescribedAcls(resources).map(aclBindingKey));
    return (
      changes.createdAcls.every(binding =>
        served.has(aclBindingKey(binding)),
      ) &&
      changes.deletedAcls.every(binding => !served.has(aclBindingKey(binding)))
    );
  }

  /** Partition count by topic name, for every topic of the cluster: one Metadata request. */
  private async partitionCounts(): Promise<Map<string, number>> {
    const { topics } = await this.admin.fetchTopicMetadata();
    return new Map(topics.map(topic => [topic.name, topic.partitions.length]));
  }

  private async read<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new Error(
        `Could not read ${what} from Kafka: ${brokerErrorMessage(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  /**
   * Sends all items in one request. When the broker rejects some of them, asks
   * again item by item, so that each failure gets its own message and the items
   * that went through are known; `alreadyDone` names the items of a request that
   * is not idempotent that went through anyway.
   */
  private async batch<T>(
    items: readonly T[],
    keyOf: (item: T) => string,
    send: (items: readonly T[]) => Promise<void>,
    alreadyDone: (
      items: readonly T[],
    ) => Promise<readonly T[]> = async () => [],
  ): Promise<BatchFailures> {
    if (items.length === 0) return new Map();
    let batchError: unknown;
    try {
      await send(items);
      return new Map();
    } catch (error) {
      batchError = error;
    }
    if (items.length === 1 || !isResourceError(batchError)) {
      return failAll(items.map(keyOf), brokerErrorMessage(batchError));
    }
    let done: readonly T[];
    try {
      done = await alreadyDone(items);
    } catch {
      return failAll(items.map(keyOf), brokerErrorMessage(batchError));
    }
    const failures: BatchFailures = new Map();
    for (const item of items) {
      if (done.includes(item)) continue;
      try {
        await send([item]);
      } catch (error) {
        failures.set(keyOf(item), brokerErrorMessage(error));
      }
    }
    return failures;
  }
}

function failAll(keys: readonly string[], message: string): BatchFailures {
  return new Map(keys.map(key => [key, message]));
}

function liveTopic(
  metadata: ITopicMetadata,
  configs: Record<string, string>,
): LiveTopic {
  return {
    name: metadata.name,
    partitions: metadata.partitions.length,
    // During a reassignment a partition briefly lists old and new replicas; the
    // smallest set is the topic's replication factor.
    replicas: metadata.partitions.length
      ? Math.min(
          ...metadata.partitions.map(partition => partition.replicas.length),
        )
      : 0,
    configs,
  };
}

/** Only the configs set on the topic itself: defaults and broker-level values are not the spec's business. */
function dynamicConfigs(
  response: DescribeConfigResponse,
): Map<string, Record<string, string>> {
  return new Map(
    response.resources.map(resource => [
      resource.resourceName,
      Object.fromEntries(
        resource.configEntries
          .filter(entry => entry.configSource === ConfigSource.TOPIC_CONFIG)
          .map(entry => [entry.configName, entry.configValue]),
      ),
    ]),
  );
}
