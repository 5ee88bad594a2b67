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

// The SpecMesh backend's response types are generated from its openapi.yaml
// into @meshport/plugin-specmesh-common/client; the tabs import them from
// here, with names for the enumerations the generator leaves unnamed.

import type {
  AppliedItemStateEnum,
  ChargebackLineCategoryEnum,
  PlanItemKindEnum,
  PlanItemStateEnum,
  ProvisionRequest,
  StatusItemStatusEnum,
} from '@meshport/plugin-specmesh-common/client';

export type {
  AppliedItem,
  ApplyHistoryResponse,
  ApplyRecord,
  ApplyResult,
  ChangeValue,
  ChargebackLine,
  DayCategoryTotal,
  DesiredStateResponse,
  DriftReport,
  DriftVerdict,
  EntityChargeback,
  EntityStatus,
  MeshChargeback,
  MoneyTotal,
  OwnerChargeback,
  PayerBill,
  Plan,
  PlanChange,
  PlanItem,
  PlanResponse,
  StatusItem,
  TopicChargeback,
  UnattributedGroup,
} from '@meshport/plugin-specmesh-common/client';

/** What an item of a plan or a status is about. @public */
export type SpecmeshItemKind = PlanItemKindEnum;

/** @public */
export type PlanItemState = PlanItemStateEnum;

/** @public */
export type AppliedItemState = AppliedItemStateEnum;

/** @public */
export type StatusItemStatus = StatusItemStatusEnum;

/** @public */
export type ChargebackCategory = ChargebackLineCategoryEnum;

/** Options of a plan or an apply. @public */
export type ProvisionOptions = ProvisionRequest;

/** UTC days, `YYYY-MM-DD`, both inclusive; omitted ones take the backend's defaults. @public */
export interface DayRange {
  from?: string;
  to?: string;
}
