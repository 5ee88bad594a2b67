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
  LogEndPoint,
  ownerPrefixOfTopic,
} from '@meshport/plugin-specmesh-common';

/**
 * The table of the log end history: one row per collection and owner prefix, holding the
 * points of that owner's topics stored with the collection. A read of one topic's history
 * reads its owner's rows only; a cycle where every topic moved inserts one row per owner
 * rather than one per topic (each a random insert into the history's index).
 */
export const LOG_END_SETS = 'specmesh_chargeback_log_end_sets';
export const LOG_END_SET_COLUMNS = [
  'collection_id',
  'stored_with',
  'cluster',
  'collected_at',
  'owner_prefix',
  'log_ends',
];

/** A topic's point as its row's `log_ends` JSON holds it (the time is the row's). */
interface StoredLogEnds {
  topicId?: string;
  logEndOffsets: ReadonlyArray<number | null>;
}

/** A row of {@link LOG_END_SETS} as the database returns it. */
export interface LogEndSetRecord {
  collected_at: unknown;
  log_ends: string;
}

/** The rows a topic's history is kept in: its owner prefix (RULES §2), else its name. */
export function logEndSetOf(topic: string): string {
  return ownerPrefixOfTopic(topic) ?? topic;
}

/**
 * The rows holding points of the collection `collection` (all at its time), stored while
 * storing the collection `storedWith`: one per owner prefix.
 */
export function logEndSetRows(
  collection: { id: number; collectedAt: string },
  storedWith: number,
  cluster: string,
  points: ReadonlyMap<string, LogEndPoint>,
): unknown[][] {
  const bySet = new Map<string, Record<string, StoredLogEnds>>();
  for (const [topic, point] of points) {
    const set = logEndSetOf(topic);
    let logEnds = bySet.get(set);
    if (!logEnds) {
      // No prototype: any topic name is an own key, `__proto__` included.
      logEnds = Object.create(null) as Record<string, StoredLogEnds>;
      bySet.set(set, logEnds);
    }
    logEnds[topic] = point.topicId
      ? { topicId: point.topicId, logEndOffsets: point.logEndOffsets }
      : { logEndOffsets: point.logEndOffsets };
  }
  const at = new Date(collection.collectedAt);
  return [...bySet].map(([set, logEnds]) => [
    collection.id,
    storedWith,
    cluster,
    at,
    set,
    JSON.stringify(logEnds),
  ]);
}

/** The topics a row holds points of. */
export function topicsOfRecord(record: Pick<LogEndSetRecord, 'log_ends'>) {
  return Object.keys(JSON.parse(record.log_ends));
}

/** The row's points of the topics `wanted` holds, at `at` (the row's time as ISO). */
export function pointsOfRecord(
  record: LogEndSetRecord,
  at: string,
  wanted: ReadonlySet<string>,
): Array<[string, LogEndPoint]> {
  const logEnds: Record<string, StoredLogEnds> = JSON.parse(record.log_ends);
  const points: Array<[string, LogEndPoint]> = [];
  for (const [topic, stored] of Object.entries(logEnds)) {
    if (!wanted.has(topic)) continue;
    points.push([
      topic,
      {
        at,
        ...(stored.topicId ? { topicId: stored.topicId } : {}),
        logEndOffsets: stored.logEndOffsets,
      },
    ]);
  }
  return points;
}
