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
  PartitionLag,
  PreviousGroupLag,
  topicsNeedingHistory,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { insertChunked, isoOf, LogEndHistory } from './LogEndHistory';

const COLLECTIONS = 'specmesh_chargeback_collections';
const LAG = 'specmesh_chargeback_lag';
/**
 * How many earlier collections' log ends estimates read first, then (for the topics still
 * without an estimate) next, before the whole lookback.
 */
const RECENT_WINDOWS = [5, 60];
/**
 * How far back time estimates look for the log end at a group's offset: a group further
 * behind than this has a lag in messages and no estimate.
 */
export const LAG_ESTIMATE_LOOKBACK_HOURS = 24;

/** A group's lag at one collection. */
export interface LagPoint {
  at: string;
  lag: number;
  estimatedSeconds: number | null;
}

/** Group lags of the latest collections, and when the newest of them was collected. */
export interface LatestLags {
  collectedAt: string | null;
  groups: ConsumerGroupLag[];
}

/**
 * Consumer-group lag in the plugin's database, written in the transaction that stores a
 * chargeback collection and purged with the raw samples.
 */
export class LagStore {
  private readonly logEnds: LogEndHistory;

  constructor(private readonly knex: Knex) {
    this.logEnds = new LogEndHistory(knex);
  }

  /**
   * Stores the lag of every group of a collection, with time estimates from the stored
   * log end history of the topics, and the topics' log ends for later estimates (only
   * where they changed since `previousCollection`, see {@link LogEndHistory.record}).
   */
  async record(
    tx: Knex.Transaction,
    cluster: string,
    collectionId: number,
    collection: ChargebackCollection,
    previousCollection?: { id: number; collection: ChargebackCollection },
  ): Promise<number> {
    const read = new Set(collection.groups.map(g => g.topic));
    const topics = collection.topics.filter(t => read.has(t.topic));
    if (topics.length === 0) return 0;

    // First: a change after an unchanged stretch stores the stretch's end, which the
    // estimates below interpolate from.
    await this.logEnds.record(
      tx,
      cluster,
      { id: collectionId, collectedAt: collection.collectedAt, topics },
      previousCollection,
    );
    // Estimates carry over from the previous collection while a group stays put; only
    // the topics where one moved need the log end history.
    const previous = await this.previousLags(tx, cluster, collectionId);
    const lookup = (topic: string, groupId: string) =>
      previous.get(lagKey(topic, groupId));
    const since = new Date(
      Date.parse(collection.collectedAt) -
        LAG_ESTIMATE_LOOKBACK_HOURS * 3_600_000,
    );
    // The recent log ends first, wider windows only for the topics still without an
    // estimate: an estimate found in a window is the one the whole history gives (the
    // walk back stops at the newest point at or below the offset).
    const history = new Map<string, LogEndPoint[]>();
    let unresolved = topicsNeedingHistory(collection, lookup);
    let lags =
      unresolved.length === 0
        ? groupLags(collection, { previous: lookup })
        : [];
    for (const recent of [...RECENT_WINDOWS, undefined]) {
      if (unresolved.length === 0) break;
      const windowStart =
        recent && (await this.recentSince(tx, cluster, collectionId, recent));
      const from = windowStart && windowStart > since ? windowStart : since;
      const points = await this.logEnds.read(
        tx,
        cluster,
        unresolved,
        from,
        collectionId,
      );
      for (const [topic, topicPoints] of points)
        history.set(topic, topicPoints);
      lags = groupLags(collection, { history, previous: lookup });
      if (from === since) break;
      unresolved = topicsWithoutEstimate(lags, unresolved);
    }
    const collectedAt = new Date(collection.collectedAt);

    await insertChunked(
      tx,
      LAG,
      lags.map(lag => ({
        collection_id: collectionId,
        cluster,
        collected_at: collectedAt,
        topic: lag.topic,
        group_id: lag.groupId,
        consumer_app_id: lag.consumerAppId ?? '',
        owner_app_id: lag.ownerAppId,
        lag: lag.lag,
        estimated_seconds: lag.estimatedSeconds,
        partitions: JSON.stringify(lag.partitions),
      })),
    );
    return lags.length;
  }

  /** The lag of the groups reading the topics an app-id owns, at each cluster's latest collection. */
  async readersOf(appId: string, topic?: string): Promise<LatestLags> {
    return this.latest(query => {
      query.where('owner_app_id', appId);
      if (topic !== undefined) query.where('topic', topic);
    });
  }

