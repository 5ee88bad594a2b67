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
// The data products, users and backend of the consume endpoint's integration test.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Server } from 'http';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { RealCluster } from '../../__testUtils__/realCluster';
import { specmeshPlugin } from '../../plugin';

export const OWNER = 'user:default/owner';
export const READER = 'user:default/reader';
export const NOBODY = 'user:default/nobody';
export const PRODUCERS = 'group:default/producers';
export const CONSUMERS = 'group:default/consumers';
export const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
export const REGISTRY_SECRET = {
  username: 'reg-user-7f3a',
  password: 'reg-pass-9c1d',
};

function apiEntity(appId: string, group: string, spec: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: { 'meshport.dev/app-id': appId },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: group,
      definition: JSON.stringify(spec, null, 2),
    },
    relations: [{ type: 'ownedBy', targetRef: group }],
  };
}

export const payload = {
  type: 'object',
  properties: { id: { type: 'string' } },
};

function owningProduct(appId: string, grantee: string): Entity {
  const channel = (tags: object[] = []) => ({
    bindings: { kafka: { partitions: 1 } },
    publish: { tags, message: { payload } },
  });
  return apiEntity(appId, PRODUCERS, {
    asyncapi: '2.5.0',
    id: `urn:${appId}`,
    info: { title: appId, version: '1.0.0' },
    channels: {
      '_public.events': channel(),
      '_protected.orders': channel([{ name: `grant-access:${grantee}` }]),
      '_private.secrets': channel(),
    },
  });
}

function readingProduct(appId: string, topic: string): Entity {
  return apiEntity(appId, CONSUMERS, {
    asyncapi: '2.5.0',
    id: `urn:${appId}`,
    info: { title: appId, version: '1.0.0' },
    channels: { [topic]: { subscribe: { message: { payload } } } },
  });
}

export async function startBackend(
  realCluster: RealCluster,
  entities: Entity[],
  registryUrl = realCluster.infra.registry.url,
): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const user = (
            credentials as BackstageCredentials<{ userEntityRef: string }>
          ).principal.userEntityRef;
          const groups: Record<string, string[]> = {
            [OWNER]: [PRODUCERS],
            [READER]: [CONSUMERS],
          };
          return {
            userEntityRef: user,
            ownershipEntityRefs: [user, ...(groups[user] ?? [])],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(() => ({
            result:
              (options.credentials as BackstageCredentials<any>).principal
                .userEntityRef === OWNER
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })) as any,
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          specmesh: {
            clusters: [
              {
                name: 'local',
                brokers: realCluster.infra.kafka.brokers,
                sasl: realCluster.infra.kafka.sasl,
                schemaRegistry: { url: registryUrl, ...REGISTRY_SECRET },
              },
            ],
          },
        },
      }),
    ],
  });
  return server;
}

/** Three data products: the owner's, one it grants, one it does not. */
export function mesh(realCluster: RealCluster) {
  const owner = realCluster.newAppId();
  const granted = realCluster.newAppId();
  const other = realCluster.newAppId();
  const publicTopic = `${owner}._public.events`;
  return {
    owner,
    granted,
    other,
    publicTopic,
    protectedTopic: `${owner}._protected.orders`,
    privateTopic: `${owner}._private.secrets`,
    entities: [
      owningProduct(owner, granted),
      readingProduct(granted, publicTopic),
      readingProduct(other, publicTopic),
    ],
  };
}

export const consumeUrl = (topic: string) =>
  `/api/specmesh/topics/${encodeURIComponent(topic)}/consume`;
