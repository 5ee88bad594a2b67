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
  DesiredState,
  SpecProblem,
} from '@meshport/plugin-specmesh-common';

// The response shapes of the SpecMesh backend's OpenAPI document
// (plugins/specmesh-backend/src/schema/openapi.yaml), for the browser.

/** @public */
export type SpecmeshItemKind = 'topic' | 'acl' | 'schema';

/** @public */
export type PlanItemState =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'UNCHANGED'
  | 'BLOCKED';

/** One difference inside a plan or status item; no `after` means reset to the default. @public */
export interface PlanChange {
  field: string;
  before?: string | number;
  after?: string | number;
}

/** @public */
export interface PlanItem {
  kind: SpecmeshItemKind;
  key: string;
  state: PlanItemState;
  reason?: string;
  unmanaged?: boolean;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  changes?: PlanChange[];
}

/** @public */
export interface Plan {
  appId: string;
  items: PlanItem[];
}

/** @public */
export interface PlanResponse {
  entityRef: string;
  cluster: string;
  plan: Plan;
  summary: Record<PlanItemState, number>;
}

/** @public */
export type AppliedItemState =
  | 'CREATED'
  | 'UPDATED'
  | 'DELETED'
  | 'FAILED'
  | 'UNCHANGED'
  | 'BLOCKED';

/** @public */
export interface AppliedItem extends Omit<PlanItem, 'state'> {
  planned: PlanItemState;
  state: AppliedItemState;
  message?: string;
}

/** @public */
export interface ApplyRecord {
  id: string;
  entityRef: string;
  appId: string;
  cluster: string;
  actor: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'succeeded' | 'blocked' | 'failed';
  plan?: Plan;
  result?: { appId: string; items: AppliedItem[] };
  error?: string;
}

/** @public */
export interface ApplyHistoryResponse {
  items: ApplyRecord[];
  totalCount: number;
  limit: number;
  offset: number;
}

/** @public */
export type StatusItemStatus =
  | 'in-sync'
  | 'missing'
  | 'drifted'
  | 'unexpected'
  | 'unmanaged'
  | 'unknown';

/** How one desired (or stray) item compares with the live cluster. @public */
export interface StatusItem {
  kind: SpecmeshItemKind;
  key: string;
  status: StatusItemStatus;
  exists: boolean;
  changes?: PlanChange[];
  reason?: string;
  /** Schema items that exist: the subject's latest version in the registry. */
  latestVersion?: number;
  /** Schema items that exist: the registry's id of that version's schema. */
  schemaId?: number;
}

/** @public */
export interface EntityStatus {
  entityRef: string;
  appId: string;
  cluster: string;
  status: 'in-sync' | 'drifted' | 'unknown';
  checkedAt: string;
  pendingChanges: number;
  items: StatusItem[];
}

/** @public */
export interface DesiredStateResponse {
  state?: DesiredState;
  problems: SpecProblem[];
  /**
   * The principal map of the entity's cluster, app-id to Kafka principal;
   * other app-ids authenticate as `User:<app-id>`.
   */
  principals?: Record<string, string>;
}

/** @public */
export type ChargebackCategory =
  | 'storage'
  | 'partitions'
  | 'production'
  | 'consumption';

/** Usage and cost of one topic, category, payer and consumer group on one UTC day. @public */
export interface ChargebackLine {
  day: string;
  cluster: string;
  topic: string;
  category: ChargebackCategory;
  ownerAppId: string;
  payerAppId: string | null;
  groupId: string | null;
  currency: string;
  unit: 'GB-month' | 'partition-month' | 'GB';
  quantity: number;
  amount: number;
  bytes: number;
  records: number;
}

/** @public */
export interface MoneyTotal {
  currency: string;
  amount: number;
}

/** @public */
export interface DayCategoryTotal {
  day: string;
  category: ChargebackCategory;
  currency: string;
  amount: number;
}

/** @public */
export interface EntityChargeback {
  entityRef: string;
  appId: string;
  from: string;
  to: string;
  totals: MoneyTotal[];
  byDay: DayCategoryTotal[];
  paid: ChargebackLine[];
  consumers: ChargebackLine[];
}

/** @public */
export interface OwnerChargeback
  extends Omit<EntityChargeback, 'entityRef' | 'appId'> {
  ownerRef: string;
  appIds: string[];
}

/** @public */
export interface TopicChargeback {
  topic: string;
  from: string;
  to: string;
  totals: MoneyTotal[];
  lines: ChargebackLine[];
}

/** @public */
export interface PayerBill {
  payerAppId: string | null;
  currency: string;
  storage: number;
  partitions: number;
  production: number;
  consumption: number;
  total: number;
  producedBytes: number;
  consumedBytes: number;
}

/** @public */
export interface MeshChargeback {
  from: string;
  to: string;
  totals: MoneyTotal[];
  byAppId: PayerBill[];
  unattributedGroups: Array<{
    groupId: string;
    topic: string;
    ownerAppId: string;
    currency: string;
    bytes: number;
    records: number;
    amount: number;
  }>;
}

/** UTC days, `YYYY-MM-DD`, both inclusive; omitted ones take the backend's defaults. @public */
export interface DayRange {
  from?: string;
  to?: string;
}

/** Options of a plan or an apply. @public */
export interface ProvisionOptions {
  /** Delete unmanaged topics in the namespace, where the cluster allows it. */
  deleteUnmanaged?: boolean;
}

/**
 * The last recorded comparison of one data product with its cluster.
 *
 * @public
 */
export interface DriftVerdict {
  entityRef: string;
  cluster: string;
  appId?: string;
  /** `error`: the comparison itself failed (see `error`). */
  status: 'in-sync' | 'drifted' | 'unknown' | 'error';
  checkedAt: string;
  /** When the current drift was first seen. */
  driftedSince?: string;
  /** The items that are not in sync. */
  items: StatusItem[];
  /** The topics the check compared; a topic added since is not among them. */
  checkedTopics?: string[];
  error?: string;
}

/**
 * The mesh's recorded drift verdicts, drifted first.
 *
 * @public
 */
export interface DriftReport {
  items: DriftVerdict[];
}
