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
  ChargebackCategory,
  ChargebackLine,
  DayRange,
  EntityChargeback,
} from '../../api';

/** The categories of a bill, in the order the chart stacks them. */
export const COST_CATEGORIES: ChargebackCategory[] = [
  'storage',
  'partitions',
  'production',
  'consumption',
];

const DAY_MS = 24 * 60 * 60 * 1000;

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The last `days` UTC days up to and including `today`. */
export function lastDays(days: number, today: Date): Required<DayRange> {
  const to = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate(),
  );
  return { from: isoDay(to - (days - 1) * DAY_MS), to: isoDay(to) };
}

/** The range of the same length just before `range`. */
export function previousRange(range: Required<DayRange>): Required<DayRange> {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  return {
    from: isoDay(from - (to - from) - DAY_MS),
    to: isoDay(from - DAY_MS),
  };
}

/** The report's currency; a mesh bills in one. */
export function currencyOf(report: EntityChargeback): string {
  return report.totals[0]?.currency ?? report.byDay[0]?.currency ?? 'USD';
}

/** What the data product pays in the report's currency. */
export function totalOf(report: EntityChargeback): number {
  const currency = currencyOf(report);
  return report.totals
    .filter(total => total.currency === currency)
    .reduce((sum, total) => sum + total.amount, 0);
}

export type DailyCost = { day: string } & Record<ChargebackCategory, number>;

/** One entry per day of the report, every category present, days without cost as zeros. */
export function dailyCosts(report: EntityChargeback): DailyCost[] {
  const days = new Map<string, DailyCost>();
  const from = Date.parse(`${report.from}T00:00:00Z`);
  const to = Date.parse(`${report.to}T00:00:00Z`);
  for (let time = from; time <= to; time += DAY_MS) {
    const day = isoDay(time);
    days.set(day, {
      day,
      storage: 0,
      partitions: 0,
      production: 0,
      consumption: 0,
    });
  }
  for (const entry of report.byDay) {
    const row = days.get(entry.day);
    if (row) {
      row[entry.category] += entry.amount;
    }
  }
  return [...days.values()];
}

export type TopicCost = { topic: string; total: number } & Record<
  ChargebackCategory,
  number
>;

/** What each of the data product's own topics costs it, largest first. */
export function costByTopic(report: EntityChargeback): TopicCost[] {
  const topics = new Map<string, TopicCost>();
  for (const line of report.paid) {
    if (line.ownerAppId !== report.appId) {
      continue;
    }
    const row = topics.get(line.topic) ?? {
      topic: line.topic,
      total: 0,
      storage: 0,
      partitions: 0,
      production: 0,
      consumption: 0,
    };
    row[line.category] += line.amount;
    row.total += line.amount;
    topics.set(line.topic, row);
  }
  return [...topics.values()].sort((a, b) => b.total - a.total);
}

/** One party's consumption of some topics: who, which topics, how much and at what cost. */
export interface Consumption {
  /** The paying app-id, or a description of an unattributed consumer group. */
  party: string;
  topics: string[];
  bytes: number;
  amount: number;
}

/** Consumption lines summed per party, largest cost first. */
export function groupConsumption(
  lines: readonly ChargebackLine[],
  partyOf: (line: ChargebackLine) => string,
): Consumption[] {
  const parties = new Map<string, Consumption>();
  for (const line of lines) {
    const party = partyOf(line);
    const row = parties.get(party) ?? {
      party,
      topics: [],
      bytes: 0,
      amount: 0,
    };
    if (!row.topics.includes(line.topic)) {
      row.topics.push(line.topic);
    }
    row.bytes += line.bytes;
    row.amount += line.amount;
    parties.set(party, row);
  }
  return [...parties.values()].sort((a, b) => b.amount - a.amount);
}

/** Who consumes this data product's topics and what they pay, largest first. */
export function consumersOf(report: EntityChargeback): Consumption[] {
  return groupConsumption(
    report.consumers,
    line =>
      line.payerAppId ?? `unattributed group ${line.groupId ?? '(unknown)'}`,
  );
}

/** What this data product pays to consume others' topics, by owner, largest first. */
export function paidToOthers(report: EntityChargeback): Consumption[] {
  return groupConsumption(
    report.paid.filter(line => line.ownerAppId !== report.appId),
    line => line.ownerAppId,
  );
}
