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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClusterConfig,
  PayloadDecoder,
  TopicTailNotFoundError,
} from '@meshport/plugin-specmesh-node';
import {
  MessagePreviewService,
  TopicTailReader,
} from './MessagePreviewService';
import { PreviewDecoding } from './PreviewDecoding';

const OWNERS = 'group:default/producers';
/** The stranger's own group, owner of what they register by hand. */
const STRANGERS = 'group:default/strangers';
const cluster: ClusterConfig = {
  name: 'local',
  brokers: ['b:9092'],
  sasl: { mechanism: 'plain', username: 'admin', password: 'pw-5521' },
  schemaRegistry: { url: 'http://registry' },
} as ClusterConfig;

function topicEntity(
  topic: string,
  options: { name?: string; owner?: string; access?: string } = {},
): Entity {
  const owner = options.owner ?? OWNERS;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: options.name ?? topic,
      namespace: 'default',
      annotations: { 'meshport.dev/topic': topic },
      labels: {
        'meshport.dev/access':
          options.access ?? topic.split('._')[1].split('.')[0],
      },
    },
    spec: { type: 'kafka-topic', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** The data product's API entity, as the catalog module leaves it. */
function apiEntity(topic: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'acme.shop', namespace: 'default' },
    spec: { type: 'asyncapi', owner: OWNERS },
    relations: [
      { type: 'ownedBy', targetRef: OWNERS },
      { type: 'hasPart', targetRef: `resource:default/${topic}` },
    ],
  };
}

function serviceWith(options: {
  access: 'public' | 'protected' | 'private';
  allow: boolean;
  read?: TopicTailReader;
  publicTopics?: boolean;
  /** What the catalog holds for the topic; its data product's entity by default. */
  topicEntities?: (topic: string) => Entity[];
}) {
  const topic = `acme.shop._${options.access}.orders`;
  const checkedRefs: string[] = [];
  const events: Array<{ meta: any; outcome?: string; error?: string }> = [];
  const auditor = mockServices.auditor.mock();
  auditor.createEvent.mockImplementation(async event => {
    const recorded: (typeof events)[number] = { meta: event.meta };
    events.push(recorded);
    return {
      success: async ({ meta } = {}) => {
        Object.assign(recorded, { outcome: 'success', meta });
      },
      fail: async ({ error }) => {
        Object.assign(recorded, { outcome: 'fail', error: error.message });
      },
    };
  });
  const read: TopicTailReader =
    options.read ??
    (async () => ({
      records: [
        {
          partition: 0,
          offset: 7n,
          timestamp: 1_700_000_000_000n,
          key: Buffer.from('k'),
          value: Buffer.from('{"secret":"content"}'),
          headers: [[Buffer.from('h'), Buffer.from('v')]],
          sizeBytes: 22,
        },
      ],
      truncated: false,
      partitionCount: 1,
    }));
  const service = new MessagePreviewService({
    owners: {
      ownerOf: async name =>
        name === topic
          ? ({
              entity: apiEntity(topic),
              entityRef: 'api:default/acme.shop',
              appId: 'acme.shop',
              desired: {} as any,
              cluster,
              topic: { name, access: options.access } as any,
              grantees: [],
            } as any)
          : undefined,
    },
    dataProducts: { clusterOf: () => cluster },
    catalog: {
      getEntities: async () => ({
        items: (options.topicEntities ?? (t => [topicEntity(t)]))(topic),
      }),
    } as any,
    permissions: mockServices.permissions.mock({
      authorize: async requests => {
        checkedRefs.push(...requests.map(r => (r as any).resourceRef));
        return requests.map(() => ({
          result: options.allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        })) as any;
      },
    }),
    userInfo: mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const user = (credentials.principal as any).userEntityRef;
        return {
          userEntityRef: user,
          ownershipEntityRefs: [
            user,
            ...(user === 'user:default/owner' ? [OWNERS] : []),
            ...(user === 'user:default/stranger' ? [STRANGERS] : []),
          ],
        };
      },
    }),
    auditor,
    settings: {
      maxMessages: 20,
      maxBytes: 1000,
      publicTopics: options.publicTopics ?? false,
    },
    read,
    decoding: new PreviewDecoding(
      () => new PayloadDecoder(async () => undefined),
    ),
  });
  return { service, topic, events, checkedRefs };
}

const owner = mockCredentials.user('user:default/owner');
const stranger = mockCredentials.user('user:default/stranger');

