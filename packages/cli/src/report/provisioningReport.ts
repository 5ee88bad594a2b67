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
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import type {
  AppliedItem,
  ApplyItemState,
  ApplyResult,
  Plan,
  PlanChange,
  PlanItem,
  PlanItemState,
} from '@meshport/plugin-specmesh-node';

/** A plan's or an apply's state of an item. */
export type ReportState = PlanItemState | ApplyItemState;

/** One item as the outputs show it. */
export interface ReportRow {
  kind: PlanItem['kind'];
  key: string;
  state: ReportState;
  /** What changes or was changed, e.g. `partitions 1 → 3`; empty when nothing does. */
  details: string;
  /** Why it is blocked, deleted or left alone; after apply, the failure's message. */
  note?: string;
  /** The binding, for ACL items. */
  binding?: AclBinding;
  /** A topic in the owner's namespace that the spec does not declare. */
  unmanaged?: boolean;
}

/** What `meshport plan` or `meshport apply` shows, in every output format. */
export interface ProvisioningReport {
  command: 'plan' | 'apply';
  appId: string;
  cluster: string;
  /** Topics, then schemas, then ACL bindings, as the plan orders them. */
  rows: ReportRow[];
  /** How many items are in each state. */
  counts: Partial<Record<ReportState, number>>;
  /** The plan's or the apply's items, untouched, for `--json`. */
  items: ReadonlyArray<PlanItem | AppliedItem>;
}

/** The order and wording of the summary line. */
export const STATE_SUMMARY: ReadonlyArray<[ReportState, string]> = [
  ['CREATE', 'to create'],
  ['UPDATE', 'to update'],
  ['DELETE', 'to delete'],
  ['CREATED', 'created'],
  ['UPDATED', 'updated'],
  ['DELETED', 'deleted'],
  ['FAILED', 'failed'],
  ['BLOCKED', 'blocked'],
  ['UNCHANGED', 'unchanged'],
];

export function planReport(plan: Plan, cluster: string): ProvisioningReport {
  return buildReport(
    'plan',
    plan.appId,
    cluster,
    plan.items,
    item => item.reason,
  );
}

export function applyReport(
  result: ApplyResult,
  cluster: string,
): ProvisioningReport {
  return buildReport(
    'apply',
    result.appId,
    cluster,
    result.items,
    item => item.message ?? item.reason,
  );
}

/** Nothing failed and nothing is blocked. */
export function isComplete(report: ProvisioningReport): boolean {
  return !report.counts.FAILED && !report.counts.BLOCKED;
}

/** The rows worth showing: everything but plain unchanged items. */
export function visibleRows(report: ProvisioningReport): ReportRow[] {
  return report.rows.filter(row => row.state !== 'UNCHANGED' || row.unmanaged);
}

/** `3 to create, 1 blocked, 12 unchanged`, or `nothing` for an empty plan. */
export function summaryOf(
  report: ProvisioningReport,
  separator = ', ',
): string {
  const parts = STATE_SUMMARY.filter(([state]) => report.counts[state]).map(
    ([state, words]) => `${report.counts[state]} ${words}`,
  );
  return parts.length > 0 ? parts.join(separator) : 'nothing';
}

/** `create`, `failed`…; an unmanaged topic says so: `unmanaged`, `delete (unmanaged)`. */
export function stateLabel(row: ReportRow): string {
  const state = row.state.toLowerCase();
  if (!row.unmanaged) return state;
  return row.state === 'UNCHANGED' ? 'unmanaged' : `${state} (unmanaged)`;
}

/** A binding as one line: `ALLOW User:x READ TOPIC PREFIXED acme.x.` */
export function bindingText(binding: AclBinding): string {
  const host = binding.host === '*' ? '' : ` from ${binding.host}`;
  return `${binding.permissionType} ${binding.principal} ${binding.operation} ${binding.resourceType} ${binding.patternType} ${binding.resourceName}${host}`;
}

function buildReport<Item extends PlanItem | AppliedItem>(
  command: ProvisioningReport['command'],
  appId: string,
  cluster: string,
  items: readonly Item[],
  noteOf: (item: Item) => string | undefined,
): ProvisioningReport {
  const counts: ProvisioningReport['counts'] = {};
  const rows = items.map(item => {
    counts[item.state] = (counts[item.state] ?? 0) + 1;
    const note = noteOf(item);
    const row: ReportRow = {
      kind: item.kind,
      key: item.key,
      state: item.state,
      details: detailsOf(item),
      ...(note ? { note } : {}),
    };
    if (item.kind === 'acl') {
      const binding = item.after ?? item.before;
      if (binding) row.binding = binding;
    }
    if (item.kind === 'topic' && item.unmanaged) row.unmanaged = true;
    return row;
  });
  return { command, appId, cluster, rows, counts, items };
}

function detailsOf(item: PlanItem | AppliedItem): string {
  if (item.changes?.length && !isCreate(item)) {
    return item.changes.map(changeText).join('; ');
  }
  if (item.kind === 'topic') {
    if (item.unmanaged) return 'not in the spec';
    if (isCreate(item) && item.after) {
      const { partitions, replicas, configs } = item.after;
      return [
        `partitions ${partitions ?? 'default'}`,
        `replicas ${replicas ?? 'default'}`,
        ...Object.entries(configs).map(([name, value]) => `${name}=${value}`),
      ].join(', ');
    }
  }
  if (item.kind === 'schema' && isCreate(item) && item.after) {
    const { schemaType, ref, compatibility } = item.after;
    return `${schemaType}${
      ref ? ` from ${ref}` : ''
    }, compatibility ${compatibility}`;
  }
  return '';
}

function isCreate(item: PlanItem | AppliedItem): boolean {
  const planned = 'planned' in item ? item.planned : item.state;
  return planned === 'CREATE';
}

/**
 * `partitions 1 → 3`, `retention.ms unset → 1000`, `cleanup.policy compact → default`;
 * a change the plan withholds says so, `partitions 4 → 2 (blocked)`, as the
 * item's other changes are applied.
 */
export function changeText(change: PlanChange): string {
  const field = change.field.replace(/^configs\./, '');
  const before = change.before ?? 'unset';
  const after = change.after ?? 'default';
  return `${field} ${before} → ${after}${change.blocked ? ' (blocked)' : ''}`;
}
