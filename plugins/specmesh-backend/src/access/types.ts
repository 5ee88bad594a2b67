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
import type { GrantProposal } from './GrantProposer';

/** Where a request stands; see the OpenAPI description of AccessRequestState. */
export type AccessRequestState =
  | 'pending'
  | 'denied'
  | 'approved'
  | 'proposal-failed'
  | 'granted'
  | 'withdrawn'
  | 'revoked';

/** What the last grant check saw. */
export interface GrantCheckRecord {
  specHasGrant: boolean;
  clusterHasAcl: boolean;
  /** ISO 8601. */
  checkedAt: string;
}

/**
 * A request for READ on a topic for a data product's app-id (`grant`), or an
 * owner's revocation of it (`revoke`). Times are ISO 8601.
 */
export interface AccessRequestRecord {
  id: string;
  kind: 'grant' | 'revoke';
  topic: string;
  ownerEntityRef: string;
  ownerAppId: string;
  requesterEntityRef: string;
  requesterAppId: string;
  reason: string;
  state: AccessRequestState;
  createdBy: string;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  proposal?: GrantProposal & { error?: string };
  grantCheck?: GrantCheckRecord;
  updatedAt: string;
}

/** States a grant check may still move on. */
export const TRACKED_STATES: readonly AccessRequestState[] = ['approved'];
