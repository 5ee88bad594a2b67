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
import type {
  CostCategory,
  CostLine,
  IntervalCost,
  IntervalUsage,
} from '@meshport/plugin-specmesh-common';

/**
 * One cost line of one UTC day: the unit the daily rollups add up.
 */
export interface DailyCostRow {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  cluster: string;
  topic: string;
  category: CostCategory;
  /** Null for an unattributed consumer group. */
  payerAppId: string | null;
  /** The consumer group, for consumption. */
  groupId: string | null;
  ownerAppId: string;
  currency: string;
  unit: CostLine['unit'];
  quantity: number;
  amount: number;
  /** Bytes produced or consumed; 0 for storage and partitions. */
  bytes: number;
  /** Offsets produced or consumed; 0 for storage and partitions. */
  records: number;
}

const MILLISECONDS_PER_DAY = 86_400_000;

/**
 * Splits an interval's priced usage into UTC days, each day getting the share of the
 * interval it contains: an interval from 23:00 to 01:00 puts half of everything on each
 * day. Only the interval's length is known, not when within it records were produced, so
 * transfer is spread evenly too.
 */
export function dailyRollups(
  cluster: string,
  usage: IntervalUsage,
  cost: IntervalCost,
): DailyCostRow[] {
  const transfer = new Map<string, { bytes: number; records: number }>();
  for (const topic of usage.topics) {
    transfer.set(lineKey('production', topic.topic, null), {
      bytes: topic.producedBytes,
      records: topic.producedOffsets,
    });
  }
  for (const consumption of usage.consumption) {
    transfer.set(
      lineKey('consumption', consumption.topic, consumption.groupId),
      {
        bytes: consumption.consumedBytes,
        records: consumption.consumedOffsets,
      },
    );
  }

  const days = daySharesBetween(cost.from, cost.to);
  const rows: DailyCostRow[] = [];
  for (const line of cost.lines) {
    const moved = transfer.get(
      lineKey(line.category, line.topic, line.groupId ?? null),
    );
    for (const { day, share } of days) {
      rows.push({
        day,
        cluster,
        topic: line.topic,
        category: line.category,
        payerAppId: line.payerAppId,
        groupId: line.groupId ?? null,
        ownerAppId: line.ownerAppId,
        currency: cost.currency,
        unit: line.unit,
        quantity: line.quantity * share,
        amount: line.amount * share,
        bytes: (moved?.bytes ?? 0) * share,
        records: (moved?.records ?? 0) * share,
      });
    }
  }
  return rows;
}

/**
 * The UTC days an interval touches, each with the fraction of the interval it holds.
 * An empty interval belongs wholly to the day of its end.
 */
export function daySharesBetween(
  from: string,
  to: string,
): Array<{ day: string; share: number }> {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(end > start)) return [{ day: dayOf(end), share: 1 }];
  const shares: Array<{ day: string; share: number }> = [];
  for (let at = start; at < end; ) {
    const midnight =
      (Math.floor(at / MILLISECONDS_PER_DAY) + 1) * MILLISECONDS_PER_DAY;
    const until = Math.min(midnight, end);
    shares.push({ day: dayOf(at), share: (until - at) / (end - start) });
    at = until;
  }
  return shares;
}

/** `YYYY-MM-DD` of an instant, UTC. */
export function dayOf(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().slice(0, 10);
}

function lineKey(
  category: CostCategory,
  topic: string,
  groupId: string | null,
): string {
  return `${category}\u0000${topic}\u0000${groupId ?? ''}`;
}
