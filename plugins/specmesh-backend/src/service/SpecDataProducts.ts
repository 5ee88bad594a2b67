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
import type {
  AuthService,
  BackstageCredentials,
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
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MESHPORT_APP_ID_ANNOTATION,
  specmeshEntityProvisionPermission,
} from '@meshport/plugin-specmesh-common';

/**
 * Which catalog entity a spec sent by value belongs to, and whether the caller
 * may plan or provision it.
 *
 * The entity is the one the request names, else the one the catalog holds for
 * the spec's app-id. It must be the data product of this very spec (its app-id
 * annotation) and the only entity claiming the app-id: otherwise owning a fresh
 * entity that claims an existing app-id would hand over that app-id's topics.
 * An apply needs `specmesh.entity.provision` on that entity; with no entity,
 * only an unconditional grant passes, since no condition on an entity can be
 * checked.
 */
export class SpecDataProducts {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
    },
  ) {}

  /**
   * The spec's data product as the caller may see it, or undefined for an
   * app-id the catalog does not know.
   */
  async find(
    appId: string,
    entityRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const claimants = await this.claimantsOf(appId);
    if (entityRef === undefined) {
      if (claimants.length === 0) return undefined;
      if (claimants.length > 1) {
        throw new ConflictError(
          `The app-id '${appId}' is claimed by ${claimants.join(
            ', ',
          )}: keep one data product per app-id, then name it in entityRef`,
        );
      }
      const entity = await this.deps.catalog.getEntityByRef(claimants[0], {
        credentials,
      });
      if (!entity) {
        throw new NotAllowedError(
          `The app-id '${appId}' belongs to a data product you may not see: choose another app-id`,
        );
      }
      return entity;
    }

    const ref = normalizeRef(entityRef);
    const entity = await this.deps.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `Entity ${ref} is not in the catalog, or you may not see it: register it first (catalog:register), check the catalog's processing errors for it, then try again`,
      );
    }
    const entityAppId =
      entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
    if (entityAppId === undefined) {
      throw new NotFoundError(
        `Entity ${ref} has no ${MESHPORT_APP_ID_ANNOTATION} annotation yet: it must be an API entity of spec.type asyncapi that the Meshport catalog module has processed; see its processing errors in the catalog`,
      );
    }
    if (entityAppId !== appId) {
      throw new InputError(
        `Entity ${ref} is the data product '${entityAppId}', not '${appId}': set entityRef to the entity registered for this spec`,
      );
    }
    const others = claimants.filter(claimant => !sameRef(claimant, ref));
    if (others.length > 0) {
      throw new ConflictError(
        `The app-id '${appId}' already belongs to ${others.join(
          ', ',
        )}: choose another app-id for ${ref}, or change the existing data product instead`,
      );
    }
    return entity;
  }

  /** Resolves when the caller may provision the spec's app-id; throws a NotAllowedError otherwise. */
  async authorizeProvision(
    appId: string,
    entity: Entity | undefined,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const permission = specmeshEntityProvisionPermission;
    if (entity) {
      const entityRef = stringifyEntityRef(entity);
      const [decision] = await this.deps.permissions.authorize(
        [{ permission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not provision ${entityRef}: applying a data product needs the ${permission.name} permission, which its owners have`,
        );
      }
      return;
    }
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not provision '${appId}' without its catalog entity: register the data product first and name it in entityRef (for example the output entityRef of catalog:register), so that its owners may apply it`,
      );
    }
  }

  /** Every entity claiming the app-id, seen over the whole catalog with the plugin's own credentials. */
  private async claimantsOf(appId: string): Promise<string[]> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'API',
          [`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`]: appId,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return items.map(entity => stringifyEntityRef(entity)).sort();
  }
}

function normalizeRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'API' }));
  } catch (error) {
    throw new InputError(
      `Invalid entityRef '${ref}': ${
        (error as Error).message
      }; use a full entity ref such as api:default/acme.lifestyle.onboarding`,
    );
  }
}

// Entity refs compare case-insensitively, as the catalog does.
function sameRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
