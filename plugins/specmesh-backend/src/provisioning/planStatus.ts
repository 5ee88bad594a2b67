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
  ApplyResult,
  Plan,
  PlanItem,
  PlanItemState,
} from '@meshport/plugin-specmesh-node';
import type {
  ApplyStatus,
  OverallStatus,
  StatusItem,
  StatusItemStatus,
} from './types';

/**
 * The number of plan items in each state.
 */
export function summarizePlan(plan: Plan): Record<PlanItemState, number> {
  const summary: Record<PlanItemState, number> = {
    CREATE: 0,
    UPDATE: 0,
    DELETE: 0,
    UNCHANGED: 0,
    BLOCKED: 0,
  };
  for (const item of plan.items) summary[item.state] += 1;
  return summary;
}

/** How many items applying the plan would create, update or delete. */
export function pendingChangesOf(plan: Plan): number {
  return plan.items.filter(item =>
    ['CREATE', 'UPDATE', 'DELETE'].includes(item.state),
  ).length;
}

/** The outcome of an apply from its items (see {@link ApplyStatus}). */
export function applyStatusOf(
  result: ApplyResult,
): Exclude<ApplyStatus, 'running'> {
  if (result.items.some(item => item.state === 'FAILED')) return 'failed';
  if (result.items.some(item => item.state === 'BLOCKED')) return 'blocked';
  return 'succeeded';
}

/**
 * Reads a plan made without deleting anything as a comparison of the spec
 * with the live cluster: what is in sync, missing, drifted or stray.
 */
export function describeStatus(plan: Plan): {
  status: OverallStatus;
  pendingChanges: number;
  items: StatusItem[];
} {
  const items = plan.items.map(statusItemOf);
  return {
    status: overallStatusOf(items),
    pendingChanges: pendingChangesOf(plan),
    items,
  };
}

function overallStatusOf(items: readonly StatusItem[]): OverallStatus {
  const has = (...statuses: StatusItemStatus[]) =>
    items.some(item => statuses.includes(item.status));
  if (has('missing', 'drifted', 'unexpected')) return 'drifted';
  if (has('unknown')) return 'unknown';
  return 'in-sync';
}

function statusItemOf(item: PlanItem): StatusItem {
  const exists = item.before !== undefined;
  const base = { kind: item.kind, key: item.key, exists };
  const status = statusOf(item);
  return {
    ...base,
    status,
    ...(item.changes?.length && status !== 'missing'
      ? { changes: item.changes }
      : {}),
    ...(item.reason && status !== 'in-sync' ? { reason: item.reason } : {}),
    ...registeredSchemaOf(item),
  };
}

/** The subject's latest version in the registry, which people quote. */
function registeredSchemaOf(
  item: PlanItem,
): Pick<StatusItem, 'latestVersion' | 'schemaId'> {
  if (item.kind !== 'schema' || item.before === undefined) return {};
  const { version, id } = item.before;
  return {
    latestVersion: version,
    ...(id !== undefined ? { schemaId: id } : {}),
  };
}

function statusOf(item: PlanItem): StatusItemStatus {
  if (item.kind === 'topic' && item.unmanaged) return 'unmanaged';
  switch (item.state) {
    case 'UNCHANGED':
      return 'in-sync';
    case 'CREATE':
      return 'missing';
    case 'UPDATE':
      return 'drifted';
    case 'DELETE':
      return 'unexpected';
    case 'BLOCKED':
    default:
      // A blocked change of something that exists is a drift that cannot be
      // applied (a partition decrease, say); anything else could not be compared.
      return item.before !== undefined && item.changes?.length
        ? 'drifted'
        : 'unknown';
  }
}
