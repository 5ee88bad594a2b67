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
// The data products, topic entities, users and backend of the preview's integration test.
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
/** Allowed everything by the policy, as an administrator; owns nothing. */
export const ADMIN = 'user:default/admin';
export const PRODUCERS = 'group:default/producers';
export const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
export const REGISTRY_SECRET = {
  username: 'reg-user-41b',
  password: 'reg-pass-7e2',
};
export const MAX_BYTES = 4_096;
export const MAX_MESSAGES = 30;

const channel = (partitions: number) => ({
  bindings: { kafka: { partitions } },
  publish: { message: { payload: { type: 'object' } } },
});

/** The owner's data product, its topic entities (as the catalog module writes them). */
export function previewMesh(realCluster: RealCluster, cluster = 'local') {
  const appId = realCluster.newAppId();
  const names = {
    avro: `${appId}._protected.avro`,
    json: `${appId}._protected.json`,
    proto: `${appId}._protected.proto`,
    raw: `${appId}._protected.raw`,
    big: `${appId}._protected.big`,
    public: `${appId}._public.events`,
    private: `${appId}._private.secrets`,
  };
  const spec = {
    asyncapi: '2.5.0',
    id: `urn:${appId}`,
    info: { title: appId, version: '1.0.0' },
    channels: Object.fromEntries(
      Object.values(names).map(topic => [
        topic.slice(appId.length + 1),
        channel(topic === names.avro ? 3 : 1),
      ]),
    ),
  };
  const topicEntities: Entity[] = Object.values(names).map(topic => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: topic.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 63),
      namespace: 'default',
      annotations: {
        'meshport.dev/topic': topic,
        'meshport.dev/app-id': appId,
      },
      labels: { 'meshport.dev/access': topic.split('.').slice(-2)[0].slice(1) },
    },
    spec: { type: 'kafka-topic', owner: PRODUCERS },
    relations: [{ type: 'ownedBy', targetRef: PRODUCERS }],
  }));
  const api: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: {
        'meshport.dev/app-id': appId,
        'meshport.dev/cluster': cluster,
      },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: PRODUCERS,
      definition: JSON.stringify(spec),
    },
    relations: [
      { type: 'ownedBy', targetRef: PRODUCERS },
      ...topicEntities.map(topic => ({
        type: 'hasPart',
        targetRef: `resource:default/${topic.metadata.name}`,
      })),
    ],
  };
  return { appId, names, entities: [api, ...topicEntities] };
}

export interface AuditRecord {
  eventId: string;
  meta?: any;
  outcome?: string;
}

/**
 * The backend with a policy that allows the owner and the administrator, and
 * anyone on a `_public` topic's entity when `publicTopics` (the condition the
 * demo policy gives: its label `meshport.dev/access: public`).
 */
export async function startPreviewBackend(
  realCluster: RealCluster,
  entities: Entity[],
  options: { publicTopics: boolean },
): Promise<{ server: Server; events: AuditRecord[] }> {
  const auditor = mockServices.auditor.mock();
  const events: AuditRecord[] = [];
  auditor.createEvent.mockImplementation(async event => {
    const recorded: AuditRecord = { eventId: event.eventId, meta: event.meta };
    events.push(recorded);
    return {
      success: async ({ meta } = {}) => {
        Object.assign(recorded, { outcome: 'success', meta });
      },
      fail: async ({ meta }) => {
        Object.assign(recorded, {
          outcome: 'fail',
          meta: meta ?? recorded.meta,
        });
      },
    };
  });
  const publicRefs = new Set(
    entities
      .filter(e => e.metadata.labels?.['meshport.dev/access'] === 'public')
      .map(e => `resource:default/${e.metadata.name}`),
  );
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      auditor.factory,
      catalogServiceMock.factory({ entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const user = (
            credentials as BackstageCredentials<{ userEntityRef: string }>
          ).principal.userEntityRef;
          return {
            userEntityRef: user,
            ownershipEntityRefs: user === OWNER ? [user, PRODUCERS] : [user],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests, opts) => {
          const user = (opts.credentials as BackstageCredentials<any>).principal
            .userEntityRef;
          return requests.map(request => ({
            result:
              user === OWNER ||
              user === ADMIN ||
              (options.publicTopics &&
                publicRefs.has((request as any).resourceRef))
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })) as any;
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          specmesh: {
            preview: {
              maxMessages: MAX_MESSAGES,
              maxBytes: MAX_BYTES,
              publicTopics: options.publicTopics,
            },
            clusters: [
              {
                name: 'local',
                brokers: realCluster.infra.kafka.brokers,
                sasl: realCluster.infra.kafka.sasl,
                schemaRegistry: {
                  url: realCluster.infra.registry.url,
                  ...REGISTRY_SECRET,
                },
              },
              {
                name: 'down',
                brokers: ['127.0.0.1:1'],
                sasl: {
                  mechanism: 'plain',
                  username: 'u',
                  password: 'down-secret-93',
                },
                schemaRegistry: { url: realCluster.infra.registry.url },
              },
            ],
          },
        },
      }),
    ],
  });
  return { server, events };
}

export const messagesUrl = (topic: string, query = '') =>
  `/api/specmesh/topics/${encodeURIComponent(topic)}/messages${query}`;

/** Registers a schema under a subject of its own and returns its global id. */
export async function registerSchema(
  registryUrl: string,
  subject: string,
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF',
  schema: string,
): Promise<number> {
  const response = await fetch(
    `${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema, schemaType }),
    },
  );
  if (!response.ok) {
    throw new Error(
      `register ${subject}: ${response.status} ${await response.text()}`,
    );
  }
  return ((await response.json()) as { id: number }).id;
}

/** The Confluent wire format: magic 0, schema id, then (Protobuf) the message indexes. */
export function wire(
  id: number,
  payload: Uint8Array,
  prefix: number[] = [],
): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  return Buffer.concat([header, Buffer.from(prefix), payload]);
}
