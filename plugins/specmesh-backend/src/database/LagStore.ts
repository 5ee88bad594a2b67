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
  PartitionLag,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { insertRows } from './insertRows';
import { estimatedLags, RECENT_WINDOWS } from './lagEstimates';
import { isoOf, LogEndHistory } from './LogEndHistory';
import { lookupIn, PreviousLags } from './PreviousLags';

const COLLECTIONS = 'specmesh_chargeback_collections';
const LAG = 'specmesh_chargeback_lag';
const LAG_COLUMNS = [
  'collection_id',
  'cluster',
  'collected_at',
  'topic',
  'group_id',
  'consumer_app_id',
  'owner_app_id',
  'lag',
  'estimated_seconds',
  'partitions',
];
/**
 * The log ends of the last collections the collecting process keeps, read before the
 * database: the widest history window, within about 10 MB per cluster.
 */
const IN_MEMORY = { collections: RECENT_WINDOWS[1], points: 100_000 };

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
  private readonly previousLags = new PreviousLags();

  constructor(private readonly knex: Knex) {
    this.logEnds = new LogEndHistory(knex, IN_MEMORY);
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
    const current = { id: collectionId, collectedAt: collection.collectedAt };
    if (topics.length === 0) {
      this.previousLags.remember(tx, cluster, current, []);
      return 0;
    }

    // First: a change after an unchanged stretch stores the stretch's end, which the
    // estimates below interpolate from.
    const recent = await this.logEnds.record(
      tx,
      cluster,
      { id: collectionId, collectedAt: collection.collectedAt, topics },
      previousCollection,
    );
    // Estimates carry over from the previous collection while a group stays put; only
    // the topics where one moved need the log end history.
    const lookup = lookupIn(
      await this.previousLags.of(
        tx,
        cluster,
        previousCollection && {
          id: previousCollection.id,
          collectedAt: previousCollection.collection.collectedAt,
        },
      ),
    );
    const lags = await estimatedLags(tx, this.logEnds, {
      cluster,
      collectionId,
      collection,
      previous: lookup,
      recent,
    });
    const collectedAt = new Date(collection.collectedAt);

    await insertRows(
      tx,
      LAG,
      LAG_COLUMNS,
      lags.map(lag => [
        collectionId,
        cluster,
        collectedAt,
        lag.topic,
        lag.groupId,
        lag.consumerAppId ?? '',
        lag.ownerAppId,
        lag.lag,
        lag.estimatedSeconds,
        JSON.stringify(lag.partitions),
      ]),
    );
    this.previousLags.remember(tx, cluster, current, lags);
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
