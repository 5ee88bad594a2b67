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

import type { ChargebackCollection, TopicUsageSample } from './samples';

/*
 * Consumer-group lag (issue 15) from the offsets a chargeback collection already holds:
 * the log end offset of every partition of an owned topic and the offsets each group
 * committed there. No request of its own.
 */

/** `localeCompare(b, 'en')` without building a collator per call (thousands per cycle). */
const byName = new Intl.Collator('en').compare;

/**
 * How far a consumer group is behind on one partition.
 *
 * @public
 */
export interface PartitionLag {
  partition: number;
  committedOffset: number;
  logEndOffset: number;
  /** Log end minus committed offset, never below 0. */
  lag: number;
  /** Seconds since the log end was where the group is now; null when the history cannot tell. */
  estimatedSeconds: number | null;
}

/**
 * How far a consumer group is behind on one topic.
 *
 * @public
 */
export interface ConsumerGroupLag {
  groupId: string;
  /** The app-id the group is attributed to; null for an unattributed group. */
  consumerAppId: string | null;
  topic: string;
  /** The topic's owner app-id. */
  ownerAppId: string;
  /** Messages behind, summed over the partitions with a committed offset. */
  lag: number;
  /** The largest partition estimate; null when a lagging partition has none. */
  estimatedSeconds: number | null;
  partitions: PartitionLag[];
}

/**
 * A topic's log end offsets at one collection, by partition index.
 *
 * @public
 */
export interface LogEndPoint {
  /** ISO 8601. */
  at: string;
  /** Kafka's topic id: points of an earlier topic of the same name are not history. */
  topicId?: string;
  logEndOffsets: ReadonlyArray<number | null>;
}

/**
 * The log end offsets of a topic sample, as a point of its history.
 *
 * @public
 */
export function logEndPointOf(topic: TopicUsageSample): LogEndPoint {
  const logEndOffsets: Array<number | null> = new Array(topic.partitions).fill(
    null,
  );
  for (const p of topic.byPartition)
    logEndOffsets[p.partition] = p.logEndOffset;
  return {
    at: topic.collectedAt,
    ...(topic.topicId ? { topicId: topic.topicId } : {}),
    logEndOffsets,
  };
}

/**
 * ISO times parsed once per computation: every topic's points of one collection carry
 * the same instant, so a cycle parses a few dozen strings instead of one per point.
 */
class Instants {
  private readonly parsed = new Map<string, number>();

  of(iso: string): number {
    let time = this.parsed.get(iso);
    if (time === undefined) {
      time = Date.parse(iso);
      this.parsed.set(iso, time);
    }
    return time;
  }
}

/** A topic's log end history, oldest first, ending with the current point (not copied). */
class TopicHistory {
  readonly length: number;

  constructor(
    private readonly earlier: ReadonlyArray<LogEndPoint>,
    private readonly current: LogEndPoint | undefined,
    private readonly instants: Instants,
  ) {
    this.length = earlier.length + (current ? 1 : 0);
  }

  point(index: number): LogEndPoint {
    return index < this.earlier.length ? this.earlier[index] : this.current!;
  }

  timeAt(index: number): number {
    return this.instants.of(this.point(index).at);
  }
}

/** {@link estimateLagSeconds} on a parsed history. */
function estimateIn(
  history: TopicHistory,
  partition: number,
  committedOffset: number,
): number | null {
  const last = history.length - 1;
  if (last < 0) return null;
  const current = history.point(last);
  const currentEnd = current.logEndOffsets[partition];
  if (currentEnd === undefined || currentEnd === null) return null;
  if (currentEnd <= committedOffset) return 0;
  const now = history.timeAt(last);
  let newerAt = now;
  let newerOffset = currentEnd;
  for (let index = last - 1; index >= 0; index--) {
    const point = history.point(index);
    // A recreated topic restarts its offsets: older points are another log.
    if (current.topicId && point.topicId && point.topicId !== current.topicId) {
      return null;
    }
    const offset = point.logEndOffsets[partition];
    if (offset === undefined || offset === null) continue;
    const at = history.timeAt(index);
    if (offset <= committedOffset) {
      const reachedAt =
        newerOffset === offset
          ? at
          : at +
            ((committedOffset - offset) / (newerOffset - offset)) *
              (newerAt - at);
      return Math.max(0, (now - reachedAt) / 1000);
    }
    // Offsets only grow within one log; a point above a newer one is not this log.
    if (offset > newerOffset) return null;
    newerAt = at;
    newerOffset = offset;
  }
  return null;
}

/**
 * Seconds since the partition's log end offset was last at or below the committed
 * offset, interpolated linearly between the two history points around it (the method of
 * kafka-lag-exporter). `history` is oldest first and ends with the current point.
 * 0 when the group is not behind; null when no point of the history is at or below the
 * committed offset (the group is further behind than the history reaches).
 *
 * @public
 */
export function estimateLagSeconds(
  partition: number,
  committedOffset: number,
  history: ReadonlyArray<LogEndPoint>,
): number | null {
  return estimateIn(
    new TopicHistory(history, undefined, new Instants()),
    partition,
    committedOffset,
  );
}

/**
 * A group's lag on a topic at an earlier collection.
 *
 * @public
 */
export interface PreviousGroupLag {
  /** ISO 8601. */
  at: string;
  partitions: ReadonlyArray<PartitionLag>;
}

