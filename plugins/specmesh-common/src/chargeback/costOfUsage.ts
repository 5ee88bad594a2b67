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

import type { PriceList } from './PriceList';
import { BYTES_PER_GB, HOURS_PER_MONTH } from './units';
import type { IntervalUsage } from './usage';

/**
 * What a cost line is for.
 *
 * @public
 */
export type CostCategory =
  | 'storage'
  | 'partitions'
  | 'production'
  | 'consumption';

/**
 * One priced item of an interval.
 *
 * @public
 */
export interface CostLine {
  /** Who pays: the topic's owner, or the consuming app-id; null for an unattributed group. */
  payerAppId: string | null;
  category: CostCategory;
  topic: string;
  ownerAppId: string;
  /** The consumer group, for consumption. */
  groupId?: string;
  quantity: number;
  unit: 'GB-month' | 'partition-month' | 'GB';
  /** In the price list's currency, unrounded. */
  amount: number;
}

/**
 * The priced usage of an interval.
 *
 * @public
 */
export interface IntervalCost {
  from: string;
  to: string;
  currency: string;
  lines: CostLine[];
}

/**
 * Prices an interval's usage: the owner pays storage (GB-months, the interval's average
 * prorated over its hours), partitions (partition-months, likewise) and production (GB);
 * each consumer group's app-id pays its consumption (GB), unattributed groups under a null
 * payer. Lines with a zero quantity are left out. Amounts are not rounded: round when
 * presenting.
 *
 * @public
 */
export function costOfUsage(
  usage: IntervalUsage,
  prices: PriceList,
): IntervalCost {
  const months = usage.hours / HOURS_PER_MONTH;
  const lines: CostLine[] = [];
  const add = (line: Omit<CostLine, 'amount'>, unitPrice: number) => {
    if (line.quantity > 0) {
      lines.push({ ...line, amount: line.quantity * unitPrice });
    }
  };

  for (const topic of usage.topics) {
    const owner = {
      payerAppId: topic.ownerAppId,
      topic: topic.topic,
      ownerAppId: topic.ownerAppId,
    };
    const storedBytes =
      prices.storageBasis === 'singleCopy'
        ? topic.storageBytesSingleCopy
        : topic.storageBytes;
    add(
      {
        ...owner,
        category: 'storage',
        quantity: (storedBytes / BYTES_PER_GB) * months,
        unit: 'GB-month',
      },
      prices.perGbMonthStored,
    );
    add(
      {
        ...owner,
        category: 'partitions',
        quantity: topic.partitions * months,
        unit: 'partition-month',
      },
      prices.perPartitionMonth,
    );
    add(
      {
        ...owner,
        category: 'production',
        quantity: topic.producedBytes / BYTES_PER_GB,
        unit: 'GB',
      },
      prices.perGbProduced,
    );
  }

  for (const consumption of usage.consumption) {
    add(
      {
        payerAppId: consumption.consumerAppId,
        category: 'consumption',
        topic: consumption.topic,
        ownerAppId: consumption.ownerAppId,
        groupId: consumption.groupId,
        quantity: consumption.consumedBytes / BYTES_PER_GB,
        unit: 'GB',
      },
      prices.perGbConsumed,
    );
  }

  return { from: usage.from, to: usage.to, currency: prices.currency, lines };
}

/**
 * What each payer owes over some cost lines, largest first; unattributed consumption
 * under a null payer.
 *
 * @public
 */
export function totalsByPayer(
  lines: CostLine[],
): Array<{ payerAppId: string | null; amount: number }> {
  const totals = new Map<string | null, number>();
  for (const line of lines) {
    totals.set(
      line.payerAppId,
      (totals.get(line.payerAppId) ?? 0) + line.amount,
    );
  }
  return [...totals]
    .map(([payerAppId, amount]) => ({ payerAppId, amount }))
    .sort((a, b) => b.amount - a.amount);
}
