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

/*
 * What one chargeback collection reads from a cluster (RULES §6). Plain JSON-safe data:
 * offsets and byte counts are numbers (exact up to 2^53), times ISO 8601 strings, so that
 * samples can be stored as they are and compared later, in any process.
 */

/**
 * One partition of an owned topic at a collection.
 *
 * @public
 */
export interface PartitionUsage {
  partition: number;
  /** The first offset still in the log; retention and DeleteRecords move it forward. */
  logStartOffset: number;
  /** The offset the next record will get. */
  logEndOffset: number;
  /** Bytes of one copy of the partition's log: the largest replica. */
  bytes: number;
}

/**
 * An owned topic at a collection.
 *
 * @public
 */
export interface TopicUsageSample {
  topic: string;
  /** Kafka's topic id: another id under the same name means the topic was recreated. */
  topicId?: string;
  /** The app-id that owns the topic and pays for its storage, partitions and production. */
  ownerAppId: string;
  partitions: number;
  /** Bytes on disk summed over all replicas, as DescribeLogDirs reports them. */
  storageBytes: number;
  /** Bytes of one copy of every partition. */
  storageBytesSingleCopy: number;
  /** Log end minus log start offset, summed over the partitions. */
  messages: number;
  byPartition: PartitionUsage[];
  /**
   * A cumulative count of bytes produced to the topic, from broker metrics, when a
   * metrics source is configured and knew the topic. Only its growth between two
   * collections means anything.
   */
  producedBytesTotal?: number;
  /** ISO 8601. */
  collectedAt: string;
}

/**
 * A committed offset of a consumer group.
 *
 * @public
 */
export interface PartitionOffset {
  partition: number;
  offset: number;
}

/**
 * The offsets a consumer group has committed on one owned topic at a collection.
 *
 * @public
 */
export interface GroupConsumptionSample {
  groupId: string;
  topic: string;
  /** Only partitions with a committed offset. */
  committedOffsets: PartitionOffset[];
  /**
   * The app-id that pays for the group's consumption: the longest known app-id whose
   * `<app-id>.` prefixes the group id; null when none does (reported, never dropped).
   */
  consumerAppId: string | null;
  /** ISO 8601. */
  collectedAt: string;
}

/**
 * Everything one collection cycle read: the owned topics of the known app-ids and the
 * offsets every consumer group has committed on them.
 *
 * @public
 */
export interface ChargebackCollection {
  /** ISO 8601; the instant intervals between collections are measured from. */
  collectedAt: string;
  topics: TopicUsageSample[];
  groups: GroupConsumptionSample[];
}
