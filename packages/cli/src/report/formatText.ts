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
  bindingText,
  ProvisioningReport,
  ReportRow,
  ReportState,
  stateLabel,
  summaryOf,
  visibleRows,
} from './provisioningReport';

const MARK: Record<ReportState, string> = {
  CREATE: '+',
  UPDATE: '~',
  DELETE: '-',
  UNCHANGED: '=',
  BLOCKED: '!',
  CREATED: '✔',
  UPDATED: '✔',
  DELETED: '✔',
  FAILED: '✖',
};

const SECTIONS: ReadonlyArray<[ReportRow['kind'], string]> = [
  ['topic', 'Topics'],
  ['schema', 'Schemas'],
  ['acl', 'ACL bindings'],
];

/**
 * The report for a terminal: a summary line, then one line per item that
 * changes (or failed, or is blocked, or is unmanaged), by kind, with the reason
 * or the broker's message indented below it.
 */
export function formatText(report: ProvisioningReport): string {
  const heading =
    report.command === 'plan'
      ? `Plan for ${report.appId} on cluster ${report.cluster}`
      : `Applied ${report.appId} on cluster ${report.cluster}`;
  const lines = [`${heading}: ${summaryOf(report)}.`];
  const rows = visibleRows(report);
  if (rows.length === 0) {
    lines.push(
      report.command === 'plan'
        ? 'The cluster matches the spec: nothing to do.'
        : 'Nothing was changed.',
    );
  }

  const width = Math.max(0, ...rows.map(row => stateLabel(row).length));
  for (const [kind, title] of SECTIONS) {
    const section = rows.filter(row => row.kind === kind);
    if (section.length === 0) continue;
    lines.push('', title);
    for (const row of section) {
      const name = row.binding ? bindingText(row.binding) : row.key;
      const state = stateLabel(row);
      const details = row.details ? `  ${row.details}` : '';
      lines.push(
        `  ${MARK[row.state]} ${state.padEnd(width)}  ${name}${details}`,
      );
      if (row.note) {
        lines.push(`      ${row.note}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
