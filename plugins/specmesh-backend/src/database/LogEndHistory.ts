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

const LOG_ENDS = 'specmesh_chargeback_log_ends';
/** Rows per insert and values per `IN`: well under every database's parameter limit. */
export const CHUNK = 500;

/**
 * The log end offsets of the topics groups read, per collection, kept only where they
 * changed: the history lag estimates are interpolated from.
 */
export class LogEndHistory {
  constructor(private readonly knex: Knex) {}

  /**
   * Stores the log ends of the topics read in a collection, only where they changed since
   * the previous collection: a point stands for every collection up to the next stored one.
   * Interpolation needs the last time the log end was at its old value, so a change after
   * such an unchanged stretch also stores the previous collection's point.
   */
  async record(
    tx: Knex.Transaction,
    cluster: string,
    current: { id: number; collectedAt: string; topics: TopicUsageSample[] },
    previous?: { id: number; collection: ChargebackCollection },
  ): Promise<void> {
    const before = previous ? readTopics(previous.collection) : new Map();
    const changed = current.topics.filter(topic => {
      const earlier = before.get(topic.topic);
      return !earlier || !sameLogEnds(earlier, topic);
    });
    if (changed.length === 0) return;
    const stretchEnds: TopicUsageSample[] = [];
    if (previous) {
      const stored = new Set<string>(
        await tx(LOG_ENDS).where('collection_id', previous.id).pluck('topic'),
      );
      for (const topic of changed) {
        const earlier = before.get(topic.topic);
        if (earlier && !stored.has(topic.topic)) stretchEnds.push(earlier);
      }
    }
    const row =
      (collectionId: number, at: string) => (topic: TopicUsageSample) => ({
        collection_id: collectionId,
        cluster,
        collected_at: new Date(at),
        topic: topic.topic,
        topic_id: topic.topicId ?? null,
        log_end_offsets: JSON.stringify(logEndPointOf(topic).logEndOffsets),
      });
    await insertChunked(tx, LOG_ENDS, [
      ...(previous
        ? stretchEnds.map(row(previous.id, previous.collection.collectedAt))
        : []),
      ...changed.map(row(current.id, current.collectedAt)),
    ]);
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

function sameLogEnds(a: TopicUsageSample, b: TopicUsageSample): boolean {
  if ((a.topicId ?? null) !== (b.topicId ?? null)) return false;
  const ends = logEndPointOf(a).logEndOffsets;
  const others = logEndPointOf(b).logEndOffsets;
  return (
    ends.length === others.length &&
    ends.every((end, index) => end === others[index])
  );
}

/** Inserts rows in chunks of {@link CHUNK}. */
export async function insertChunked(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx(table).insert(rows.slice(start, start + CHUNK));
  }
}

/** SQLite returns what it stored (epoch milliseconds), Postgres a Date. */
export function isoOf(value: unknown): string {
  return new Date(value as string | number | Date).toISOString();
}
