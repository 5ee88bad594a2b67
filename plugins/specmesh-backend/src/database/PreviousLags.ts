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
import type {
  ConsumerGroupLag,
  PreviousGroupLag,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { GROUP_LAG, GroupLagRecord, lagsOfRecord } from './groupLagRows';
import { CollectionRef, LastStored } from './LastStored';
import { isoOf } from './LogEndHistory';

/** Group lags of one collection, by topic then group. */
export type LagsByTopic = Map<string, Map<string, PreviousGroupLag>>;

/**
 * Each group's lag at a cluster's previous collection, which time estimates carry over
 * from: kept in memory by the process that stored them, else read back from the
 * database (see {@link LastStored}). Either way the same lags.
 */
export class PreviousLags {
  private readonly last = new LastStored<LagsByTopic>();

  /** The lags stored with `previous`, the cluster's collection before the one being stored. */
  async of(
    tx: Knex.Transaction,
    cluster: string,
    previous: CollectionRef | undefined,
  ): Promise<LagsByTopic> {
    if (!previous) return new Map();
    return (
      this.last.get(cluster, previous) ??
      (await PreviousLags.read(tx, previous))
    );
  }

  /** Keeps the lags stored with a collection as the cluster's latest once `tx` commits. */
  remember(
    tx: Knex.Transaction,
    cluster: string,
    collection: CollectionRef,
    lags: ReadonlyArray<ConsumerGroupLag>,
  ): void {
    this.last.keep(tx, cluster, collection, () => {
      const at = isoOf(collection.collectedAt);
      const byTopic: LagsByTopic = new Map();
      for (const lag of lags) {
        add(byTopic, lag.topic, lag.groupId, {
          at,
          partitions: lag.partitions,
        });
      }
      return byTopic;
    });
  }

  /** The lags stored with a collection, from the database. */
  static async read(
    db: Knex | Knex.Transaction,
    collection: CollectionRef,
  ): Promise<LagsByTopic> {
    const rows: Array<GroupLagRecord & { collected_at: unknown }> = await db(
      GROUP_LAG,
    )
      .where('collection_id', collection.id)
      .select('group_id', 'consumer_app_id', 'collected_at', 'topics');
    const byTopic: LagsByTopic = new Map();
    for (const row of rows) {
      const at = isoOf(row.collected_at);
      for (const lag of lagsOfRecord(row)) {
        add(byTopic, lag.topic, lag.groupId, {
          at,
          partitions: lag.partitions,
        });
      }
    }
    return byTopic;
  }
}

/** The lookup lag computations take. */
export function lookupIn(
  lags: LagsByTopic,
): (topic: string, groupId: string) => PreviousGroupLag | undefined {
  return (topic, groupId) => lags.get(topic)?.get(groupId);
}

function add(
  byTopic: LagsByTopic,
  topic: string,
  groupId: string,
  lag: PreviousGroupLag,
): void {
  let groups = byTopic.get(topic);
  if (!groups) {
    groups = new Map();
    byTopic.set(topic, groups);
  }
  groups.set(groupId, lag);
}
