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

/*
 * The payer rollup per period: the per-day payer rollup added up per calendar month
 * and per dekad (days 1–10, 11–20, 21–end of a month). A date range is read as its
 * whole months, then whole dekads, then single days at its edges, so a 90-day range
 * reads at most 3 months, 4 dekads and 18 days per payer instead of 90 days.
 */

import type { Knex } from 'knex';

/** The per-day payer rollup and its sums per period. */
export const PAYER_DAILY = 'specmesh_chargeback_payer_daily';
export const PAYER_PERIODS = 'specmesh_chargeback_payer_periods';
export const PAYER_DAILY_KEY = [
  'day',
  'payer_app_id',
  'category',
  'currency',
  'unit',
];
const PAYER_PERIODS_KEY = [
  'kind',
  'first_day',
  'payer_app_id',
  'category',
  'currency',
  'unit',
];
export const PAYER_ADDED_UP = ['quantity', 'amount', 'bytes'];
const PAYER_COLUMNS = ['payer_app_id', 'category', 'currency', 'unit'];

/** A period of the payer rollup: a calendar month or a dekad, named by its first day. */
export type PeriodKind = 'month' | 'dekad';

/** How a date range (inclusive, `YYYY-MM-DD`) splits into periods and single days. */
export interface RangeCover {
  /** First days of the whole months in the range. */
  months: string[];
  /** First days of the whole dekads in the range, outside those months. */
  dekads: string[];
  /** Inclusive runs of days outside those months and dekads. */
  days: Array<[string, string]>;
}

const MILLISECONDS_PER_DAY = 86_400_000;

function dayAfter(day: string): string {
  return new Date(Date.parse(day) + MILLISECONDS_PER_DAY)
    .toISOString()
    .slice(0, 10);
}

function lastDayOfMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The first day of the month and of the dekad a day falls in. */
export function periodsOf(day: string): Record<PeriodKind, string> {
  const date = Number(day.slice(8, 10));
  let dekad = '21';
  if (date <= 10) dekad = '01';
  else if (date <= 20) dekad = '11';
  return { month: `${day.slice(0, 8)}01`, dekad: `${day.slice(0, 8)}${dekad}` };
}

function dekadEnd(firstDay: string): string {
  const date = firstDay.slice(8, 10);
  if (date === '21') return lastDayOfMonth(firstDay);
  return `${firstDay.slice(0, 8)}${date === '01' ? '10' : '20'}`;
}

/** Splits a date range into whole months, whole dekads and the days left over. */
export function coverOf(from: string, to: string): RangeCover {
  const cover: RangeCover = { months: [], dekads: [], days: [] };
  // A day past its month's end ('2025-02-30') compares, as the stored days do, as
  // just before the next month.
  let day = from > lastDayOfMonth(from) ? dayAfter(lastDayOfMonth(from)) : from;
  while (day <= to) {
    const { month, dekad } = periodsOf(day);
    const monthEnd = lastDayOfMonth(day);
    const dekadLast = dekadEnd(dekad);
    if (day === month && monthEnd <= to) {
      cover.months.push(day);
      day = dayAfter(monthEnd);
    } else if (day === dekad && dekadLast <= to) {
      cover.dekads.push(day);
      day = dayAfter(dekadLast);
    } else {
      const run = cover.days[cover.days.length - 1];
      if (run && dayAfter(run[1]) === day) run[1] = day;
      else cover.days.push([day, day]);
      day = dayAfter(day);
    }
  }
  return cover;
}

/** The per-day payer records of one interval, added up per month and dekad. */
export function periodRecords(
  payerDaily: Array<Record<string, string | number>>,
): Array<Record<string, string | number>> {
  const sums = new Map<string, Record<string, string | number>>();
  for (const record of payerDaily) {
    const periods = periodsOf(String(record.day));
    for (const kind of ['month', 'dekad'] as const) {
      const sum: Record<string, string | number> = {
        kind,
        first_day: periods[kind],
        ...Object.fromEntries(PAYER_COLUMNS.map(c => [c, record[c]])),
      };
      const id = PAYER_PERIODS_KEY.map(column => sum[column]).join('\u0000');
      const existing = sums.get(id) ?? {
        ...sum,
        quantity: 0,
        amount: 0,
        bytes: 0,
      };
      for (const column of PAYER_ADDED_UP) {
        (existing[column] as number) += record[column] as number;
      }
      sums.set(id, existing);
    }
  }
  return [...sums.values()];
}

/** Upserts that sum, keyed as the period rollup is. */
export const PERIODS_TABLE = {
  table: PAYER_PERIODS,
  key: PAYER_PERIODS_KEY,
  addedUp: PAYER_ADDED_UP,
};

/**
 * Every payer's sums per category over a date range, in one grouped query: the whole
 * months and dekads from the period rollup, the days at the edges from the per-day one.
 */
export function payerTotalsQuery(
  knex: Knex,
  from: string,
  to: string,
): Knex.QueryBuilder {
  const cover = coverOf(from, to);
  const parts: Knex.QueryBuilder[] = [];
  const columns = [...PAYER_COLUMNS, ...PAYER_ADDED_UP];
  if (cover.days.length > 0) {
    parts.push(
      knex(PAYER_DAILY)
        .select(columns)
        .where(inner => {
          for (const [first, last] of cover.days) {
            inner.orWhereBetween('day', [first, last]);
          }
        }),
    );
  }
  for (const kind of ['month', 'dekad'] as const) {
    const firstDays = kind === 'month' ? cover.months : cover.dekads;
    if (firstDays.length > 0) {
      parts.push(
        knex(PAYER_PERIODS)
          .select(columns)
          .where('kind', kind)
          .whereIn('first_day', firstDays),
      );
    }
  }
  // Without parentheses around each part: SQLite does not take them.
  const rows =
    parts.length > 0
      ? parts[0].unionAll(parts.slice(1))
      : knex(PAYER_DAILY).select(columns).whereRaw('1 = 0');
  return knex
    .from(rows.as('rows'))
    .groupBy(PAYER_COLUMNS)
    .orderBy(['payer_app_id', 'category'])
    .select(PAYER_COLUMNS)
    .sum({ quantity: 'quantity', amount: 'amount', bytes: 'bytes' });
}

/**
 * Drops the periods that begin before `day` (the per-day rows before it are purged)
 * and adds up again, from the per-day rows left, the month and dekad `day` falls in.
 */
export async function purgePeriodsBefore(
  tx: Knex.Transaction,
  day: string,
): Promise<void> {
  await tx(PAYER_PERIODS).where('first_day', '<', day).delete();
  const periods = periodsOf(day);
  for (const kind of ['month', 'dekad'] as const) {
    const firstDay = periods[kind];
    if (firstDay >= day) continue;
    const last = kind === 'month' ? lastDayOfMonth(day) : dekadEnd(firstDay);
    // kind is one of two constants of this file, never input.
    await tx.raw(
      `INSERT INTO ${PAYER_PERIODS}
         (kind, first_day, payer_app_id, category, currency, unit,
          quantity, amount, bytes)
       SELECT '${kind}', ?, payer_app_id, category, currency, unit,
              SUM(quantity), SUM(amount), SUM(bytes)
       FROM ${PAYER_DAILY}
       WHERE day BETWEEN ? AND ?
       GROUP BY payer_app_id, category, currency, unit`,
      [firstDay, day, last],
    );
  }
}
