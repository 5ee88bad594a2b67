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
  AppliedItem,
  ApplyItemState,
  PlanItem,
  PlanItemState,
} from '@meshport/plugin-specmesh-node';

/** Every state a plan item can have, in the order a person reads them. */
export const PLAN_STATES: readonly PlanItemState[] = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'BLOCKED',
  'UNCHANGED',
];

/** Every state an applied item can have. */
export const APPLY_STATES: readonly ApplyItemState[] = [
  'CREATED',
  'UPDATED',
  'DELETED',
  'FAILED',
  'BLOCKED',
  'UNCHANGED',
];

/**
 * How many items are in each state, every state present (zero when none), so
 * that a template can write `steps.plan.output.summary.CREATE` safely.
 */
export function countByState<State extends string>(
  states: readonly State[],
  items: ReadonlyArray<{ state: State }>,
): Record<State, number> {
  const counts = Object.fromEntries(states.map(state => [state, 0])) as Record<
    State,
    number
  >;
  for (const item of items) {
    counts[item.state] += 1;
  }
  return counts;
}

/** One line of the task log per item, for example `CREATE topic acme.shop._public.orders`. */
export function describeItem(item: PlanItem | AppliedItem): string {
  const why = 'message' in item && item.message ? item.message : item.reason;
  return `${item.state} ${item.kind} ${item.key}${why ? `: ${why}` : ''}`;
}

/** Items as plain objects, the shape step outputs take. */
export function outputItems(items: ReadonlyArray<PlanItem | AppliedItem>) {
  return items.map(item => ({ ...item }));
}
