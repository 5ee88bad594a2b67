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
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Authorizes a permission on an entity, or throws a NotAllowedError saying why. */
export async function authorizeOn(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  resourceRef: string,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  refusal: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(refusal);
  }
}

/** A trimmed, non-empty field, or an InputError naming it. */
export function required(value: string | undefined, field: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new InputError(`${field}: must not be empty`);
  return trimmed;
}

/** An entity ref (kind default `api`), or an InputError naming the field. */
export function entityRefField(value: string, field: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(required(value, field), {
        defaultKind: 'api',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${field}: '${value}' is not an entity ref such as api:default/acme.shop.orders`,
    );
  }
}

/**
 * The body, when it is an object of only the named properties; else an
 * InputError naming the stray ones (the OpenAPI validator would not).
 */
export function onlyFields<T>(body: T, fields: readonly string[]): T {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError('The request body must be a JSON object');
  }
  const stray = Object.keys(body).filter(key => !fields.includes(key));
  if (stray.length > 0) {
    throw new InputError(
      `${stray.join(', ')}: unknown propert${
        stray.length === 1 ? 'y' : 'ies'
      }; send only ${fields.join(', ')}`,
    );
  }
  return body;
}
