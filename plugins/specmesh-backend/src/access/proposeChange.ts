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
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { AccessRequestStore } from './AccessRequestStore';
import { safeErrorMessage } from './auditAccess';
import type { GrantChange, GrantProposer } from './GrantProposer';
import type { AccessRequestRecord } from './types';

/**
 * Asks the proposer for the change to the owner's spec and records the
 * outcome: `approved` with the proposal, or `proposal-failed` with a message
 * safe to show (never credentials). After a proposal, asks the catalog to
 * refresh the owner's entity, so that a change already made (a local file
 * edited in place) reaches the catalog's spec without waiting for its loop.
 */
export async function proposeChange(
  deps: {
    store: AccessRequestStore;
    proposer: GrantProposer;
    refreshOwner?: (entityRef: string) => Promise<void>;
  },
  request: AccessRequestRecord,
  change: Pick<GrantChange, 'action' | 'comment'>,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<void> {
  try {
    const proposal = await deps.proposer.propose(
      {
        ...change,
        requestId: request.id,
        ownerEntityRef: request.ownerEntityRef,
        topic: request.topic,
        granteeAppId: request.requesterAppId,
      },
      { credentials },
    );
    await deps.store.recordProposal(
      request.id,
      'approved',
      proposal,
      new Date(),
    );
    await deps.refreshOwner?.(request.ownerEntityRef);
  } catch (error) {
    await deps.store.recordProposal(
      request.id,
      'proposal-failed',
      {
        description: 'No change to the spec could be proposed',
        error: safeErrorMessage(error),
      },
      new Date(),
    );
  }
}
