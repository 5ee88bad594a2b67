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

// Access requests, as the backend's openapi.yaml has them (generated into
// @meshport/plugin-specmesh-common/client). Timestamps arrive as ISO strings.

import type { ListAccessRequests } from '@meshport/plugin-specmesh-common/client';

export type {
  AccessDecision,
  AccessRequest,
  AccessRequestCreated,
  AccessRequestState,
  GrantCheck,
  GrantProposalInfo,
  NewAccessRequest,
  NewAccessRevocation,
} from '@meshport/plugin-specmesh-common/client';

/** Filters of a list of access requests; all optional. @public */
export type AccessRequestQuery = ListAccessRequests['query'];
