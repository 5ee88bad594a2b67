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
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  parseErrorResponseBody,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  SpecmeshApplyRecord,
  SpecmeshEntityPlan,
  SpecmeshSpecPlan,
  SpecmeshSpecRequest,
} from './types';

/** The backend plugin's id, whose HTTP API this client calls. */
const SPECMESH_PLUGIN_ID = 'specmesh';

/**
 * Options of every call: whose behalf it is made on (for example the person
 * running a template, `ctx.getInitiatorCredentials()`).
 *
 * @public
 */
export interface SpecmeshCallOptions {
  credentials: BackstageCredentials;
  signal?: AbortSignal;
}

/**
 * Other backend plugins' way to plan and apply data products: through the
 * SpecMesh backend's HTTP API, on behalf of a caller, so that its permission
 * checks, per-app-id lock, apply history and audit apply. The backend is the
 * only writer to a cluster inside the portal.
 *
 * Errors carry the backend's message: 400 is an InputError, 401 an
 * AuthenticationError, 403 a NotAllowedError, 404 a NotFoundError, 409 a
 * ConflictError, 503 a ServiceUnavailableError; any other a ResponseError.
 *
 * @public
 */
export class SpecmeshClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /** Plans a registered data product's spec on its cluster. */
  planEntity(
    entityRef: string,
    options: SpecmeshCallOptions & { deleteUnmanaged?: boolean },
  ): Promise<SpecmeshEntityPlan> {
    return this.post(`${entityPath(entityRef)}/plan`, options, {
      ...(options.deleteUnmanaged && { deleteUnmanaged: true }),
    });
  }

  /** Applies a registered data product's spec on its cluster. */
  applyEntity(
    entityRef: string,
    options: SpecmeshCallOptions & { deleteUnmanaged?: boolean },
  ): Promise<SpecmeshApplyRecord> {
    return this.post(`${entityPath(entityRef)}/apply`, options, {
      ...(options.deleteUnmanaged && { deleteUnmanaged: true }),
    });
  }

  /** Plans a spec sent by value, such as a template's workspace spec. */
  planSpec(
    request: SpecmeshSpecRequest,
    options: SpecmeshCallOptions,
  ): Promise<SpecmeshSpecPlan> {
    return this.post('/specs/plan', options, request);
  }

  /** Applies a spec sent by value, such as a template's workspace spec. */
  applySpec(
    request: SpecmeshSpecRequest,
    options: SpecmeshCallOptions,
  ): Promise<SpecmeshApplyRecord> {
    return this.post('/specs/apply', options, request);
  }

  private async post<T>(
    path: string,
    options: SpecmeshCallOptions,
    body: unknown,
  ): Promise<T> {
    const [baseUrl, { token }] = await Promise.all([
      this.deps.discovery.getBaseUrl(SPECMESH_PLUGIN_ID),
      this.deps.auth.getPluginRequestToken({
        onBehalfOf: options.credentials,
        targetPluginId: SPECMESH_PLUGIN_ID,
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
      signal: options.signal,
    });
    if (!response.ok) {
      throw await errorOf(response);
    }
    return (await response.json()) as T;
  }
}

/**
 * The client, for any backend plugin or module: `deps: { specmesh: specmeshClientServiceRef }`.
 *
 * @public
 */
export const specmeshClientServiceRef = createServiceRef<SpecmeshClient>({
  id: 'specmesh.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: deps => new SpecmeshClient(deps),
    }),
});

const ERRORS_BY_STATUS: Record<number, new (message: string) => Error> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
  503: ServiceUnavailableError,
};

/** The backend's error, as the @backstage/errors class of its status with its message. */
async function errorOf(response: Response): Promise<Error> {
  const ErrorClass = ERRORS_BY_STATUS[response.status];
  if (!ErrorClass) return ResponseError.fromResponse(response);
  let message: string;
  try {
    message = (await parseErrorResponseBody(response)).error.message;
  } catch {
    message = `The SpecMesh backend answered ${response.status} ${response.statusText}`;
  }
  return new ErrorClass(message);
}

/** `/entities/<kind>/<namespace>/<name>` of an entity ref such as `api:default/x`. */
function entityPath(entityRef: string): string {
  const match = /^([^:/]+):(?:([^:/]+)\/)?([^:/]+)$/.exec(entityRef);
  if (!match) {
    throw new InputError(
      `Invalid entity ref '${entityRef}': use kind:namespace/name, for example api:default/acme.lifestyle.onboarding`,
    );
  }
  const [, kind, namespace = 'default', name] = match;
  return `/entities/${[kind, namespace, name]
    .map(part => encodeURIComponent(part))
    .join('/')}`;
}
