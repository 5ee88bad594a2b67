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

/*
 * A real SpecMesh backend plugin (plans, applies, lock, history, audit) on the
 * test cluster, with a catalog of the given entities and a permission policy
 * like the demo's: an entity's owner and the administrator may provision it;
 * only the administrator may provision a spec the catalog has no entity for.
 */
import type {
  BackendFeature,
  BackstageCredentials,
  BackstageUserPrincipal,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { specmeshEntityProvisionPermission } from '@meshport/plugin-specmesh-common';
// The test wires the real backend the actions call over HTTP; the module itself
// never imports it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import specmeshBackend from '@meshport/plugin-specmesh-backend';
import { SpecmeshClient } from '@meshport/plugin-specmesh-node';
import type { Knex } from 'knex';
import type { AddressInfo } from 'node:net';
import type { TestCluster } from './testCluster';

export const OWNER = 'user:default/owner';
export const STRANGER = 'user:default/stranger';
export const ADMIN = 'user:default/admin';

/** One audit event of the backend, with its outcome once known. */
export interface AuditedEvent {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome?: 'success' | 'fail';
}

export interface TestBackend {
  /** The backend's HTTP server, for supertest. */
  server: any;
  /** A client of its SpecMesh API, as the scaffolder module gets one. */
  specmesh: SpecmeshClient;
  events: AuditedEvent[];
  stop(): Promise<void>;
}

function userOf(credentials: unknown): string {
  return (
    (credentials as BackstageCredentials<{ userEntityRef?: string }>).principal
      ?.userEntityRef ?? ''
  );
}

const PROVISION = specmeshEntityProvisionPermission.name;

// Everything else (the scaffolder's own permissions) is allowed.
const demoPolicy = mockServices.permissions.mock({
  authorize: async (requests, options) =>
    requests.map(({ permission }) => ({
      result:
        permission.name !== PROVISION ||
        [OWNER, ADMIN].includes(userOf(options.credentials))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any,
  authorizeConditional: async (requests, options) =>
    requests.map(({ permission }) =>
      permission.name !== PROVISION || userOf(options.credentials) === ADMIN
        ? { result: AuthorizeResult.ALLOW }
        : {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: {},
            },
          },
    ) as any,
});

export async function startSpecmeshBackend(
  cluster: TestCluster,
  options: {
    entities?: Entity[];
    /** Instead of a catalog of `entities`. */
    catalog?: ServiceFactory;
    /** More features, such as the scaffolder and this module. */
    features?: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
    /** The backend's database, to reach its tables from the test. */
    knex?: Knex;
  } = {},
): Promise<TestBackend> {
  const auditor = mockServices.auditor.mock();
  const events: AuditedEvent[] = [];
  auditor.createEvent.mockImplementation(async event => {
    const recorded: AuditedEvent = {
      eventId: event.eventId,
      meta: event.meta as Record<string, unknown>,
    };
    events.push(recorded);
    return {
      success: async ({ meta } = {}) => {
        Object.assign(recorded, {
          outcome: 'success',
          meta: meta ?? recorded.meta,
        });
      },
      fail: async ({ meta }) => {
        Object.assign(recorded, {
          outcome: 'fail',
          meta: meta ?? recorded.meta,
        });
      },
    };
  });
  const backend = await startTestBackend({
    features: [
      specmeshBackend,
      options.catalog ??
        catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({
        data: cluster.config.get() as JsonObject,
      }),
      demoPolicy.factory,
      auditor.factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.features ?? []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const specmesh = new SpecmeshClient({
    discovery: {
      getBaseUrl: async pluginId => `http://localhost:${port}/api/${pluginId}`,
      getExternalBaseUrl: async pluginId =>
        `http://localhost:${port}/api/${pluginId}`,
    },
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
  });
  return {
    server: backend.server,
    specmesh,
    events,
    stop: () => backend.stop(),
  };
}

/** The initiator credentials of a template run by `user`. */
export function initiator(
  user: string,
): () => Promise<BackstageCredentials<BackstageUserPrincipal>> {
  return async () => mockCredentials.user(user);
}
