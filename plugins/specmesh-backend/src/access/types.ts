/*
 * Copyright 2026 The Meshport Authors
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
  AccessRequest,
  AccessRequestState as GeneratedAccessRequestState,
  GrantCheck,
} from '../schema/openapi/generated/models';

// One contract: the records the store keeps and the services return are the
// types generated from openapi.yaml, so the HTTP answer cannot drift from them.

/** Where a request stands; see the OpenAPI description of AccessRequestState. */
export type AccessRequestState = GeneratedAccessRequestState;

/** What the last grant check saw. */
export type GrantCheckRecord = GrantCheck;

/**
 * A request for READ on a topic for a data product's app-id (`grant`), or an
 * owner's revocation of it (`revoke`). Times are ISO 8601.
 */
export type AccessRequestRecord = AccessRequest;

/** States a grant check may still move on. */
export const TRACKED_STATES: readonly AccessRequestState[] = ['approved'];
