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
} from './samples';
import { TopicComparison } from './TopicComparison';
import { hoursBetween } from './units';
import type {
  ConsumptionUsage,
  IntervalUsage,
  TopicUsage,
  UsageNote,
} from './usage';

/**
 * Usage between two collections (RULES §6): storage and partitions averaged over the
 * interval, production from log end growth (or broker byte counters where both
 * collections have them), and consumption per group from committed offset deltas.
 *
 * A pure function of its two arguments, so computing the same pair again (after a
 * restart, say) gives the same answer. Anything without an earlier sample to compare with
 * (no previous collection at all, a new topic, a new group) is a baseline and counts as
 * zero: what happened before the first sample is never counted, and what happened after it
 * is counted exactly once, in the next interval.
 *
 * @public
 */
export function usageBetween(
  previous: ChargebackCollection | undefined,
  current: ChargebackCollection,
): IntervalUsage {
  const from = previous?.collectedAt ?? current.collectedAt;
  const to = current.collectedAt;
  const hours = hoursBetween(from, to);
  if (!Number.isFinite(hours)) {
    throw new Error(
      `Cannot measure the interval from "${from}" to "${to}": collectedAt must be an ISO 8601 instant.`,
    );
  }
  if (hours < 0) {
    throw new Error(
      `The previous collection (${from}) is later than the current one (${to}); pass the earlier collection first.`,
    );
  }

  const comparisons = compareTopics(previous?.topics ?? [], current.topics);
  const topics = [...comparisons.values()]
    .map(topicUsage)
    .sort((a, b) => compareText(a.topic, b.topic));

  const previousGroups = new Map(
    (previous?.groups ?? []).map(g => [groupKey(g), g]),
  );
  const consumption = current.groups
    .map(group =>
      consumptionUsage(
        group,
        previousGroups.get(groupKey(group)),
        comparisons.get(group.topic),
      ),
    )
    .sort(
      (a, b) =>
        compareText(a.topic, b.topic) || compareText(a.groupId, b.groupId),
    );

  return { from, to, hours, topics, consumption };
}

function compareTopics(
  previous: TopicUsageSample[],
  current: TopicUsageSample[],
): Map<string, TopicComparison> {
  const previousByName = new Map(previous.map(t => [t.topic, t]));
  const comparisons = new Map<string, TopicComparison>();
  for (const sample of current) {
    comparisons.set(
      sample.topic,
      new TopicComparison(previousByName.get(sample.topic), sample),
    );
  }
  for (const sample of previous) {
    if (!comparisons.has(sample.topic)) {
      comparisons.set(sample.topic, new TopicComparison(sample, undefined));
    }
  }
  return comparisons;
}

function topicUsage(comparison: TopicComparison): TopicUsage {
  const { current, previous } = comparison;
  if (!current) {
    return emptyTopicUsage(comparison.sample, ['topicDeleted']);
  }
  if (!previous) {
    return emptyTopicUsage(current, [
      comparison.recreated ? 'topicRecreated' : 'baseline',
    ]);
  }

  const notes = new Set<UsageNote>();
  let producedOffsets = 0;
  let estimatedBytes = 0;
  for (const partition of current.byPartition) {
    const before = comparison.isNewPartition(partition.partition)
      ? 0
      : comparison.previousPartition(partition.partition)?.logEndOffset;
    if (before === undefined) continue;
    const growth = partition.logEndOffset - before;
    if (growth < 0) {
      notes.add('logEndReset');
      continue;
    }
    producedOffsets += growth;
    estimatedBytes += bytesOf(growth, comparison, partition.partition, notes);
  }

  const metered = meteredProducedBytes(previous, current, notes);
  return {
    topic: current.topic,
    ownerAppId: current.ownerAppId,
    storageBytes: mean(previous.storageBytes, current.storageBytes),
    storageBytesSingleCopy: mean(
      previous.storageBytesSingleCopy,
      current.storageBytesSingleCopy,
    ),
    partitions: mean(previous.partitions, current.partitions),
    messages: current.messages,
    producedOffsets,
    producedBytes: metered ?? estimatedBytes,
    producedBytesBasis:
      metered === undefined ? 'logEndGrowth' : 'brokerMetrics',
    notes: [...notes],
  };
}

/** The growth of the broker byte counter, when both ends have one. */
function meteredProducedBytes(
  previous: TopicUsageSample,
  current: TopicUsageSample,
  notes: Set<UsageNote>,
): number | undefined {
  const before = previous.producedBytesTotal;
  const now = current.producedBytesTotal;
  if (before === undefined || now === undefined) return undefined;
  if (now < before) {
    notes.add('counterReset');
    return now;
  }
  return now - before;
}

function emptyTopicUsage(
  sample: TopicUsageSample,
  notes: UsageNote[],
): TopicUsage {
  return {
    topic: sample.topic,
    ownerAppId: sample.ownerAppId,
    storageBytes: 0,
    storageBytesSingleCopy: 0,
    partitions: 0,
    messages: notes.includes('topicDeleted') ? 0 : sample.messages,
    producedOffsets: 0,
    producedBytes: 0,
    producedBytesBasis: 'logEndGrowth',
    notes,
  };
}

function consumptionUsage(
  group: GroupConsumptionSample,
  previousGroup: GroupConsumptionSample | undefined,
  comparison: TopicComparison | undefined,
): ConsumptionUsage {
  if (!comparison?.current) {
    throw new Error(
      `The collection at ${group.collectedAt} has offsets of group "${group.groupId}" on topic "${group.topic}" ` +
        'but no sample of that topic: a collection may only hold groups on the topics it sampled.',
    );
  }
  const usage: ConsumptionUsage = {
    groupId: group.groupId,
    consumerAppId: group.consumerAppId,
    topic: group.topic,
    ownerAppId: comparison.current.ownerAppId,
    consumedOffsets: 0,
    consumedBytes: 0,
    notes: [],
  };
  if (!comparison.previous) {
    usage.notes.push(comparison.recreated ? 'topicRecreated' : 'baseline');
    return usage;
  }

  const notes = new Set<UsageNote>();
  const previousOffsets = new Map(
    (previousGroup?.committedOffsets ?? []).map(o => [o.partition, o.offset]),
  );
  for (const { partition, offset } of group.committedOffsets) {
    const before = comparison.isNewPartition(partition)
      ? 0
      : previousOffsets.get(partition);
    if (before === undefined) {
      notes.add('baseline');
      continue;
    }
    if (offset < before) {
      notes.add('offsetReset');
      continue;
    }
    // Records retention had deleted by the previous collection were never read.
    const logStart = comparison.previousPartition(partition)?.logStartOffset;
    const from =
      logStart !== undefined && before < logStart ? logStart : before;
    if (from !== before) notes.add('belowLogStart');
    const consumed = Math.max(0, offset - from);
    usage.consumedOffsets += consumed;
    usage.consumedBytes += bytesOf(consumed, comparison, partition, notes);
  }
  usage.notes = [...notes];
  return usage;
}

function bytesOf(
  offsets: number,
  comparison: TopicComparison,
  partition: number,
  notes: Set<UsageNote>,
): number {
  if (offsets === 0) return 0;
  const recordSize = comparison.averageRecordSize(partition);
  if (recordSize === undefined) {
    notes.add('noRecordSize');
    return 0;
  }
  return offsets * recordSize;
}

function groupKey(group: GroupConsumptionSample): string {
  return `${group.groupId}\u0000${group.topic}`;
}

function mean(a: number, b: number): number {
  return (a + b) / 2;
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
