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
import type { ApplyResult, Plan } from '@meshport/plugin-specmesh-node';

/**
 * The outcome of an apply: `succeeded` when every item is done or unchanged,
 * `blocked` when nothing failed but some items were blocked, `failed` when an
 * item failed or the apply could not run; `running` until then.
 *
 * @public
 */
export type ApplyStatus = 'running' | 'succeeded' | 'blocked' | 'failed';

/**
 * One apply of a data product, as the history keeps it.
 *
 * @public
 */
export interface ApplyRecord {
  id: string;
  entityRef: string;
  appId: string;
  cluster: string;
  /** The user entity ref, or `plugin:specmesh` for the reconcile. */
  actor: string;
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
  status: ApplyStatus;
  plan?: Plan;
  result?: ApplyResult;
  /** Why the apply could not run to the end. */
  error?: string;
}

/**
 * How one item compares with the live cluster or registry.
 *
 * @public
 */
export type StatusItemStatus =
  | 'in-sync'
  | 'missing'
  | 'drifted'
  | 'unexpected'
  | 'unmanaged'
  | 'unknown';

/**
 * One topic, ACL binding or schema subject in a status report.
 *
 * @public
 */
export interface StatusItem {
  kind: 'topic' | 'acl' | 'schema';
  key: string;
  status: StatusItemStatus;
  exists: boolean;
  changes?: Array<{
    field: string;
    before?: string | number;
    after?: string | number;
  }>;
  reason?: string;
  /** Schema items that exist: the subject's latest version in the registry. */
  latestVersion?: number;
  /** Schema items that exist: the registry's id of that version's schema. */
  schemaId?: number;
}

/**
 * The verdict over a whole data product: `drifted` when an item is missing,
 * drifted or unexpected, `unknown` when none is but some could not be compared.
 *
 * @public
 */
export type OverallStatus = 'in-sync' | 'drifted' | 'unknown';

/**
 * The live state of a data product against its spec.
 *
 * @public
 */
export interface EntityStatus {
  entityRef: string;
  appId: string;
  cluster: string;
  status: OverallStatus;
  /** ISO 8601: when the cluster was read. */
  checkedAt: string;
  /** How many items an apply would create, update or delete. */
  pendingChanges: number;
  items: StatusItem[];
}
