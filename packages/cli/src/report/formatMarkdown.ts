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
  isComplete,
  ProvisioningReport,
  ReportRow,
  ReportState,
  stateLabel,
  summaryOf,
  visibleRows,
} from './provisioningReport';

const ICON: Record<ReportState, string> = {
  CREATE: '🟢',
  UPDATE: '🟡',
  DELETE: '🔴',
  UNCHANGED: '⚪',
  BLOCKED: '⛔',
  CREATED: '✅',
  UPDATED: '✅',
  DELETED: '✅',
  FAILED: '❌',
};

/**
 * The report as a pull-request comment (GitHub-flavoured Markdown): a headline
 * with the outcome, the summary, then a table per kind of the items that change
 * (or failed, are blocked, or are unmanaged), with state icons and the reasons.
 */
export function formatMarkdown(report: ProvisioningReport): string {
  const outcome = headlineIcon(report);
  const lines = [
    `### ${outcome} Meshport ${report.command} for \`${report.appId}\` on \`${report.cluster}\``,
    '',
    `**${summaryOf(report, ' · ')}**`,
  ];
  const rows = visibleRows(report);
  if (rows.length === 0) {
    lines.push(
      '',
      report.command === 'plan'
        ? 'The cluster matches the spec: nothing to do.'
        : 'Nothing was changed.',
    );
  }

  const topics = rows.filter(row => row.kind === 'topic');
  if (topics.length > 0) {
    lines.push(
      '',
      '#### Topics',
      '',
      '| | Topic | State | Details |',
      '|---|---|---|---|',
      ...topics.map(row =>
        tableRow([
          ICON[row.state],
          code(row.key),
          stateLabel(row),
          detailsWithNote(row),
        ]),
      ),
    );
  }

  const schemas = rows.filter(row => row.kind === 'schema');
  if (schemas.length > 0) {
    lines.push(
      '',
      '#### Schemas',
      '',
      '| | Subject | State | Details |',
      '|---|---|---|---|',
      ...schemas.map(row =>
        tableRow([
          ICON[row.state],
          code(row.key),
          stateLabel(row),
          detailsWithNote(row),
        ]),
      ),
    );
  }

  const acls = rows.filter(row => row.kind === 'acl');
  if (acls.length > 0) {
    lines.push(
      '',
      '#### ACL bindings',
      '',
      '| | Principal | Operation | Resource | State | Details |',
      '|---|---|---|---|---|---|',
      ...acls.map(row => {
        const binding = row.binding;
        return tableRow([
          ICON[row.state],
          binding ? code(binding.principal) : '',
          binding
            ? `${binding.permissionType === 'DENY' ? 'DENY ' : ''}${
                binding.operation
              }`
            : '',
          binding
            ? `${
                binding.resourceType
              } ${binding.patternType.toLowerCase()} ${code(
                binding.resourceName,
              )}${binding.host === '*' ? '' : ` from ${binding.host}`}`
            : code(row.key),
          stateLabel(row),
          detailsWithNote(row),
        ]);
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

function headlineIcon(report: ProvisioningReport): string {
  if (isComplete(report)) return '✅';
  return report.counts.FAILED ? '❌' : '⛔';
}

function detailsWithNote(row: ReportRow): string {
  const parts = [row.details, row.note]
    .filter(Boolean)
    .map(text => cell(text!));
  return parts.join('<br>');
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Inline code that survives any text, backticks included; in a table only `|` needs escaping. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const padded =
    text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

/** Text that stays inside its table cell and cannot open HTML. */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, '<br>');
}
