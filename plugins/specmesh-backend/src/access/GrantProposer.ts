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
import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * A change to a data product's spec that an access decision asks for: add or
 * remove the `grant-access:<app-id>` tag on one of its channels.
 *
 * @public
 */
export interface GrantChange {
  /** `grant` adds the tag, `revoke` removes it. */
  action: 'grant' | 'revoke';
  /** The access request (or revocation) this change comes from. */
  requestId: string;
  /** The owning data product, whose spec changes (API entity ref). */
  ownerEntityRef: string;
  /** The Kafka topic, as the owner's desired state names it. */
  topic: string;
  /** The app-id that gains or loses read access. */
  granteeAppId: string;
  /** The reason or comment, for the proposal's description. */
  comment?: string;
}

/**
 * What a proposal left behind for people to follow.
 *
 * @public
 */
export interface GrantProposal {
  /** A link to follow: the pull request, or the scaffolder task that made the change. */
  url?: string;
  /** One line for people: "Pull request opened", "Spec file edited in place". */
  description: string;
  /** The scaffolder task that carried the change, when one did. */
  taskId?: string;
}

/**
 * Turns an approved access decision into a change to the spec's source (a
 * pull request, or an edit of a local file), never into a cluster change: the
 * cluster follows the spec through the reconcile or an owner's apply.
 *
 * @public
 */
export interface GrantProposer {
  propose(
    change: GrantChange,
    options: { credentials: BackstageCredentials },
  ): Promise<GrantProposal>;
}
