/*
 * Copyright 2025 The Meshport Authors
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
  costOfUsage,
  PriceList,
  usageBetween,
} from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { DailyCostRow, dailyRollups } from '../chargeback/dailyRollups';
import { addUp } from './addUp';
import { LagStore } from './LagStore';
import {
  PAYER_ADDED_UP,
  PAYER_DAILY,
  PAYER_DAILY_KEY,
  payerTotalsQuery,
  PERIODS_TABLE,
  periodRecords,
  purgePeriodsBefore,
} from './payerPeriods';

const COLLECTIONS = 'specmesh_chargeback_collections';
const INTERVALS = 'specmesh_chargeback_intervals';
const DAILY = 'specmesh_chargeback_daily';
const DAILY_KEY = [
  'day',
  'cluster',
  'topic',
  'category',
  'payer_app_id',
  'group_id',
  'currency',
];
const ADDED_UP = ['quantity', 'amount', 'bytes', 'records'];

/** A filter on the daily rollups; days inclusive, `YYYY-MM-DD`. */
export interface DailyRowFilter {
  from: string;
  to: string;
  /** Rows these app-ids own or pay for. */
  appIds?: string[];
  topic?: string;
}

/** A payer's total per category over a date range. */
export interface PayerTotal {
  payerAppId: string | null;
  category: DailyCostRow['category'];
  currency: string;
  unit: DailyCostRow['unit'];
  quantity: number;
  amount: number;
  bytes: number;
}

/** What an unattributed consumer group read over a date range. */
export interface UnattributedGroupTotal {
  groupId: string;
  topic: string;
  ownerAppId: string;
  currency: string;
  bytes: number;
  records: number;
  amount: number;
}

/**
 * Chargeback in the plugin's database: the raw samples of every collection and the
 * daily rollups of the usage between consecutive collections.
 *
 * Restart-safe: a collection, the interval from the one before it and that interval's
 * rollups are written in one transaction, so a crash keeps either all or none of them
 * (and the next collection then covers the gap). Each collection begins at most one
 * counted interval (a primary key), so nothing is counted twice, even when two
 * replicas collect at once.
 */
export class ChargebackStore {
  /** Consumer-group lag, stored with each collection and purged with the raw samples. */
  readonly lag: LagStore;

  constructor(private readonly knex: Knex) {
    this.lag = new LagStore(knex);
  }

  /**
   * Stores a collection of a cluster and adds the usage since the cluster's previous
   * collection, priced, to the daily rollups. Returns how many daily rows it added to.
   */
  async recordCollection(
    cluster: string,
    collection: ChargebackCollection,
    prices: PriceList,
  ): Promise<{ collectionId: number; rollupRows: number }> {
    return this.knex.transaction(async tx => {
      const previousRow = await tx(COLLECTIONS)
        .where({ cluster })
        .orderBy('id', 'desc')
        .first(['id', 'samples']);
      const [inserted] = await tx(COLLECTIONS).insert(
        {
          cluster,
          collected_at: new Date(collection.collectedAt),
          samples: JSON.stringify(collection),
        },
        ['id'],
      );
      const collectionId = Number(
        typeof inserted === 'object' ? inserted.id : inserted,
      );
      const previous: ChargebackCollection | undefined = previousRow
        ? JSON.parse(previousRow.samples)
        : undefined;
      await this.lag.record(
        tx,
        cluster,
        collectionId,
        collection,
        previousRow && previous
          ? { id: Number(previousRow.id), collection: previous }
          : undefined,
      );
      if (!previousRow || !previous) return { collectionId, rollupRows: 0 };

      const usage = usageBetween(previous, collection);
      const rows = dailyRollups(cluster, usage, costOfUsage(usage, prices));
      await tx(INTERVALS).insert({
        cluster,
        from_collection_id: previousRow.id,
        to_collection_id: collectionId,
        from_at: new Date(usage.from),
        to_at: new Date(usage.to),
      });
      await addUp(tx, DAILY, DAILY_KEY, ADDED_UP, rows.map(toDailyRecord));
      const payerDaily = payerDailyRecords(rows);
      await addUp(tx, PAYER_DAILY, PAYER_DAILY_KEY, PAYER_ADDED_UP, payerDaily);
      const { table, key, addedUp } = PERIODS_TABLE;
      await addUp(tx, table, key, addedUp, periodRecords(payerDaily));
      return { collectionId, rollupRows: rows.length };
    });
  }

  /**
   * Deletes raw samples collected before `samplesBefore` (the latest collection of each
   * cluster is kept: the next interval starts there) and rollups of days before
   * `rollupsBefore`.
   */
  async purge(options: {
    samplesBefore: Date;
    rollupsBefore: string;
  }): Promise<{ collections: number; rollups: number }> {
    const latest = this.knex(COLLECTIONS).max('id').groupBy('cluster');
    const collections = await this.knex(COLLECTIONS)
      .where('collected_at', '<', options.samplesBefore)
      .whereNotIn('id', latest)
      .delete();
    await this.knex(INTERVALS)
      .where('to_at', '<', options.samplesBefore)
      .delete();
    await this.lag.purge(options.samplesBefore);
    const rollups = await this.knex(DAILY)
      .where('day', '<', options.rollupsBefore)
      .delete();
    // The periods straddling the cut are added up again from the days left: once a
    // day, when the cut moves past days still stored.
    await this.knex.transaction(async tx => {
      const payerDays = await tx(PAYER_DAILY)
        .where('day', '<', options.rollupsBefore)
        .delete();
      if (payerDays > 0) await purgePeriodsBefore(tx, options.rollupsBefore);
    });
    return { collections, rollups };
  }

