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
  ChargebackCollection,
  GroupConsumptionSample,
  TopicUsageSample,
} from '../samples';

/** A partition as `[logStartOffset, logEndOffset, bytes of one copy]`. */
export type PartitionSpec = [number, number, number];

/** A topic sample whose totals add up from its partitions (three replicas unless told). */
export function topicSample(
  topic: string,
  at: string,
  partitions: PartitionSpec[],
  extra: Partial<TopicUsageSample> & { replicas?: number } = {},
): TopicUsageSample {
  const { replicas = 3, ...overrides } = extra;
  const byPartition = partitions.map(
    ([logStartOffset, logEndOffset, bytes], partition) => ({
      partition,
      logStartOffset,
      logEndOffset,
      bytes,
    }),
  );
  const single = byPartition.reduce((sum, p) => sum + p.bytes, 0);
  return {
    topic,
    topicId: `id-of-${topic}`,
    ownerAppId: topic.slice(0, topic.indexOf('._')),
    partitions: byPartition.length,
    storageBytes: single * replicas,
    storageBytesSingleCopy: single,
    messages: byPartition.reduce(
      (sum, p) => sum + p.logEndOffset - p.logStartOffset,
      0,
    ),
    byPartition,
    collectedAt: at,
    ...overrides,
  };
}

/** Committed offsets by partition index; `undefined` entries are partitions without one. */
export function groupSample(
  groupId: string,
  consumerAppId: string | null,
  topic: string,
  at: string,
  offsets: Array<number | undefined>,
): GroupConsumptionSample {
  return {
    groupId,
    consumerAppId,
    topic,
    committedOffsets: offsets.flatMap((offset, partition) =>
      offset === undefined ? [] : [{ partition, offset }],
    ),
    collectedAt: at,
  };
}

export function collection(
  at: string,
  topics: TopicUsageSample[],
  groups: GroupConsumptionSample[] = [],
): ChargebackCollection {
  return { collectedAt: at, topics, groups };
}
