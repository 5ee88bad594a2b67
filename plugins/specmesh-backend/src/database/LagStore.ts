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
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import {
  GROUP_LAG,
  GROUP_LAG_COLUMNS,
  GroupLagRecord,
  groupLagRows,
  lagsOfRecord,
} from './groupLagRows';
import { insertRows } from './insertRows';
import { estimatedLags, RECENT_WINDOWS } from './lagEstimates';
import { isoOf, LogEndHistory } from './LogEndHistory';
import { lookupIn, PreviousLags } from './PreviousLags';

const COLLECTIONS = 'specmesh_chargeback_collections';
/** Rows per read when looking back through a group's history. */
const HISTORY_PAGE = 100;
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
    await insertRows(
      tx,
      GROUP_LAG,
      GROUP_LAG_COLUMNS,
      groupLagRows(
        [collectionId, cluster, new Date(collection.collectedAt)],
        lags,
      ),
    );
    this.previousLags.remember(tx, cluster, current, lags);
    return lags.length;
  }

  /** The lag of the groups reading the topics an app-id owns, at each cluster's latest collection. */
  async readersOf(appId: string, topic?: string): Promise<LatestLags> {
    return this.latest(
      () => {},
      lag =>
        lag.ownerAppId === appId &&
        (topic === undefined || lag.topic === topic),
    );
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
    // Newest first, a page at a time: usually the latest row has the topic.
    for (let offset = 0; ; offset += HISTORY_PAGE) {
      const rows: GroupLagRecord[] = await this.knex(GROUP_LAG)
        .where('group_id', groupId)
        .orderBy('collected_at', 'desc')
        .offset(offset)
        .limit(HISTORY_PAGE)
        .select('group_id', 'consumer_app_id', 'topics');
      for (const row of rows) {
        const [lag] = lagsOfRecord(row, stored => stored.topic === topic);
        if (lag) return lag.consumerAppId;
      }
      if (rows.length < HISTORY_PAGE) return undefined;
    }
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
    const rows: Array<GroupLagRecord & { collected_at: unknown }> =
      await this.knex(GROUP_LAG)
        .where('group_id', groupId)
        .where('collected_at', '>=', since)
        .orderBy('collected_at')
        .select('group_id', 'consumer_app_id', 'collected_at', 'topics');
    const points: LagPoint[] = [];
    for (const row of rows) {
      for (const lag of lagsOfRecord(row, stored => stored.topic === topic)) {
        points.push({
          at: isoOf(row.collected_at),
          lag: lag.lag,
          estimatedSeconds: lag.estimatedSeconds,
        });
      }
    }
    return points;
  }

  /** Deletes lag and log end history collected before `before`. */
  async purge(before: Date): Promise<number> {
    await this.logEnds.purge(before);
    return this.knex(GROUP_LAG).where('collected_at', '<', before).delete();
  }

  /**
   * The lags of each cluster's latest collection on the rows `where` selects, the
   * ones `keep` accepts, by topic and group.
   */
  private async latest(
    where: (query: Knex.QueryBuilder) => void,
    keep?: (lag: ConsumerGroupLag) => boolean,
  ): Promise<LatestLags> {
    const latest: Array<{ id: number; collected_at: unknown }> =
      await this.knex(COLLECTIONS)
        .whereIn('id', this.knex(COLLECTIONS).max('id').groupBy('cluster'))
        .select('id', 'collected_at');
    if (latest.length === 0) return { collectedAt: null, groups: [] };
    const query = this.knex(GROUP_LAG).whereIn(
      'collection_id',
      latest.map(row => row.id),
    );
    where(query);
    const rows: GroupLagRecord[] = await query.select(
      'group_id',
      'consumer_app_id',
      'topics',
    );
    const groups = rows
      .flatMap(row => lagsOfRecord(row))
      .filter(lag => !keep || keep(lag))
      .sort(
        (a, b) =>
          compareCodeUnits(a.topic, b.topic) ||
          compareCodeUnits(a.groupId, b.groupId),
      );
    const collectedAt = latest
      .map(row => isoOf(row.collected_at))
      .sort()
      .pop()!;
    return { collectedAt, groups };
  }
}

/** The order of a database's `order by` on ASCII names. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