  /** The latest stored collection of a cluster. */
  async latestCollection(
    cluster: string,
  ): Promise<ChargebackCollection | undefined> {
    const row = await this.knex(COLLECTIONS)
      .where({ cluster })
      .orderBy('id', 'desc')
      .first('samples');
    return row ? JSON.parse(row.samples) : undefined;
  }

  /** How many raw collections are stored, per cluster. */
  async collectionCount(cluster: string): Promise<number> {
    const [{ count }] = await this.knex(COLLECTIONS)
      .where({ cluster })
      .count({ count: '*' });
    return Number(count);
  }

  /** Daily rows of a date range, by day, topic, category, payer and group. */
  async dailyRows(filter: DailyRowFilter): Promise<DailyCostRow[]> {
    const query = this.knex(DAILY)
      .whereBetween('day', [filter.from, filter.to])
      .orderBy(['day', 'topic', 'category', 'payer_app_id', 'group_id']);
    if (filter.topic !== undefined) query.where('topic', filter.topic);
    if (filter.appIds) {
      const appIds = filter.appIds;
      query.where(inner =>
        inner.whereIn('owner_app_id', appIds).orWhereIn('payer_app_id', appIds),
      );
    }
    return (await query).map(fromDailyRecord);
  }

  /**
   * Every payer's total per category over a date range: whole months and dekads from
   * the period rollup, the days at the range's edges from the per-day one.
   */
  async totalsByPayer(from: string, to: string): Promise<PayerTotal[]> {
    const rows: Array<Record<string, any>> = await payerTotalsQuery(
      this.knex,
      from,
      to,
    );
    return rows.map(row => ({
      payerAppId: row.payer_app_id || null,
      category: row.category,
      currency: row.currency,
      unit: row.unit,
      quantity: Number(row.quantity),
      amount: Number(row.amount),
      bytes: Number(row.bytes),
    }));
  }

  /** The consumer groups no app-id pays for, over a date range. */
  async unattributedGroups(
    from: string,
    to: string,
  ): Promise<UnattributedGroupTotal[]> {
    const rows: Array<Record<string, any>> = await this.knex(DAILY)
      .whereBetween('day', [from, to])
      .where('payer_app_id', '')
      .where('category', 'consumption')
      .groupBy(['group_id', 'topic', 'owner_app_id', 'currency'])
      .orderBy(['group_id', 'topic'])
      .select('group_id', 'topic', 'owner_app_id', 'currency')
      .sum({ bytes: 'bytes', records: 'records', amount: 'amount' });
    return rows.map(row => ({
      groupId: row.group_id,
      topic: row.topic,
      ownerAppId: row.owner_app_id,
      currency: row.currency,
      bytes: Number(row.bytes),
      records: Number(row.records),
      amount: Number(row.amount),
    }));
  }
}

/** The daily rows of one interval, added up per day, payer and category. */
function payerDailyRecords(rows: DailyCostRow[]) {
  const sums = new Map<string, Record<string, string | number>>();
  for (const row of rows) {
    const record = toDailyRecord(row);
    const id = PAYER_DAILY_KEY.map(column => record[column]).join('\u0000');
    const sum = sums.get(id) ?? {
      ...Object.fromEntries(PAYER_DAILY_KEY.map(c => [c, record[c]])),
      quantity: 0,
      amount: 0,
      bytes: 0,
    };
    for (const column of PAYER_ADDED_UP) {
      (sum[column] as number) += record[column] as number;
    }
    sums.set(id, sum);
  }
  return [...sums.values()];
}

// Unique keys treat NULLs as distinct, so "none" is stored as the empty string.
function toDailyRecord(row: DailyCostRow): Record<string, string | number> {
  return {
    day: row.day,
    cluster: row.cluster,
    topic: row.topic,
    category: row.category,
    payer_app_id: row.payerAppId ?? '',
    group_id: row.groupId ?? '',
    owner_app_id: row.ownerAppId,
    currency: row.currency,
    unit: row.unit,
    quantity: row.quantity,
    amount: row.amount,
    bytes: row.bytes,
    records: row.records,
  };
}

function fromDailyRecord(record: Record<string, any>): DailyCostRow {
  return {
    day: record.day,
    cluster: record.cluster,
    topic: record.topic,
    category: record.category,
    payerAppId: record.payer_app_id || null,
    groupId: record.group_id || null,
    ownerAppId: record.owner_app_id,
    currency: record.currency,
    unit: record.unit,
    quantity: Number(record.quantity),
    amount: Number(record.amount),
    bytes: Number(record.bytes),
    records: Number(record.records),
  };
}
