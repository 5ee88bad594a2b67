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
import { toCsv } from '@meshport/plugin-specmesh-node';
import type { ChargebackReport } from './chargebackReport';

const UNATTRIBUTED = '(unattributed)';

/** A table for people: one row per app-id, then the consumption per group. */
export function formatChargebackText(report: ChargebackReport): string {
  const { currency } = report;
  const interval =
    report.intervalSeconds === null
      ? 'one collection: storage only'
      : `interval ${report.intervalSeconds.toFixed(1)} s`;
  const out = [
    `Chargeback on ${report.cluster} at ${report.collectedAt} (${interval}; prices in ${currency})`,
    '',
    table(
      [
        'APP-ID',
        'TOPICS',
        'PARTITIONS',
        'STORAGE',
        'MESSAGES',
        'PRODUCED',
        'CONSUMED',
        `${currency}/MONTH`,
        `${currency} INTERVAL`,
      ],
      report.appIds.map(row => [
        row.appId ?? UNATTRIBUTED,
        String(row.topics),
        String(row.partitions),
        bytes(row.storageBytes),
        String(row.messages),
        bytes(row.producedBytes),
        bytes(row.consumedBytes),
        money(row.monthlyCost),
        money(row.intervalCost),
      ]),
    ),
  ];
  if (report.consumption.length > 0) {
    out.push(
      '',
      'Consumption',
      table(
        ['CONSUMER', 'GROUP', 'TOPIC', 'RECORDS', 'BYTES', currency],
        report.consumption.map(c => [
          c.consumerAppId ?? UNATTRIBUTED,
          c.groupId,
          c.topic,
          String(c.consumedRecords),
          bytes(c.consumedBytes),
          money(c.cost),
        ]),
      ),
    );
  }
  if (report.unattributedGroups.length > 0) {
    out.push(
      '',
      `Unattributed groups (no app-id prefixes them): ${report.unattributedGroups.join(
        ', ',
      )}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** The CSV's columns, in order: an app-id's row, and the price list's currency. */
const CSV_COLUMNS = [
  'appId',
  'topics',
  'partitions',
  'storageBytes',
  'messages',
  'producedBytes',
  'consumedBytes',
  'monthlyCost',
  'intervalCost',
  'currency',
] as const;

/**
 * CSV with a header row: one row per app-id, through the writer the portal's
 * chargeback API uses (formula-looking cells neutralised).
 */
export function formatChargebackCsv(report: ChargebackReport): string {
  return toCsv(
    CSV_COLUMNS,
    report.appIds.map(row => ({ ...row, currency: report.currency })),
  );
}

/** Columns padded to their widest cell: the first left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => row[column].length)),
  );
  return [header, ...rows]
    .map(cells =>
      cells
        .map((cell, column) =>
          column === 0
            ? cell.padEnd(widths[column])
            : cell.padStart(widths[column]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function bytes(count: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = count;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0
    ? `${Math.round(value)} B`
    : `${value.toFixed(1)} ${units[unit]}`;
}

function money(amount: number): string {
  return amount === 0 || amount >= 0.01
    ? amount.toFixed(2)
    : amount.toPrecision(2);
}