/**
 * A topic's log end points of earlier collections, oldest first: a map by topic will do.
 * A computation asks once per topic, and only for the topics some lagging partition of
 * which cannot carry its estimate over.
 *
 * @public
 */
export interface LogEndPointSource {
  get(topic: string): ReadonlyArray<LogEndPoint> | undefined;
}

/**
 * Where a lag computation finds what came before: the log end points of earlier
 * collections per topic (oldest first), and each group's lag at the previous collection.
 *
 * @public
 */
export interface LagHistorySources {
  history?: LogEndPointSource;
  previous?: (topic: string, groupId: string) => PreviousGroupLag | undefined;
}

/**
 * The estimate a partition carries over from the previous collection, without history:
 * while the committed offset stays put, the time the log end passed it does not move.
 * Undefined when only the history can tell (no previous lag, the group moved, or the log
 * end went back: a recreated topic).
 *
 * @public
 */
export function carriedEstimate(
  previous: { at: string; partition: PartitionLag } | undefined,
  current: { at: string; committedOffset: number; logEndOffset: number },
): number | null | undefined {
  return carriedWith(new Instants(), previous, current);
}

/** {@link carriedEstimate} with the computation's parsed times. */
function carriedWith(
  instants: Instants,
  previous: { at: string; partition: PartitionLag } | undefined,
  current: { at: string; committedOffset: number; logEndOffset: number },
): number | null | undefined {
  if (!previous) return undefined;
  const before = previous.partition;
  if (
    before.committedOffset !== current.committedOffset ||
    current.logEndOffset < before.logEndOffset
  ) {
    return undefined;
  }
  const then = instants.of(previous.at);
  const now = instants.of(current.at);
  if (current.logEndOffset <= current.committedOffset) return 0;
  if (before.logEndOffset <= current.committedOffset) {
    // The log end passed the offset between the two collections.
    const reachedAt =
      then +
      ((current.committedOffset - before.logEndOffset) /
        (current.logEndOffset - before.logEndOffset)) *
        (now - then);
    return Math.max(0, (now - reachedAt) / 1000);
  }
  if (before.estimatedSeconds === null) return null;
  return before.estimatedSeconds + Math.max(0, (now - then) / 1000);
}

/**
 * The lag of every group of a collection on every sampled topic. A lagging partition's
 * estimate is carried over from the previous collection when it can be
 * ({@link carriedEstimate}), else interpolated from the history (the collection's own
 * point is added); with neither it is null.
 *
 * @public
 */
export function groupLags(
  collection: ChargebackCollection,
  sources: LagHistorySources = {},
): ConsumerGroupLag[] {
  // What every group reading a topic shares: its current log ends and its history.
  const topics = new Map<
    string,
    { sample: TopicUsageSample; current: LogEndPoint; history?: TopicHistory }
  >();
  for (const sample of collection.topics) {
    topics.set(sample.topic, { sample, current: logEndPointOf(sample) });
  }
  const instants = new Instants();
  const lags: ConsumerGroupLag[] = [];
  for (const group of collection.groups) {
    const topic = topics.get(group.topic);
    if (!topic) continue;
    const { current } = topic;
    const previous = sources.previous?.(group.topic, group.groupId);
    const partitions = group.committedOffsets.map(({ partition, offset }) => {
      const end = current.logEndOffsets[partition] ?? offset;
      const lag = Math.max(0, end - offset);
      const before = previous && partitionIn(previous.partitions, partition);
      let estimatedSeconds: number | null | undefined =
        lag === 0
          ? 0
          : carriedWith(
              instants,
              previous && before
                ? { at: previous.at, partition: before }
                : undefined,
              {
                at: collection.collectedAt,
                committedOffset: offset,
                logEndOffset: end,
              },
            );
      if (estimatedSeconds === undefined) {
        topic.history ??= new TopicHistory(
          sources.history?.get(topic.sample.topic) ?? [],
          current,
          instants,
        );
        estimatedSeconds = estimateIn(topic.history, partition, offset);
      }
      return {
        partition,
        committedOffset: offset,
        logEndOffset: end,
        lag,
        estimatedSeconds,
      };
    });
    lags.push({
      groupId: group.groupId,
      consumerAppId: group.consumerAppId,
      topic: group.topic,
      ownerAppId: topic.sample.ownerAppId,
      lag: partitions.reduce((sum, p) => sum + p.lag, 0),
      estimatedSeconds: largestEstimate(partitions),
      partitions,
    });
  }
  return lags.sort(
    (a, b) => byName(a.topic, b.topic) || byName(a.groupId, b.groupId),
  );
}

/** A partition's lag in a list of them (usually at its own index). */
function partitionIn(
  partitions: ReadonlyArray<PartitionLag>,
  partition: number,
): PartitionLag | undefined {
  const atIndex = partitions[partition];
  return atIndex?.partition === partition
    ? atIndex
    : partitions.find(p => p.partition === partition);
}

/**
 * The largest partition estimate; null when a lagging partition has none.
 *
 * @public
 */
export function largestEstimate(
  partitions: ReadonlyArray<Pick<PartitionLag, 'lag' | 'estimatedSeconds'>>,
): number | null {
  let largest = 0;
  for (const p of partitions) {
    if (p.lag === 0) continue;
    if (p.estimatedSeconds === null) return null;
    largest = Math.max(largest, p.estimatedSeconds);
  }
  return largest;
}
