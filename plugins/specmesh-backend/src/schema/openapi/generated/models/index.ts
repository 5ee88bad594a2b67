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

export * from '../models/AclBinding.model';
export * from '../models/AppliedItem.model';
export * from '../models/ApplyHistoryResponse.model';
export * from '../models/ApplyRecord.model';
export * from '../models/ApplyResult.model';
export * from '../models/ChargebackLine.model';
export * from '../models/DayCategoryTotal.model';
export * from '../models/DesiredSchema.model';
export * from '../models/DesiredState.model';
export * from '../models/DesiredStateResponse.model';
export * from '../models/DesiredTopic.model';
export * from '../models/DriftReport.model';
export * from '../models/DriftVerdict.model';
export * from '../models/EntityChargeback.model';
export * from '../models/EntityStatus.model';
export * from '../models/ErrorResponse.model';
export * from '../models/ErrorResponseError.model';
export * from '../models/ErrorResponseRequest.model';
export * from '../models/ErrorResponseResponse.model';
export * from '../models/HealthResponse.model';
export * from '../models/MeshChargeback.model';
export * from '../models/MoneyTotal.model';
export * from '../models/OwnerChargeback.model';
export * from '../models/PayerBill.model';
export * from '../models/Plan.model';
export * from '../models/PlanChange.model';
export * from '../models/PlanItem.model';
export * from '../models/PlanResponse.model';
export * from '../models/PlanSummary.model';
export * from '../models/ProvisionRequest.model';
export * from '../models/SpecProblem.model';
export * from '../models/StatusItem.model';
export * from '../models/TopicChargeback.model';
export * from '../models/TopicDependency.model';
export * from '../models/UnattributedGroup.model';
