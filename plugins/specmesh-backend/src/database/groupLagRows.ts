/*
 * Copyright 2026 The Meshport Authors
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
  ConsumerGroupLag,
  PartitionLag,
} from '@meshport/plugin-specmesh-common';

/** The table of consumer lag: one row per group and collection. */
export const GROUP_LAG = 'specmesh_chargeback_group_lag';
export const GROUP_LAG_COLUMNS = [
  'collection_id',
  'cluster',
  'collected_at',
  'group_id',
  'consumer_app_id',
  'topics',
];

/** A group's lag on one topic, as its row's `topics` JSON holds it. */
interface StoredTopicLag {
  topic: string;
  ownerAppId: string;
  lag: number;
  estimatedSeconds: number | null;
  partitions: PartitionLag[];
}

/** A row of {@link GROUP_LAG} as the database returns it. */
export interface GroupLagRecord {
  group_id: string;
  consumer_app_id: string;
  topics: string;
}

/**
 * The rows of a collection's lags: one per group, with the lag on each topic it reads.
 * `fixed` are the leading column values every row shares.
 */
export function groupLagRows(
  fixed: readonly [collectionId: number, cluster: string, collectedAt: Date],
  lags: ReadonlyArray<ConsumerGroupLag>,
): unknown[][] {
  const byGroup = new Map<
    string,
    { consumerAppId: string | null; topics: StoredTopicLag[] }
  >();
  for (const lag of lags) {
    let group = byGroup.get(lag.groupId);
    if (!group) {
      group = { consumerAppId: lag.consumerAppId, topics: [] };
      byGroup.set(lag.groupId, group);
    }
    group.topics.push({
      topic: lag.topic,
      ownerAppId: lag.ownerAppId,
      lag: lag.lag,
      estimatedSeconds: lag.estimatedSeconds,
      partitions: lag.partitions,
    });
  }
  return [...byGroup].map(([groupId, group]) => [
    ...fixed,
    groupId,
    group.consumerAppId ?? '',
    JSON.stringify(group.topics),
  ]);
}

/** The lags a group's row holds, one per topic (those `keep` accepts, when given). */
export function lagsOfRecord(
  row: GroupLagRecord,
  keep?: (topic: StoredTopicLag) => boolean,
): ConsumerGroupLag[] {
  const topics: StoredTopicLag[] = JSON.parse(row.topics);
  return (keep ? topics.filter(keep) : topics).map(topic => ({
    groupId: row.group_id,
    consumerAppId: row.consumer_app_id || null,
    topic: topic.topic,
    ownerAppId: topic.ownerAppId,
    lag: topic.lag,
    estimatedSeconds: topic.estimatedSeconds,
    partitions: topic.partitions,
  }));
}
