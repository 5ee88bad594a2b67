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
import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApplyHistoryResponse,
  ApplyRecord,
  DayRange,
  DesiredStateResponse,
  DriftReport,
  EntityChargeback,
  EntityStatus,
  MeshChargeback,
  OwnerChargeback,
  PlanResponse,
  ProvisionOptions,
  TopicChargeback,
} from './types';
import type { ConsumeInfo } from './consumeTypes';
import {
  AccessDecision,
  AccessRequest,
  AccessRequestCreated,
  AccessRequestQuery,
  NewAccessRequest,
  NewAccessRevocation,
} from './accessRequestTypes';
import type { LagGroups, LagHistory, LagReaders } from './lagTypes';
import type { PreviewOptions, MessagePreview } from './previewTypes';

/**
 * The SpecMesh backend, as the entity tabs use it. Every method rejects with
 * a `ResponseError` (from `@backstage/errors`) when the backend answers with
 * an error, so a caller can tell a 403 from a 503 by its `statusCode`.
 *
 * @public
 */
export interface SpecmeshApi {
  getDesiredState(entity: CompoundEntityRef): Promise<DesiredStateResponse>;
  /** The live cluster against the spec, item by item. */
  getStatus(entity: CompoundEntityRef): Promise<EntityStatus>;
  /**
   * The last recorded verdict of every data product the user may see, drifted
   * first: what the reconcile and status checks found, without a new check.
   */
  getMeshDrift(): Promise<DriftReport>;
  /** What an apply would do; changes nothing. */
  plan(
    entity: CompoundEntityRef,
    options?: ProvisionOptions,
  ): Promise<PlanResponse>;
  /** Provisions the spec; needs `specmesh.entity.provision` on the entity. */
  apply(
    entity: CompoundEntityRef,
    options?: ProvisionOptions,
  ): Promise<ApplyRecord>;
  /** The applies of the entity, newest first. */
  listApplies(
    entity: CompoundEntityRef,
    page?: { limit?: number; offset?: number },
  ): Promise<ApplyHistoryResponse>;
  getEntityChargeback(
    entity: CompoundEntityRef,
    range?: DayRange,
  ): Promise<EntityChargeback>;
  /** The lines of the entity's report as CSV text, header row first. */
  getEntityChargebackCsv(
    entity: CompoundEntityRef,
    range?: DayRange,
  ): Promise<string>;
  getTopicChargeback(topic: string, range?: DayRange): Promise<TopicChargeback>;
  getOwnerChargeback(
    ownerRef: string,
    range?: DayRange,
  ): Promise<OwnerChargeback>;
  getMeshChargeback(range?: DayRange): Promise<MeshChargeback>;
  /**
   * How to read a topic, and whether the signed-in user's data products
   * may read it today; secrets are placeholders.
   */
  getConsumeInfo(topic: string): Promise<ConsumeInfo>;

  // Access requests: a consumer asks, the owner decides, the spec changes.
  /** Asks for READ on a topic for one of the user's data products. */
  requestAccess(request: NewAccessRequest): Promise<AccessRequestCreated>;
  /** The requests that match every filter given, newest first. */
  listAccessRequests(query?: AccessRequestQuery): Promise<AccessRequest[]>;
  /** One request; an approved one is checked against the spec and the cluster first. */
  getAccessRequest(id: string): Promise<AccessRequest>;
  /** Approves (proposing the grant) or denies a pending request; owners only. */
  decideAccessRequest(
    id: string,
    decision: AccessDecision,
  ): Promise<AccessRequest>;
  /** Proposes removing a grant from the owner's spec; owners only. */
  revokeAccess(revocation: NewAccessRevocation): Promise<AccessRequest>;

  // Operating the topics: consumer lag and a look at the messages.
  /**
   * The readers of the data product's topics and how far behind they are,
   * from the last collection; one topic only when `topic` is given.
   */
  getReadersLag(
    entityRef: string,
    options?: { topic?: string },
  ): Promise<LagReaders>;
  /** The groups the data product's app-id owns: what it is behind on. */
  getOwnedGroupsLag(entityRef: string): Promise<LagGroups>;
  /**
   * One group's lag on one topic at every stored collection of the last
   * `days` (the backend's default 7), oldest first.
   */
  getLagHistory(
    topic: string,
    groupId: string,
    options?: { days?: number },
  ): Promise<LagHistory>;
  /**
   * The last messages of a topic, newest first; needs
   * `specmesh.topic.preview` on the topic's entity (403 otherwise).
   */
  previewMessages(
    topic: string,
    options?: PreviewOptions,
  ): Promise<MessagePreview>;
}

/**
 * The {@link SpecmeshApi}.
 *
 * @public
 */
export const specmeshApiRef = createApiRef<SpecmeshApi>({
  id: 'plugin.specmesh.api',
});
