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
import {
  ChargebackCollection,
  LogEndPoint,
  logEndPointOf,
  TopicUsageSample,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { insertRows } from './insertRows';
import {
  LOG_END_SET_COLUMNS,
  LOG_END_SETS,
  LogEndSetRecord,
  logEndSetOf,
  logEndSetRows,
  pointsOfRecord,
  topicsOfRecord,
} from './logEndSetRows';
import { RecentLimits, RecentLogEnds, RecentPoints } from './RecentLogEnds';
/** Values per `IN`: well under every database's parameter limit. */
const CHUNK = 500;

/**
 * The log end offsets of the topics groups read, per collection, kept only where they
 * changed: the history lag estimates are interpolated from.
 */
export class LogEndHistory {
  private readonly recent: RecentLogEnds;

  constructor(private readonly knex: Knex, keepRecent: RecentLimits) {
    this.recent = new RecentLogEnds(keepRecent);
  }

  /**
   * Stores the log ends of the topics read in a collection, only where they changed since
   * the previous collection: a point stands for every collection up to the next stored one.
   * Interpolation needs the last time the log end was at its old value, so a change after
   * such an unchanged stretch also stores the previous collection's point. Returns the
   * points of the last collections before this one when this process stored them all
   * (see {@link RecentLogEnds}).
   */
  async record(
    tx: Knex.Transaction,
    cluster: string,
    current: { id: number; collectedAt: string; topics: TopicUsageSample[] },
    previous?: { id: number; collection: ChargebackCollection },
  ): Promise<RecentPoints | undefined> {
    const previousRef = previous && {
      id: previous.id,
      collectedAt: previous.collection.collectedAt,
    };
    const earlier = this.recent.upTo(cluster, previousRef);
    const before = previous ? readTopics(previous.collection) : new Map();
    const changed = current.topics.filter(topic => {
      const earlierSample = before.get(topic.topic);
      return !earlierSample || !sameLogEnds(earlierSample, topic);
    });
    const stretchEnds: TopicUsageSample[] = [];
    let complete: Map<string, LogEndPoint> | undefined;
    if (previous && changed.length > 0) {
      const stored = earlier?.latest
        ? earlier.latestTopics()
        : new Set<string>(
            (
              await tx(LOG_END_SETS)
                .where('collection_id', previous.id)
                .select('log_ends')
            ).flatMap(topicsOfRecord),
          );
      for (const topic of changed) {
        const earlierSample = before.get(topic.topic);
        if (earlierSample && !stored.has(topic.topic)) {
          stretchEnds.push(earlierSample);
        }
      }
      if (!earlier && [...stored].every(topic => before.has(topic))) {
        complete = pointsAt(previous.collection.collectedAt, [
          ...stretchEnds,
          ...[...stored].map(topic => before.get(topic)!),
        ]);
      }
    }
    const stretchPoints = previousRef
      ? pointsAt(previousRef.collectedAt, stretchEnds)
      : new Map<string, LogEndPoint>();
    const changedPoints = pointsAt(current.collectedAt, changed);
    await insertRows(tx, LOG_END_SETS, LOG_END_SET_COLUMNS, [
      ...(previousRef
        ? logEndSetRows(previousRef, current.id, cluster, stretchPoints)
        : []),
      ...logEndSetRows(current, current.id, cluster, changedPoints),
    ]);
    return this.recent.advance(
      tx,
      cluster,
      earlier,
      previousRef && {
        collection: previousRef,
        added: stretchPoints,
        complete,
      },
      {
        collection: { id: current.id, collectedAt: current.collectedAt },
        points: changedPoints,
      },
    );
  }

  /**
   * The stored points of the topics collected from `since` to before the collection
   * `collectionId`, oldest first.
   */
  async read(
    tx: Knex.Transaction,
    cluster: string,
    topics: string[],
    since: Date,
    collectionId: number,
  ): Promise<Map<string, LogEndPoint[]>> {
    const history = new Map<string, LogEndPoint[]>();
    const wanted = new Set(topics);
    const sets = [...new Set(topics.map(logEndSetOf))];
    for (let start = 0; start < sets.length; start += CHUNK) {
      const rows: LogEndSetRecord[] = await tx(LOG_END_SETS)
        .where('cluster', cluster)
        .whereIn('owner_prefix', sets.slice(start, start + CHUNK))
        .where('collected_at', '>=', since)
        // The collection's own point is added by the computation.
        .where('collection_id', '<', collectionId)
        .orderBy('collected_at')
        .select('collected_at', 'log_ends');
      for (const row of rows) {
        for (const [topic, point] of pointsOfRecord(
          row,
          isoOf(row.collected_at),
          wanted,
        )) {
          const points = history.get(topic);
          if (points) points.push(point);
          else history.set(topic, [point]);
        }
      }
    }
    return history;
  }

  /** Deletes the points collected before `before`. */
  async purge(before: Date): Promise<number> {
    return this.knex(LOG_END_SETS).where('collected_at', '<', before).delete();
  }
}

/** The topic samples of a collection that some group reads (the ones with log ends stored). */
function readTopics(
  collection: ChargebackCollection,
): Map<string, TopicUsageSample> {
  const read = new Set(collection.groups.map(g => g.topic));
  return new Map(
    collection.topics.filter(t => read.has(t.topic)).map(t => [t.topic, t]),
  );
}

/** The points of topics at a collection, as {@link LogEndHistory.read} returns them. */
function pointsAt(
  at: string,
  topics: TopicUsageSample[],
): Map<string, LogEndPoint> {
  const iso = isoOf(at);
  return new Map(
    topics.map(topic => [
      topic.topic,
      {
        at: iso,
        ...(topic.topicId ? { topicId: topic.topicId } : {}),
        logEndOffsets: logEndPointOf(topic).logEndOffsets,
      },
    ]),
  );
}

function sameLogEnds(a: TopicUsageSample, b: TopicUsageSample): boolean {
  if ((a.topicId ?? null) !== (b.topicId ?? null)) return false;
  // Usually both list the same partitions in the same order: compare without copying.
  if (
    a.byPartition.length === b.byPartition.length &&
    a.byPartition.every(
      (p, index) =>
        p.partition === b.byPartition[index].partition &&
        p.logEndOffset === b.byPartition[index].logEndOffset,
    )
  ) {
    return a.partitions === b.partitions;
  }
  const ends = logEndPointOf(a).logEndOffsets;
  const others = logEndPointOf(b).logEndOffsets;
  return (
    ends.length === others.length &&
    ends.every((end, index) => end === others[index])
  );
}

/** SQLite returns what it stored (epoch milliseconds), Postgres a Date. */
export function isoOf(value: unknown): string {
  return new Date(value as string | number | Date).toISOString();
}
