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

import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MESHPORT_APP_ID_ANNOTATION,
  specmeshEntityProvisionPermission,
} from '@meshport/plugin-specmesh-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { RegisteredDataProduct } from '../provisioning/SpecmeshProvisioning';

/** How long to wait for the catalog to process a just-registered entity, by default. */
export const DEFAULT_ENTITY_WAIT_MS = 120_000;
const POLL_INTERVAL_MS = 1_000;

/** What a provision request is about, and on whose behalf it is made. */
export interface ProvisionRequest {
  /** The app-id of the spec to apply. */
  appId: string;
  /** The data product's catalog entity; absent for a spec the catalog does not know. */
  entityRef?: string;
  credentials: BackstageCredentials;
  logger: LoggerService;
  signal?: AbortSignal;
}

/**
 * Decides whether the person running a template may apply a spec, with
 * `specmesh.entity.provision`: a permission on catalog entities, so that
 * policies can grant it to an entity's owners.
 *
 * A new data product has no entity until the template registers it. With the
 * entity named, the check waits until the catalog has processed it (owner and
 * app-id known), makes sure the entity is the data product of this very spec
 * and the only one claiming its app-id, and then asks the policy about that
 * entity. Without an entity only an unconditional grant passes (a policy's
 * "anyone may provision anything"), since no condition on an entity can be
 * checked.
 */
export class ProvisionAuthorizer {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      /** Every data product the catalog knows, seen over the whole catalog. */
      registeredDataProducts: () => Promise<RegisteredDataProduct[]>;
      /** Default {@link DEFAULT_ENTITY_WAIT_MS}. */
      entityWaitMs?: number;
      /** Default one second. */
      pollIntervalMs?: number;
    },
  ) {}

  /** Resolves when the request may go ahead; throws a NotAllowedError (or why it cannot tell) otherwise. */
  async authorize(request: ProvisionRequest): Promise<void> {
    if (request.entityRef === undefined) {
      await this.authorizeWithoutEntity(request);
      return;
    }

    const entityRef = normalizeRef(request.entityRef);
    const entity = await this.processedEntity(entityRef, request);
    const entityAppId =
      entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
    if (entityAppId !== request.appId) {
      throw new InputError(
        `Entity ${entityRef} is the data product '${entityAppId}', not '${request.appId}': set input entityRef to the entity registered for this spec`,
      );
    }

    const [decision] = await this.options.permissions.authorize(
      [
        {
          permission: specmeshEntityProvisionPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials: request.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not provision ${entityRef}: applying a data product needs the ${specmeshEntityProvisionPermission.name} permission, which its owners have`,
      );
    }

    // Otherwise owning a fresh entity that claims an existing app-id would
    // hand over that app-id's topics.
    const claimants = (await this.options.registeredDataProducts())
      .filter(product => product.appId === request.appId)
      .map(product => product.entityRef)
      .filter(ref => !sameRef(ref, entityRef));
    if (claimants.length > 0) {
      throw new ConflictError(
        `The app-id '${request.appId}' already belongs to ${claimants.join(
          ', ',
        )}: choose another app-id for ${entityRef}, or change the existing data product instead`,
      );
    }
  }

  private async authorizeWithoutEntity(request: ProvisionRequest) {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: specmeshEntityProvisionPermission }],
      { credentials: request.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not provision '${request.appId}' without naming its catalog entity: set input entityRef to the data product's entity (for example the output entityRef of catalog:register), so that its owners may apply it`,
      );
    }
  }

  /** The entity once the catalog module has read its spec (the app-id annotation is there). */
  private async processedEntity(
    entityRef: string,
    request: ProvisionRequest,
  ): Promise<Entity> {
    const waitMs = this.options.entityWaitMs ?? DEFAULT_ENTITY_WAIT_MS;
    const pollMs = this.options.pollIntervalMs ?? POLL_INTERVAL_MS;
    const deadline = Date.now() + waitMs;
    let waiting = false;
    for (;;) {
      const entity = await this.options.catalog.getEntityByRef(entityRef, {
        credentials: request.credentials,
      });
      if (entity?.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION]) {
        return entity;
      }
      if (Date.now() + pollMs > deadline) {
        throw new NotFoundError(
          entity
            ? `Entity ${entityRef} has no ${MESHPORT_APP_ID_ANNOTATION} annotation after ${waitMs} ms: it must be an API entity of spec.type asyncapi whose definition the Meshport catalog module can read; see its processing errors in the catalog`
            : `Entity ${entityRef} did not appear in the catalog within ${waitMs} ms: register it first (catalog:register), check the catalog's processing errors for it, then retry the task`,
        );
      }
      if (!waiting) {
        request.logger.info(
          `Waiting for the catalog to process ${entityRef} before checking who may provision it`,
        );
        waiting = true;
      }
      await sleep(pollMs, undefined, { signal: request.signal });
    }
  }
}

function normalizeRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'API' }));
  } catch (error) {
    throw new InputError(
      `Invalid input entityRef '${ref}': ${
        (error as Error).message
      }; use a full entity ref such as api:default/acme.lifestyle.onboarding`,
    );
  }
}

// Entity refs compare case-insensitively, as the catalog does.
function sameRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
