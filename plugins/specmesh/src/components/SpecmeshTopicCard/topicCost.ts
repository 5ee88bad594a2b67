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
import type { ChargebackCategory, TopicChargeback } from '../../api';
import {
  COST_CATEGORIES,
  Consumption,
  groupConsumption,
} from '../SpecmeshCostContent/costSummary';

/** What a topic cost over a report's range, and who paid for reading it. */
export interface TopicCostSummary {
  currency: string;
  total: number;
  byCategory: Record<ChargebackCategory, number>;
  /** Consumption by paying app-id (or unattributed group), largest first. */
  readers: Consumption[];
  producedBytes: number;
  consumedBytes: number;
  /** Whether anything was measured at all in the range. */
  measured: boolean;
}

export function summarizeTopicCost(report: TopicChargeback): TopicCostSummary {
  const currency =
    report.totals[0]?.currency ?? report.lines[0]?.currency ?? 'USD';
  const lines = report.lines.filter(line => line.currency === currency);
  const byCategory = Object.fromEntries(
    COST_CATEGORIES.map(category => [category, 0]),
  ) as Record<ChargebackCategory, number>;
  let producedBytes = 0;
  let consumedBytes = 0;
  for (const line of lines) {
    byCategory[line.category] += line.amount;
    if (line.category === 'production') producedBytes += line.bytes;
    if (line.category === 'consumption') consumedBytes += line.bytes;
  }
  return {
    currency,
    total: COST_CATEGORIES.reduce((sum, key) => sum + byCategory[key], 0),
    byCategory,
    readers: groupConsumption(
      lines.filter(line => line.category === 'consumption'),
      line =>
        line.payerAppId ?? `unattributed group ${line.groupId ?? '(unknown)'}`,
    ),
    producedBytes,
    consumedBytes,
    measured: report.lines.length > 0,
  };
}
