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
import type { ConsumerGroupLag } from '@meshport/plugin-specmesh-common';
import { table as paddedTable } from '../chargeback/formatChargeback';
import { terminalSafeText } from '../io';
import type { LagReport } from './lagReport';

const UNATTRIBUTED = '(unattributed)';

/**
 * Tables for people: the readers of each topic of the spec, then the app-id's own
 * groups. Group ids come from whoever connects a consumer: cells are made terminal-safe
 * before they are measured, so the columns line up as printed.
 */
export function formatLagText(report: LagReport): string {
  const out = [
    `Lag on ${report.cluster} at ${report.collectedAt} for ${report.appId}`,
    '',
    `Readers of ${report.appId}'s topics`,
  ];
  const readerRows = report.topics.flatMap(({ topic, readers }) =>
    readers.length === 0
      ? [[topic, '(no readers)', '', '', '']]
      : readers.map(lag => [
          topic,
          lag.groupId,
          lag.consumerAppId ?? UNATTRIBUTED,
          String(lag.lag),
          partitionsOf(lag),
        ]),
  );
  out.push(
    readerRows.length === 0
      ? '(the spec declares no topics)'
      : table(['TOPIC', 'GROUP', 'CONSUMER', 'LAG', 'PARTITIONS'], readerRows),
  );
  out.push('', `Groups of ${report.appId}`);
  out.push(
    report.groups.length === 0
      ? `(no group of ${report.appId} has committed offsets on an owned topic)`
      : table(
          ['GROUP', 'TOPIC', 'OWNER', 'LAG', 'PARTITIONS'],
          report.groups.map(lag => [
            lag.groupId,
            lag.topic,
            lag.ownerAppId,
            String(lag.lag),
            partitionsOf(lag),
          ]),
        ),
  );
  if (report.maxLag !== null) {
    out.push(
      '',
      report.exceeded.length === 0
        ? `✔ No group is more than ${report.maxLag} messages behind`
        : `✖ ${report.exceeded.length} group(s) more than ${
            report.maxLag
          } messages behind: ${report.exceeded
            .map(lag => `${lag.groupId} on ${lag.topic} (${lag.lag})`)
            .join(', ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}

function table(header: string[], rows: string[][]): string {
  return paddedTable(
    header,
    rows.map(row => row.map(terminalSafeText)),
  );
}

/** `p0:12 p1:0`: each partition with a committed offset and its lag. */
function partitionsOf(lag: ConsumerGroupLag): string {
  return lag.partitions.map(p => `p${p.partition}:${p.lag}`).join(' ');
}