  /** The topics an app-id owns in the latest collection of each cluster, sorted. */
  async topicsOf(appId: string): Promise<string[]> {
    const rows: Array<{ samples: string }> = await this.knex(COLLECTIONS)
      .whereIn('id', this.knex(COLLECTIONS).max('id').groupBy('cluster'))
      .select('samples');
    const topics = new Set<string>();
    for (const row of rows) {
      const collection: ChargebackCollection = JSON.parse(row.samples);
      for (const topic of collection.topics) {
        if (topic.ownerAppId === appId) topics.add(topic.topic);
      }
    }
    return [...topics].sort();
  }

  /** The consumer app-id of a group's latest stored lag on a topic; undefined when none is stored. */
  async consumerOf(
    topic: string,
    groupId: string,
  ): Promise<string | null | undefined> {
    const row = await this.knex(LAG)
      .where({ topic, group_id: groupId })
      .orderBy('collected_at', 'desc')
      .first('consumer_app_id');
    return row ? row.consumer_app_id || null : undefined;
  }

  /** The lag of the groups attributed to an app-id, at each cluster's latest collection. */
  async groupsOf(appId: string): Promise<LatestLags> {
    return this.latest(query => query.where('consumer_app_id', appId));
  }

  /** A group's lag on a topic at every stored collection since `since`, oldest first. */
  async history(
    topic: string,
    groupId: string,
    since: Date,
  ): Promise<LagPoint[]> {
    const rows = await this.knex(LAG)
      .where({ topic, group_id: groupId })
      .where('collected_at', '>=', since)
      .orderBy('collected_at')
      .select('collected_at', 'lag', 'estimated_seconds');
    return rows.map(row => ({
      at: isoOf(row.collected_at),
      lag: Number(row.lag),
      estimatedSeconds: numberOrNull(row.estimated_seconds),
    }));
  }

  /** Deletes lag and log end history collected before `before`. */
  async purge(before: Date): Promise<number> {
    await this.logEnds.purge(before);
    return this.knex(LAG).where('collected_at', '<', before).delete();
  }

  private async latest(
    filter: (query: Knex.QueryBuilder) => void,
  ): Promise<LatestLags> {
    const latest: Array<{ id: number; collected_at: unknown }> =
      await this.knex(COLLECTIONS)
        .whereIn('id', this.knex(COLLECTIONS).max('id').groupBy('cluster'))
        .select('id', 'collected_at');
    if (latest.length === 0) return { collectedAt: null, groups: [] };
    const query = this.knex(LAG).whereIn(
      'collection_id',
      latest.map(row => row.id),
    );
    filter(query);
    const rows: Array<Record<string, any>> = await query
      .orderBy(['topic', 'group_id'])
      .select();
    const collectedAt = latest
      .map(row => isoOf(row.collected_at))
      .sort()
      .pop()!;
    return { collectedAt, groups: rows.map(fromLagRecord) };
  }

  /** The group lags of the cluster's previous collection, by topic and group. */
  private async previousLags(
    tx: Knex.Transaction,
    cluster: string,
    collectionId: number,
  ): Promise<Map<string, PreviousGroupLag>> {
    const previous = await tx(COLLECTIONS)
      .where({ cluster })
      .where('id', '<', collectionId)
      .max({ id: 'id' })
      .first();
    const lags = new Map<string, PreviousGroupLag>();
    if (!previous?.id) return lags;
    const rows = await tx(LAG)
      .where('collection_id', previous.id)
      .select('topic', 'group_id', 'collected_at', 'partitions');
    for (const row of rows) {
      lags.set(lagKey(row.topic, row.group_id), {
        at: isoOf(row.collected_at),
        partitions: JSON.parse(row.partitions),
      });
    }
    return lags;
  }

  /**
   * When the cluster has at least `recent` earlier collections: the time of the oldest of
   * the last `recent`.
   */
  private async recentSince(
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

function lagKey(topic: string, groupId: string): string {
  return `${topic}\u0000${groupId}`;
}

function fromLagRecord(row: Record<string, any>): ConsumerGroupLag {
  return {
    groupId: row.group_id,
    consumerAppId: row.consumer_app_id || null,
    topic: row.topic,
    ownerAppId: row.owner_app_id,
    lag: Number(row.lag),
    estimatedSeconds: numberOrNull(row.estimated_seconds),
    partitions: JSON.parse(row.partitions) as PartitionLag[],
  };
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