describe('MessagePreviewService', () => {
  it('answers the decoded messages and audits counts, never content', async () => {
    const { service, topic, events } = serviceWith({
      access: 'protected',
      allow: true,
    });
    const preview = await service.preview(topic, { limit: '5' }, owner);
    expect(preview).toMatchObject({
      topic,
      cluster: 'local',
      limit: 5,
      partition: null,
      truncated: false,
      messages: [
        {
          partition: 0,
          offset: '7',
          timestamp: '2023-11-14T22:13:20.000Z',
          key: { format: 'text', text: 'k' },
          value: { format: 'json', data: { secret: 'content' } },
          headers: [{ key: 'h', value: { format: 'text', text: 'v' } }],
          sizeBytes: 22,
        },
      ],
    });
    expect(events).toEqual([
      {
        outcome: 'success',
        meta: {
          actor: 'user:default/owner',
          topic,
          partition: null,
          limit: 5,
          cluster: 'local',
          count: 1,
          bytes: 22,
          truncated: false,
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('content');
  });

  it('keeps _private topics to their owners even when the policy allows everyone', async () => {
    const { service, topic, events } = serviceWith({
      access: 'private',
      allow: true,
    });
    await expect(service.preview(topic, {}, stranger)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Previewing messages of a _private topic is for its owners only: ${topic} belongs to ${OWNERS}`,
    });
    expect(events[0].outcome).toBe('fail');
    await expect(service.preview(topic, {}, owner)).resolves.toMatchObject({
      topic,
    });
  });

  it('says why the policy refused, and how _public topics open', async () => {
    const closed = serviceWith({ access: 'public', allow: false });
    await expect(
      closed.service.preview(closed.topic, {}, stranger),
    ).rejects.toThrow(
      /needs specmesh\.topic\.preview on resource:default\/.*; previews of _public topics are open to every signed-in user only when specmesh\.preview\.publicTopics is true$/,
    );
    const configured = serviceWith({
      access: 'public',
      allow: false,
      publicTopics: true,
    });
    await expect(
      configured.service.preview(configured.topic, {}, stranger),
    ).rejects.toThrow(/which its owners \(group:default\/producers\) have$/);
  });

  it('names a bad limit or partition before reading anything', async () => {
    const read = jest.fn();
    const { service, topic, events } = serviceWith({
      access: 'protected',
      allow: true,
      read,
    });
    await expect(
      service.preview(topic, { limit: '21' }, owner),
    ).rejects.toThrow(
      'limit: 21 is not a whole number from 1 to 20 (specmesh.preview.maxMessages)',
    );
    await expect(service.preview(topic, { limit: '0' }, owner)).rejects.toThrow(
      /^limit: /,
    );
    await expect(
      service.preview(topic, { partition: '1.5' }, owner),
    ).rejects.toThrow(/^partition: 1\.5 is not a partition number/);
    await expect(service.preview('bad topic!', {}, owner)).rejects.toThrow(
      /Invalid topic/,
    );
    expect(read).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });

  it('answers 404 for an unknown topic or partition and 503 for a cluster it cannot read, without secrets', async () => {
    const unknown = serviceWith({ access: 'protected', allow: true });
    await expect(
      unknown.service.preview('acme.shop._protected.other', {}, owner),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    const gone = serviceWith({
      access: 'protected',
      allow: true,
      read: async () => {
        throw new TopicTailNotFoundError(
          'Topic t has no partition 9: it has 1 (0 to 0)',
        );
      },
    });
    await expect(
      gone.service.preview(gone.topic, { partition: '9' }, owner),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'Topic t has no partition 9: it has 1 (0 to 0)',
    });
    const down = serviceWith({
      access: 'protected',
      allow: true,
      read: async () => {
        throw new Error(
          'connect ECONNREFUSED while authenticating with password=pw-5521',
        );
      },
    });
    const error = await down.service
      .preview(down.topic, {}, owner)
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      /^Could not read topic acme\.shop\._protected\.orders on cluster local: connect ECONNREFUSED/,
    );
    expect(error.message).not.toContain('pw-5521');
  });
  it('checks the entity its data product emits, never one registered by hand', async () => {
    // A stranger's Resource for the same topic: owned by them, labelled public.
    const forged = (topic: string) =>
      topicEntity(topic, {
        name: 'my-copy',
        owner: STRANGERS,
        access: 'public',
      });
    const mixed = serviceWith({
      access: 'private',
      allow: true,
      topicEntities: topic => [forged(topic), topicEntity(topic)],
    });
    await expect(
      mixed.service.preview(mixed.topic, {}, stranger),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await mixed.service.preview(mixed.topic, {}, owner);
    expect(mixed.checkedRefs).toEqual([`resource:default/${mixed.topic}`]);

    const onlyForged = serviceWith({
      access: 'protected',
      allow: true,
      topicEntities: topic => [forged(topic)],
    });
    await expect(
      onlyForged.service.preview(onlyForged.topic, {}, stranger),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Topic ${onlyForged.topic} has no catalog entity you may see among those its data product api:default/acme.shop has as parts (a Resource of type kafka-topic); the preview is checked against it`,
    });
    expect(onlyForged.checkedRefs).toEqual([]);
  });

  it('refuses an entity that took the emitted name but disagrees with the spec', async () => {
    const squatted = serviceWith({
      access: 'protected',
      allow: true,
      topicEntities: topic => [topicEntity(topic, { owner: STRANGERS })],
    });
    await expect(
      squatted.service.preview(squatted.topic, {}, stranger),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `resource:default/${squatted.topic} does not agree with api:default/acme.shop's spec on topic ${squatted.topic}: it is owned by group:default/strangers, the data product by group:default/producers. It was not written by the data product (registered by hand?); the preview is refused until the catalog holds the entity the spec emits`,
    });
    const relabelled = serviceWith({
      access: 'protected',
      allow: true,
      topicEntities: topic => [topicEntity(topic, { access: 'public' })],
    });
    await expect(
      relabelled.service.preview(relabelled.topic, {}, stranger),
    ).rejects.toThrow(
      "its label meshport.dev/access is 'public', the spec makes the topic protected",
    );
    expect([...squatted.checkedRefs, ...relabelled.checkedRefs]).toEqual([]);
  });
});
