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

// Consumer lag, generated from the backend's openapi.yaml (issue 15 §2):
// the readers of a data product's topics (LagReaders) and the groups its own
// app-id owns (LagGroups), each group with its lag per partition; and one
// group's lag on one topic at every stored collection (LagHistory).
export type {
  GroupLag,
  GroupPartitionLag,
  LagGroups,
  LagHistory,
  LagHistoryPoint,
  LagReaders,
  TopicReadersLag,
} from '@meshport/plugin-specmesh-common/client';
