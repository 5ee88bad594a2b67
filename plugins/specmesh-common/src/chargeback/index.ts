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

export type {
  ChargebackCollection,
  GroupConsumptionSample,
  PartitionOffset,
  PartitionUsage,
  TopicUsageSample,
} from './samples';
export type {
  ConsumptionUsage,
  IntervalUsage,
  ProducedBytesBasis,
  TopicUsage,
  UsageNote,
} from './usage';
export type { PriceList, StorageBasis } from './PriceList';
export type { CostCategory, CostLine, IntervalCost } from './costOfUsage';
export { attributeToAppId } from './attributeToAppId';
export { usageBetween } from './usageBetween';
export { DEFAULT_PRICES, readPriceList } from './PriceList';
export { costOfUsage, totalsByPayer } from './costOfUsage';
export { BYTES_PER_GB, HOURS_PER_MONTH } from './units';
export type {
  ConsumerGroupLag,
  LagHistorySources,
  LogEndPoint,
  LogEndPointSource,
  PartitionLag,
  PreviousGroupLag,
} from './lag';
export {
  carriedEstimate,
  estimateLagSeconds,
  groupLags,
  largestEstimate,
  logEndPointOf,
} from './lag';
