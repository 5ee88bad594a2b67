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
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MESHPORT_APP_ID_ANNOTATION,
  specmeshAccessDecidePermission,
} from '@meshport/plugin-specmesh-common';
import { randomUUID } from 'crypto';
import type { Request } from 'express';
import { authorizeOn } from './accessInputs';
import type { AccessRequestStore } from './AccessRequestStore';
import { audited } from './auditAccess';
import type { GrantProposer } from './GrantProposer';
import { proposeChange } from './proposeChange';
import type { TopicOwners } from './TopicOwners';
import type { AccessRequestRecord } from './types';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * An owner takes back an app-id's read access to one of their topics: a
 * request of kind `revoke`, decided at once, whose proposal removes the
 * `grant-access:<app-id>` tag; the grant tracker sees it `revoked`.
 */
export class AccessRevocationService {
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
    },
  ) {}

  async revoke(
    body: { topic: string; granteeAppId: string; comment?: string },
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<AccessRequestRecord> {
    const actor = credentials.principal.userEntityRef;
    const meta = { actor, topic: body.topic, granteeAppId: body.granteeAppId };
    return audited(
      this.deps.auditor,
      { eventId: 'access-revoke', meta, request },
      async () => {
        const owner = await this.deps.topics.mustOwnerOf(
          body.topic,
          credentials,
        );
        await authorizeOn(
          this.deps.permissions,
          specmeshAccessDecidePermission,
          owner.entityRef,
          credentials,
          `You may not revoke access to ${body.topic}: that needs ${specmeshAccessDecidePermission.name} on ${owner.entityRef}, which its owners have`,
        );
        if (!owner.grantees.includes(body.granteeAppId)) {
          throw new InputError(
            `granteeAppId: the spec of ${owner.entityRef} does not grant ${body.granteeAppId} read access to ${body.topic}: there is nothing to revoke`,
          );
        }
        const grantee = await this.dataProductOf(
          body.granteeAppId,
          credentials,
        );
        const now = new Date().toISOString();
        const comment = body.comment?.trim() || undefined;
        const record: AccessRequestRecord = {
          id: randomUUID(),
          kind: 'revoke',
          topic: body.topic,
          ownerEntityRef: owner.entityRef,
          ownerAppId: owner.appId,
          requesterEntityRef: grantee ?? '',
          requesterAppId: body.granteeAppId,
          reason: comment ?? `Revoked by ${actor}`,
          state: 'approved',
          createdBy: actor,
          createdAt: now,
          decidedBy: actor,
          decidedAt: now,
          ...(comment && { decisionComment: comment }),
          updatedAt: now,
        };
        await this.deps.store.createDecided(record);
        await proposeChange(
          this.deps,
          record,
          { action: 'revoke', comment: record.reason },
          credentials,
        );
        const stored = await this.deps.store.get(record.id);
        if (!stored) throw new NotFoundError(`No access request ${record.id}`);
        return {
          result: stored,
          meta: { requestId: stored.id, state: stored.state },
        };
      },
    );
  }

  private async dataProductOf(appId: string, credentials: UserCredentials) {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'API',
          [`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`]: appId,
        },
      },
      { credentials },
    );
    return items.length === 1 ? stringifyEntityRef(items[0]) : undefined;
  }
}
