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
import type {
  AdminListOffsetsOptions,
  BrokerLogDirDescription,
  ClusterMetadata,
  DescribeLogDirsOptions,
  GroupBase,
  ListConsumerGroupOffsetsGroup,
  ListConsumerGroupOffsetsOptions,
  ListedOffsetsTopic,
  ListGroupsOptions,
  ListTopicsOptions,
  MetadataOptions,
} from '@platformatic/kafka';
import {
  attributeToAppId,
  ChargebackCollection,
} from '@meshport/plugin-specmesh-common';
import {
  groupConsumptionSamples,
  OwnedTopic,
  topicUsageSamples,
} from './clusterReadings';
import { listOffsetsInBatches } from './listOffsetsInBatches';
import type { ProducedBytesSource } from './ProducedBytesSource';

/**
 * The admin calls a collection makes; a `@platformatic/kafka` `Admin` (see
 * `createChargebackAdmin`) has them all.
 *
 * @public
 */
export interface ChargebackAdminClient {
  listTopics(options?: ListTopicsOptions): Promise<string[]>;
  metadata(options: MetadataOptions): Promise<ClusterMetadata>;
  describeLogDirs(
    options: DescribeLogDirsOptions,
  ): Promise<BrokerLogDirDescription[]>;
  listOffsets(options: AdminListOffsetsOptions): Promise<ListedOffsetsTopic[]>;
  listGroups(options?: ListGroupsOptions): Promise<Map<string, GroupBase>>;
  listConsumerGroupOffsets(
    options: ListConsumerGroupOffsetsOptions,
  ): Promise<ListConsumerGroupOffsetsGroup[]>;
}

/**
 * Options of a {@link ChargebackCollector}.
 *
 * @public
 */
export interface ChargebackCollectorOptions {
  /** Broker byte counters; without one, production is estimated from log end growth. */
  producedBytes?: ProducedBytesSource;
  /** Where a failing metrics source is reported. */
  logger?: Pick<LoggerService, 'warn'>;
  /** For tests; default the system clock. */
  now?: () => Date;
}

/** ListOffsets' special timestamps: the log start and the log end (high watermark). */
const EARLIEST = -2n;
const LATEST = -1n;

/**
 * Reads a cluster's chargeback figures (RULES §6) in one cycle of a fixed number of admin
 * requests, however many groups there are, and a few more per 1,000 topics. On a cluster
 * of B brokers:
 *
 * - Metadata: at most 6 (listing the topics, their partitions, and a refresh inside each of
 *   DescribeLogDirs, both ListOffsets and ListGroups, which `@platformatic/kafka` always
 *   makes; it merges identical ones that run at the same time), and one more per further
 *   1,000 owned topics (the ListOffsets calls' refresh);
 * - DescribeLogDirs: B, for all owned partitions at once;
 * - ListOffsets: earliest and latest, each one request per broker leading a partition
 *   (at most 2B) per 1,000 owned topics (listOffsetsInBatches: the client's merging is
 *   quadratic in the topics of a call);
 * - ListGroups: B;
 * - FindCoordinator: 1 for all groups (v4 batches keys, KIP-699);
 * - OffsetFetch: 1 per group coordinator (v8+ fetches many groups at once, KIP-709).
 *
 * Brokers older than Kafka 3.0 lack both batched versions: there the client sends one
 * FindCoordinator and one OffsetFetch per group, the only count that grows (with groups,
 * never with topics).
 *
 * Only topics owned by the known app-ids are sampled (the longest known app-id whose
 * `<app-id>.` prefixes the name owns it), and groups only on those topics. Every group with
 * offsets there is kept: attributed to the longest known app-id prefixing its id, or to
 * null (unattributed, never dropped).
 * A topic deleted while a cycle runs fails that cycle (the cluster no longer knows it);
 * the next cycle succeeds.
 *
 * @public
 */
export class ChargebackCollector {
  private readonly admin: ChargebackAdminClient;
  private readonly producedBytes?: ProducedBytesSource;
  private readonly logger?: Pick<LoggerService, 'warn'>;
  private readonly now: () => Date;

  constructor(
    admin: ChargebackAdminClient,
    options: ChargebackCollectorOptions = {},
  ) {
    this.admin = admin;
    this.producedBytes = options.producedBytes;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** One collection cycle for the topics and groups of the known app-ids. */
  async collect(knownAppIds: Iterable<string>): Promise<ChargebackCollection> {
    const appIds = new Set(knownAppIds);
    const collectedAt = this.now().toISOString();
    const [topics, groupOffsets] = await Promise.all([
      this.readOwnedTopics(appIds, collectedAt),
      this.readGroupOffsets(),
    ]);
    const sampledTopics = new Set(topics.map(t => t.topic));
    return {
      collectedAt,
      topics,
      groups: groupConsumptionSamples(
        groupOffsets,
        sampledTopics,
        appIds,
        collectedAt,
      ),
    };
  }

  private async readOwnedTopics(
    appIds: ReadonlySet<string>,
    collectedAt: string,
  ) {
    const owners = new Map<string, string>();
    for (const name of await this.admin.listTopics()) {
      const owner = attributeToAppId(name, appIds);
      if (owner) owners.set(name, owner);
    }
    if (owners.size === 0) return [];

    const metadata = await this.admin.metadata({
      topics: [...owners.keys()],
      forceUpdate: true,
    });
    const topics: OwnedTopic[] = [...owners].map(([name, ownerAppId]) => {
      const described = metadata.topics.get(name);
      return {
        name,
        id: described?.id,
        ownerAppId,
        partitions: described?.partitionsCount ?? 0,
      };
    });
    const partitioned = topics.filter(t => t.partitions > 0);
    const offsetsAt = (timestamp: bigint): AdminListOffsetsOptions => ({
      topics: partitioned.map(t => ({
        name: t.name,
        partitions: indexes(t.partitions).map(partitionIndex => ({
          partitionIndex,
          timestamp,
        })),
      })),
    });

    const [logDirs, earliestOffsets, latestOffsets, producedBytes] =
      await Promise.all([
        this.admin.describeLogDirs({
          topics: partitioned.map(t => ({
            name: t.name,
            partitions: indexes(t.partitions),
          })),
        }),
        listOffsetsInBatches(this.admin, offsetsAt(EARLIEST)),
        listOffsetsInBatches(this.admin, offsetsAt(LATEST)),
        this.readProducedBytes(topics.map(t => t.name)),
      ]);
    return topicUsageSamples({
      collectedAt,
      topics,
      logDirs,
      earliestOffsets,
      latestOffsets,
      producedBytes,
    });
  }

  private async readGroupOffsets(): Promise<ListConsumerGroupOffsetsGroup[]> {
    const groups = await this.admin.listGroups();
    // Share groups (KIP-932) commit no consumer offsets; OffsetFetch rejects them.
    const groupIds = [...groups.values()]
      .filter(group => group.groupType !== 'share')
      .map(group => group.id);
    if (groupIds.length === 0) return [];
    return this.admin.listConsumerGroupOffsets({ groups: groupIds });
  }

  private async readProducedBytes(
    topics: string[],
  ): Promise<Map<string, number> | undefined> {
    if (!this.producedBytes) return undefined;
    try {
      return await this.producedBytes.producedBytes(topics);
    } catch (error) {
      this.logger?.warn(
        `Chargeback: reading produced bytes from broker metrics failed, estimating from log end growth instead: ${error}`,
      );
      return undefined;
    }
  }
}

function indexes(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
