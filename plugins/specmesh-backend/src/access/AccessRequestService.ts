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
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  specmeshAccessDecidePermission,
  specmeshAccessRequestPermission,
} from '@meshport/plugin-specmesh-common';
import { randomUUID } from 'crypto';
import type { Request } from 'express';
import type { AccessNotifier } from './AccessNotifier';
import type {
  AccessRequestFilter,
  AccessRequestStore,
} from './AccessRequestStore';
import { authorizeOn, entityRefField, required } from './accessInputs';
import { audited } from './auditAccess';
import { proposeChange } from './proposeChange';
import type { GrantProposer } from './GrantProposer';
import type { GrantTracker } from './GrantTracker';
import { appIdOf, TopicOwners } from './TopicOwners';
import type { AccessRequestRecord } from './types';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** What a new request came to. */
export interface AccessRequestCreated {
  outcome: 'created' | 'merged' | 'already-granted';
  request?: AccessRequestRecord;
  message?: string;
}

/**
 * Access requests from asking to granted: a data product's owners ask for READ
 * on another's topic; the topic's owners approve (a proposed change to their
 * spec, never to the cluster) or deny; the grant tracker sees it in force.
 */
export class AccessRequestService {
  constructor(
    private readonly deps: {
      store: AccessRequestStore;
      catalog: CatalogService;
      topics: TopicOwners;
      permissions: PermissionsService;
      auditor: AuditorService;
      proposer: GrantProposer;
      /** Asks the catalog to re-read the owner's entity after a proposal. */
      refreshOwner?: (entityRef: string) => Promise<void>;
      notifier: AccessNotifier;
      tracker: GrantTracker;
    },
  ) {}

  async create(
    body: { topic: string; requesterEntityRef: string; reason: string },
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<AccessRequestCreated> {
    const actor = credentials.principal.userEntityRef;
    const meta = {
      actor,
      topic: body.topic,
      requester: body.requesterEntityRef,
    };
    return audited<AccessRequestCreated>(
      this.deps.auditor,
      { eventId: 'access-request-create', meta, request },
      async () => {
        const reason = required(body.reason, 'reason');
        const requesterRef = entityRefField(
          body.requesterEntityRef,
          'requesterEntityRef',
        );
        const requester = await this.deps.catalog.getEntityByRef(requesterRef, {
          credentials,
        });
        if (!requester) {
          throw new NotFoundError(
            `requesterEntityRef: no entity ${requesterRef} in the catalog`,
          );
        }
        const requesterAppId = appIdOf(requester);
        if (!requesterAppId) {
          throw new InputError(
            `requesterEntityRef: ${requesterRef} is not a data product (an API entity with a meshport.dev/app-id annotation): ask on behalf of the data product that will read`,
          );
        }
        await authorizeOn(
          this.deps.permissions,
          specmeshAccessRequestPermission,
          requesterRef,
          credentials,
          `You may not ask for access on behalf of ${requesterRef}: that needs ${specmeshAccessRequestPermission.name}, which its owners have`,
        );

        const owner = await this.deps.topics.mustOwnerOf(
          body.topic,
          credentials,
        );
        if (owner.topic.access === 'private') {
          throw new InputError(
            `topic: ${body.topic} is _private: private data is never shared (RULES §3). Ask its owner, ${owner.entityRef}, to publish what you need on a _protected or _public topic`,
          );
        }
        if (owner.appId === requesterAppId) {
          throw new InputError(
            `topic: ${body.topic} belongs to ${requesterAppId} itself: a data product reads its own topics without a grant`,
          );
        }
        if (
          owner.topic.access === 'public' ||
          owner.grantees.includes('_public') ||
          owner.grantees.includes(requesterAppId)
        ) {
          const [granted] = await this.deps.store.list({
            topic: body.topic,
            requesterEntityRef: stringifyEntityRef(requester),
            state: 'granted',
          });
          const message =
            owner.topic.access === 'public' ||
            owner.grantees.includes('_public')
              ? `${body.topic} is public: every data product may read it`
              : `The spec of ${owner.entityRef} already grants ${requesterAppId} read access to ${body.topic}`;
          return {
            result: {
              outcome: 'already-granted',
              message,
              ...(granted && { request: granted }),
            },
            meta: { outcome: 'already-granted' },
          };
        }

        const now = new Date().toISOString();
        const { request: stored, merged } = await this.deps.store.createPending(
          {
            id: randomUUID(),
            kind: 'grant',
            topic: body.topic,
            ownerEntityRef: owner.entityRef,
            ownerAppId: owner.appId,
            requesterEntityRef: stringifyEntityRef(requester),
            requesterAppId,
            reason,
            state: 'pending',
            createdBy: actor,
            createdAt: now,
            updatedAt: now,
          },
        );
        if (!merged) await this.deps.notifier.requested(stored);
        const outcome = merged ? 'merged' : 'created';
        return {
          result: { outcome, request: stored },
          meta: { outcome, requestId: stored.id },
        };
      },
    );
  }

  list(filter: AccessRequestFilter): Promise<AccessRequestRecord[]> {
    return this.deps.store.list(filter);
  }

  /** One request; an approved one is checked against the spec and cluster first. */
  async get(id: string): Promise<AccessRequestRecord> {
    const found = await this.mustGet(id);
    if (found.state !== 'approved') return found;
    await this.deps.tracker.check([found]);
    return this.mustGet(id);
  }

  async decide(
    id: string,
    body: { decision: 'approve' | 'deny'; comment?: string },
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<AccessRequestRecord> {
    const actor = credentials.principal.userEntityRef;
    const meta = { actor, requestId: id, decision: body.decision };
    return audited(
      this.deps.auditor,
      { eventId: 'access-request-decide', meta, request },
      async () => {
        const found = await this.mustGet(id);
        await authorizeOn(
          this.deps.permissions,
          specmeshAccessDecidePermission,
          found.ownerEntityRef,
          credentials,
          `You may not decide on access to ${found.topic}: that needs ${specmeshAccessDecidePermission.name} on ${found.ownerEntityRef}, which its owners have`,
        );
        if (found.state !== 'pending') {
          throw new ConflictError(
            `Access request ${id} is ${found.state}, no longer pending`,
          );
        }
        const comment = body.comment?.trim() || undefined;
        if (body.decision === 'deny' && !comment) {
          throw new InputError(
            'comment: a denial needs a comment telling the requester why',
          );
        }
        const decidedAt = new Date();
        const state = body.decision === 'approve' ? 'approved' : 'denied';
        if (
          !(await this.deps.store.decide(id, {
            state,
            decidedBy: actor,
            decidedAt,
            comment,
          }))
        ) {
          throw new ConflictError(`Access request ${id} was decided meanwhile`);
        }
        if (state === 'approved') {
          await proposeChange(
            this.deps,
            found,
            { action: 'grant', comment: comment ?? found.reason },
            credentials,
          );
        }
        const decided = await this.mustGet(id);
        await this.deps.notifier.decided(decided);
        return {
          result: decided,
          meta: {
            state: decided.state,
            topic: found.topic,
            requesterAppId: found.requesterAppId,
          },
        };
      },
    );
  }

  private async mustGet(id: string): Promise<AccessRequestRecord> {
    const found = await this.deps.store.get(id);
    if (!found) throw new NotFoundError(`No access request ${id}`);
    return found;
  }
}
