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
import { RecentLimits, RecentLogEnds, RecentPoints } from './RecentLogEnds';

const LOG_ENDS = 'specmesh_chargeback_log_ends';
const LOG_END_COLUMNS = [
  'collection_id',
  'cluster',
  'collected_at',
  'topic',
  'topic_id',
  'log_end_offsets',
];
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
            await tx(LOG_ENDS)
              .where('collection_id', previous.id)
              .pluck('topic'),
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
    const row =
      (collectionId: number, at: string) => (topic: TopicUsageSample) =>
        [
          collectionId,
          cluster,
          new Date(at),
          topic.topic,
          topic.topicId ?? null,
          JSON.stringify(logEndPointOf(topic).logEndOffsets),
        ];
    await insertRows(tx, LOG_ENDS, LOG_END_COLUMNS, [
      ...(previous
        ? stretchEnds.map(row(previous.id, previous.collection.collectedAt))
        : []),
      ...changed.map(row(current.id, current.collectedAt)),
    ]);
    return this.recent.advance(
      tx,
      cluster,
      earlier,
      previousRef && {
        collection: previousRef,
        added: pointsAt(previousRef.collectedAt, stretchEnds),
        complete,
      },
      {
        collection: { id: current.id, collectedAt: current.collectedAt },
        points: pointsAt(current.collectedAt, changed),
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
    for (let start = 0; start < topics.length; start += CHUNK) {
      const rows = await tx(LOG_ENDS)
        .where('cluster', cluster)
        .whereIn('topic', topics.slice(start, start + CHUNK))
        .where('collected_at', '>=', since)
        // The collection's own point is added by the computation.
        .where('collection_id', '<', collectionId)
        .orderBy('collected_at')
        .select('topic', 'topic_id', 'collected_at', 'log_end_offsets');
      for (const row of rows) {
        const points = history.get(row.topic) ?? [];
        points.push({
          at: isoOf(row.collected_at),
          ...(row.topic_id ? { topicId: row.topic_id } : {}),
          logEndOffsets: JSON.parse(row.log_end_offsets),
        });
        history.set(row.topic, points);
      }
    }
    return history;
  }

  /** Deletes the points collected before `before`. */
  async purge(before: Date): Promise<number> {
    return this.knex(LOG_ENDS).where('collected_at', '<', before).delete();
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
