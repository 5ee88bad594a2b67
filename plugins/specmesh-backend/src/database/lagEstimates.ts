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
  ConsumerGroupLag,
  groupLags,
  LogEndPoint,
  PreviousGroupLag,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { isoOf, LogEndHistory } from './LogEndHistory';
import type { RecentPoints } from './RecentLogEnds';

const COLLECTIONS = 'specmesh_chargeback_collections';
/**
 * How many earlier collections' log ends estimates read first, then (for the topics still
 * without an estimate) next, before the whole lookback.
 */
export const RECENT_WINDOWS = [5, 60];
/**
 * How far back time estimates look for the log end at a group's offset: a group further
 * behind than this has a lag in messages and no estimate.
 */
export const LAG_ESTIMATE_LOOKBACK_HOURS = 24;

/**
 * The lag of every group of a collection, with time estimates carried over from the
 * previous collection where a group stayed put, else from the log end history: the
 * points this process holds in memory (`recent`) first, then wider windows of the stored
 * history, each only for the topics still without an estimate.
 */
export async function estimatedLags(
  tx: Knex.Transaction,
  logEnds: LogEndHistory,
  options: {
    cluster: string;
    collectionId: number;
    collection: ChargebackCollection;
    previous: (topic: string, groupId: string) => PreviousGroupLag | undefined;
    recent: RecentPoints | undefined;
  },
): Promise<ConsumerGroupLag[]> {
  const { cluster, collectionId, collection, recent } = options;
  const lookup = options.previous;
  const since = new Date(
    Date.parse(collection.collectedAt) -
      LAG_ESTIMATE_LOOKBACK_HOURS * 3_600_000,
  );
  // The recent log ends first, wider windows only for the topics still without an
  // estimate: an estimate found in a window is the one the whole history gives (the
  // walk back stops at the newest point at or below the offset).
  const history = new Map<string, ReadonlyArray<LogEndPoint>>();
  // The recent windows are usually what this process stored: no need to read them.
  const fromRecent =
    recent &&
    (recent.collections >= RECENT_WINDOWS[0] || recent.reachesBack(since))
      ? recent
      : undefined;
  // One pass asks for history only the topics that cannot carry their estimates over.
  const asked: string[] = [];
  let lags = groupLags(collection, {
    previous: lookup,
    history: {
      get(topic: string) {
        asked.push(topic);
        const points = fromRecent?.pointsOf(topic, since);
        if (points) history.set(topic, points);
        return points;
      },
    },
  });
  let unresolved = fromRecent?.reachesBack(since)
    ? []
    : topicsWithoutEstimate(lags, asked);
  const windows = [...RECENT_WINDOWS, undefined].filter(
    w => !fromRecent || w === undefined || w > fromRecent.collections,
  );
  for (const window of windows) {
    if (unresolved.length === 0) break;
    const windowStart =
      window && (await recentSince(tx, cluster, collectionId, window));
    const from = windowStart && windowStart > since ? windowStart : since;
    const points = await logEnds.read(
      tx,
      cluster,
      unresolved,
      from,
      collectionId,
    );
    for (const [topic, topicPoints] of points) history.set(topic, topicPoints);
    lags = groupLags(collection, { history, previous: lookup });
    if (from === since) break;
    unresolved = topicsWithoutEstimate(lags, unresolved);
  }
  return lags;
}

/**
 * When the cluster has at least `recent` earlier collections: the time of the oldest of
 * the last `recent`.
 */
async function recentSince(
  tx: Knex.Transaction,
  cluster: string,
  collectionId: number,
  recent: number,
): Promise<Date | undefined> {
  const row = await tx(COLLECTIONS)
    .where({ cluster })
    .where('id', '<', collectionId)
    .orderBy('id', 'desc')
    .offset(recent - 1)
    .first('collected_at');
  return row ? new Date(isoOf(row.collected_at)) : undefined;
}

/** The topics of `among` where a lagging partition has no estimate. */
function topicsWithoutEstimate(
  lags: ConsumerGroupLag[],
  among: string[],
): string[] {
  const topics = new Set(among);
  const without = new Set<string>();
  for (const lag of lags) {
    if (
      topics.has(lag.topic) &&
      lag.partitions.some(p => p.lag > 0 && p.estimatedSeconds === null)
    ) {
      without.add(lag.topic);
    }
  }
  return [...without];
}
