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
  BrokerLogDirDescription,
  ListConsumerGroupOffsetsGroup,
  ListedOffsetsTopic,
} from '@platformatic/kafka';
import {
  attributeToAppId,
  GroupConsumptionSample,
  PartitionUsage,
  TopicUsageSample,
} from '@meshport/plugin-specmesh-common';

/*
 * Turns the admin responses of one collection cycle into chargeback samples. Pure, so that
 * the arithmetic is tested without a broker.
 */

/** An owned topic as the cluster's metadata describes it. */
export interface OwnedTopic {
  name: string;
  id?: string;
  ownerAppId: string;
  partitions: number;
}

/** What the cluster answered about the owned topics. */
export interface TopicReadings {
  collectedAt: string;
  topics: OwnedTopic[];
  logDirs: BrokerLogDirDescription[];
  earliestOffsets: ListedOffsetsTopic[];
  latestOffsets: ListedOffsetsTopic[];
  /** Cumulative produced bytes by topic, when a metrics source answered. */
  producedBytes?: Map<string, number>;
}

/** One sample per owned topic, partitions in order. */
export function topicUsageSamples(readings: TopicReadings): TopicUsageSample[] {
  const logStart = offsetsByPartition(readings.earliestOffsets);
  const logEnd = offsetsByPartition(readings.latestOffsets);
  const sizes = replicaSizes(readings.logDirs);

  return readings.topics.map(topic => {
    const byPartition: PartitionUsage[] = [];
    let storageBytes = 0;
    for (let partition = 0; partition < topic.partitions; partition++) {
      const key = partitionKey(topic.name, partition);
      const replicas = sizes.get(key) ?? [];
      storageBytes += replicas.reduce((sum, size) => sum + size, 0);
      const logEndOffset = logEnd.get(key) ?? 0;
      byPartition.push({
        partition,
        logStartOffset: Math.min(logStart.get(key) ?? 0, logEndOffset),
        logEndOffset,
        bytes: replicas.length ? Math.max(...replicas) : 0,
      });
    }
    const produced = readings.producedBytes?.get(topic.name);
    return {
      topic: topic.name,
      ...(topic.id ? { topicId: topic.id } : {}),
      ownerAppId: topic.ownerAppId,
      partitions: topic.partitions,
      storageBytes,
      storageBytesSingleCopy: byPartition.reduce((sum, p) => sum + p.bytes, 0),
      messages: byPartition.reduce(
        (sum, p) => sum + p.logEndOffset - p.logStartOffset,
        0,
      ),
      byPartition,
      ...(produced !== undefined ? { producedBytesTotal: produced } : {}),
      collectedAt: readings.collectedAt,
    };
  });
}

/**
 * One sample per group and sampled topic it has committed offsets on; the consumer is the
 * longest known app-id prefixing the group id, or null.
 */
export function groupConsumptionSamples(
  groups: ListConsumerGroupOffsetsGroup[],
  sampledTopics: ReadonlySet<string>,
  knownAppIds: ReadonlySet<string>,
  collectedAt: string,
): GroupConsumptionSample[] {
  const samples: GroupConsumptionSample[] = [];
  for (const group of groups) {
    const consumerAppId = attributeToAppId(group.groupId, knownAppIds);
    for (const topic of group.topics) {
      if (!sampledTopics.has(topic.name)) continue;
      const committedOffsets = topic.partitions
        // -1: no offset committed on that partition.
        .filter(p => p.committedOffset >= 0n)
        .map(p => ({
          partition: p.partitionIndex,
          offset: Number(p.committedOffset),
        }))
        .sort((a, b) => a.partition - b.partition);
      if (committedOffsets.length === 0) continue;
      samples.push({
        groupId: group.groupId,
        topic: topic.name,
        committedOffsets,
        consumerAppId,
        collectedAt,
      });
    }
  }
  return samples;
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function offsetsByPartition(topics: ListedOffsetsTopic[]): Map<string, number> {
  const offsets = new Map<string, number>();
  for (const topic of topics) {
    for (const partition of topic.partitions) {
      offsets.set(
        partitionKey(topic.name, partition.partitionIndex),
        Number(partition.offset),
      );
    }
  }
  return offsets;
}

/**
 * The log size of every replica of each partition. Future replicas (a move between log
 * dirs in progress) are left out: that is the operator's copy, not the owner's data.
 */
function replicaSizes(
  logDirs: BrokerLogDirDescription[],
): Map<string, number[]> {
  const sizes = new Map<string, number[]>();
  for (const broker of logDirs) {
    for (const dir of broker.results) {
      for (const topic of dir.topics) {
        for (const partition of topic.partitions) {
          if (partition.isFutureKey) continue;
          const key = partitionKey(topic.name, partition.partitionIndex);
          const replicas = sizes.get(key) ?? [];
          replicas.push(Number(partition.partitionSize));
          sizes.set(key, replicas);
        }
      }
    }
  }
  return sizes;
}
