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
 * The provisioning rules against a real broker (Kafka 4.1, SASL/PLAIN, StandardAuthorizer)
 * and a real registry (Apicurio, Confluent API), from @meshport/dev-infra. Reuses the
 * running infra of the connection file (MESHPORT_INFRA_FILE) when there is one, else starts
 * a private one. Every test owns a fresh app-id and removes its topics and bindings.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  Admin,
  ConfigResourceTypes,
  ConfigSource,
  Kafka,
  logLevel,
} from 'kafkajs';
import { DesiredState } from '@meshport/plugin-specmesh-common';
import {
  InfraConnection,
  readInfraConnection,
  startInfra,
} from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '../kafka';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import type { ApplyResult, Plan, PlanItem } from '../plan';
import { Provisioner } from './Provisioner';
import {
  desiredOf,
  errorTypes,
  eventually,
  owned as ownedChannel,
} from './__testUtils__/realCluster';

jest.setTimeout(180_000);

let infra: InfraConnection;
let stopInfra: (() => Promise<void>) | undefined;
let ownRunDir: string | undefined;
let kafkaAdmin: Admin;
let provisioner: Provisioner;
const requests: string[] = [];
const appIds: string[] = [];

const HANDSHAKE = new Set(['ApiVersions', 'SaslHandshake', 'SaslAuthenticate']);

beforeAll(async () => {
  const shared = readInfraConnection();
  if (shared && Object.keys(shared.kafka.users).length >= 2) {
    infra = shared;
  } else {
    ownRunDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-node-it-'));
    const started = await startInfra({
      users: ['it-owner', 'it-grantee'],
      runDir: ownRunDir,
    });
    infra = started;
    stopInfra = () => started.stop();
  }
  kafkaAdmin = client(
    infra.kafka.sasl.username,
    infra.kafka.sasl.password,
  ).admin();
  kafkaAdmin.on(kafkaAdmin.events.REQUEST, event => {
    if (!HANDSHAKE.has(event.payload.apiName))
      requests.push(event.payload.apiName);
  });
  await kafkaAdmin.connect();
  provisioner = new Provisioner({
    kafka: new KafkaClusterAdmin(kafkaAdmin),
    registry: new ConfluentSchemaRegistryAdmin({ url: infra.registry.url }),
  });
});

afterEach(async () => {
  for (const appId of appIds.splice(0)) {
    await removeNamespace(appId);
  }
});

afterAll(async () => {
  await kafkaAdmin?.disconnect();
  await stopInfra?.();
  if (ownRunDir) fs.rmSync(ownRunDir, { recursive: true, force: true });
});

function client(username: string, password = infra.kafka.users[username]) {
  return new Kafka({
    clientId: `specmesh-node-it-${username}`,
    brokers: infra.kafka.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
    sasl: { mechanism: 'plain', username, password },
  });
}

/** A fresh app-id, cleaned up after the test. */
function newAppId(): string {
  const appId = `it.${Date.now().toString(36)}${Math.random()
    .toString(36)
    .slice(2, 7)}`;
  appIds.push(appId);
  return appId;
}

/** Deletes the app-id's topics and bindings (and the cluster binding of its own principal). */
async function removeNamespace(appId: string) {
  const kafka = new KafkaClusterAdmin(kafkaAdmin);
  const { topics, acls } = await kafka.describeNamespace(
    appId,
    `User:${appId}`,
  );
  await kafka.deleteTopics(topics.map(topic => topic.name));
  await kafka.deleteAcls(acls);
}

/** A channel the owner writes, with an optional Kafka binding and grants. */
function owned(
  binding: Parameters<typeof ownedChannel>[0] = {},
  extras: { grants?: string[]; payload?: unknown } = {},
) {
  // A schema Apicurio's Confluent API classifies itself (a bare {"type":"object"}
  // takes the adapter's fallback: bareJsonSchema.integration.test.ts).
  return ownedChannel(binding, {
    ...extras,
    payload: extras.payload ?? {
      type: 'object',
      properties: { id: { type: 'string' } },
    },
  });
}

function states(
  items: ReadonlyArray<Pick<PlanItem, 'kind' | 'key' | 'state'>>,
) {
  return items.map(item => `${item.kind} ${item.state} ${item.key}`);
}

function notIn<T extends { state: string }>(
  items: readonly T[],
  ...allowed: string[]
): T[] {
  return items.filter(item => !allowed.includes(item.state));
}

async function planAndApply(
  desired: DesiredState,
  options = {},
): Promise<[Plan, ApplyResult]> {
  const plan = await provisioner.plan(desired, options);
  const result = await provisioner.apply(plan);
  return [plan, result];
}

async function topicMetadata(name: string) {
  const { topics } = await kafkaAdmin.fetchTopicMetadata({ topics: [name] });
  return topics[0];
}

async function dynamicConfigs(name: string): Promise<Record<string, string>> {
  const { resources } = await kafkaAdmin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name }],
    includeSynonyms: false,
  });
  return Object.fromEntries(
    resources[0].configEntries
      .filter(entry => entry.configSource === ConfigSource.TOPIC_CONFIG)
      .map(entry => [entry.configName, entry.configValue]),
  );
}

/** Reads the first message of a topic as `username`, with a fresh consumer group. */
async function readFirstMessage(
  username: string,
  topic: string,
  groupId: string,
): Promise<string> {
  const consumer = client(username).consumer({
    groupId,
    retry: { retries: 0 },
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No message on ${topic} within 20 s`)),
        20_000,
      );
      consumer.on(consumer.events.CRASH, event => {
        clearTimeout(timer);
        reject(event.payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve(message.value?.toString() ?? '');
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

describe('provisioning against a real cluster', () => {
  it('creates everything from scratch, and the second run changes nothing', async () => {
    const appId = newAppId();
    const orderSchema = JSON.stringify({
      type: 'record',
      name: 'Order',
      namespace: appId,
      fields: [{ name: 'id', type: 'string' }],
    });
    const desired = desiredOf(
      appId,
      {
        '_public.orders': {
          ...owned({ partitions: 2, configs: { 'retention.ms': '3600000' } }),
          publish: { message: { payload: { $ref: '/schema/order.avsc' } } },
        },
        '_protected.payments': owned({}, { grants: ['it.someone.else'] }),
        '_private.audit': owned({ partitions: 1, replicas: 1 }),
      },
      { schemaFiles: { '/schema/order.avsc': orderSchema } },
    );

    const [plan, result] = await planAndApply(desired);

    expect(notIn(plan.items, 'CREATE')).toEqual([]);
    expect(plan.items.filter(item => item.kind === 'topic')).toHaveLength(3);
    expect(plan.items.filter(item => item.kind === 'schema')).toHaveLength(3);
    expect(notIn(result.items, 'CREATED')).toEqual([]);

    expect(
      (await topicMetadata(`${appId}._public.orders`)).partitions,
    ).toHaveLength(2);
    // No partitions in the spec: the cluster default (1 here), not a diff later.
    expect(
      (await topicMetadata(`${appId}._protected.payments`)).partitions,
    ).toHaveLength(1);
    expect(await dynamicConfigs(`${appId}._public.orders`)).toEqual({
      'retention.ms': '3600000',
    });

    const [again, rerun] = await planAndApply(desired);
    expect(notIn(again.items, 'UNCHANGED')).toEqual([]);
    expect(again.items).toHaveLength(plan.items.length);
    expect(notIn(rerun.items, 'UNCHANGED')).toEqual([]);
  });

  it('plans and applies with a fixed number of admin requests, whatever the number of topics', async () => {
    const measure = async (topicCount: number) => {
      const channels = Object.fromEntries(
        Array.from({ length: topicCount }, (_, i) => [
          `_protected.t${i}`,
          owned(
            { partitions: 1, configs: { 'retention.ms': '60000' } },
            { grants: ['it.reader'] },
          ),
        ]),
      );
      const desired = desiredOf(newAppId(), channels);
      requests.length = 0;
      const plan = await provisioner.plan(desired);
      const firstPlanRequests = requests.splice(0);
      const result = await provisioner.apply(plan);
      const applyRequests = requests.splice(0);
      expect(notIn(result.items, 'CREATED')).toEqual([]);

      const grown = desiredOf(
        desired.appId,
        Object.fromEntries(
          Object.keys(channels).map(name => [
            name,
            owned({ partitions: 2, configs: { 'retention.ms': '120000' } }),
          ]),
        ),
      );
      requests.length = 0;
      const update = await provisioner.plan(grown);
      const planRequests = requests.splice(0);
      const updated = await provisioner.apply(update);
      const updateRequests = requests.splice(0);
      expect(notIn(updated.items, 'UPDATED', 'DELETED', 'UNCHANGED')).toEqual(
        [],
      );
      return { firstPlanRequests, planRequests, applyRequests, updateRequests };
    };

    const one = await measure(1);
    const many = await measure(12);

    // kafkajs refreshes metadata before each admin call (concurrent calls share a
    // refresh), so Metadata requests are bounded by the calls, not counted exactly.
    const calls = (names: string[]) =>
      names
        .filter(name => name !== 'Metadata')
        .reduce<Record<string, number>>((counts, name) => {
          counts[name] = (counts[name] ?? 0) + 1;
          return counts;
        }, {});
    const metadata = (names: string[]) =>
      names.filter(name => name === 'Metadata').length;
    // After its changes, apply reads (Metadata, DescribeAcls) until the broker
    // serves them: as many reads as the broker's delay takes, whatever the
    // number of topics. The changes themselves are one request per kind.
    const POLLS = new Set(['Metadata', 'DescribeAcls']);
    const changes = (names: string[]) =>
      calls(names.filter(name => !POLLS.has(name)));

    for (const run of [one, many]) {
      expect(calls(run.firstPlanRequests)).toEqual({ DescribeAcls: 1 });
      expect(metadata(run.firstPlanRequests)).toBeLessThanOrEqual(3);
      expect(calls(run.planRequests)).toEqual({
        DescribeConfigs: 1,
        DescribeAcls: 1,
      });
      expect(metadata(run.planRequests)).toBeLessThanOrEqual(3);
      expect(changes(run.applyRequests)).toEqual({
        CreateTopics: 1,
        CreateAcls: 1,
      });
      expect(changes(run.updateRequests)).toEqual({
        CreatePartitions: 1,
        AlterConfigs: 1,
        DeleteAcls: 1,
      });
    }
  });

  it('increases partitions', async () => {
    const appId = newAppId();
    await planAndApply(
      desiredOf(appId, { '_public.events': owned({ partitions: 1 }) }),
    );

    const [plan, result] = await planAndApply(
      desiredOf(appId, { '_public.events': owned({ partitions: 3 }) }),
    );

    const topic = plan.items.find(item => item.kind === 'topic')!;
    expect(topic).toMatchObject({
      state: 'UPDATE',
      changes: [{ field: 'partitions', before: 1, after: 3 }],
    });
    expect(result.items.find(item => item.kind === 'topic')?.state).toBe(
      'UPDATED',
    );
    expect(
      (await topicMetadata(`${appId}._public.events`)).partitions,
    ).toHaveLength(3);
  });

  it('changes a config and resets the one the spec no longer sets', async () => {
    const appId = newAppId();
    const name = `${appId}._public.events`;
    await planAndApply(
      desiredOf(appId, {
        '_public.events': owned({
          configs: { 'retention.ms': '100000', 'cleanup.policy': 'delete' },
        }),
      }),
    );
    expect(await dynamicConfigs(name)).toEqual({
      'retention.ms': '100000',
      'cleanup.policy': 'delete',
    });

    const changed = desiredOf(appId, {
      '_public.events': owned({ configs: { 'retention.ms': '200000' } }),
    });
    const [plan, result] = await planAndApply(changed);

    expect(plan.items.find(item => item.key === name)).toMatchObject({
      state: 'UPDATE',
      changes: [
        { field: 'configs.cleanup.policy', before: 'delete' },
        { field: 'configs.retention.ms', before: '100000', after: '200000' },
      ],
    });
    expect(result.items.find(item => item.key === name)?.state).toBe('UPDATED');
    // The broker applies a committed config change asynchronously.
    await eventually(async () =>
      expect(await dynamicConfigs(name)).toEqual({ 'retention.ms': '200000' }),
    );
    expect(notIn((await provisioner.plan(changed)).items, 'UNCHANGED')).toEqual(
      [],
    );
  });

  it('blocks a partition decrease and leaves the topic as it is', async () => {
    const appId = newAppId();
    await planAndApply(
      desiredOf(appId, { '_public.events': owned({ partitions: 3 }) }),
    );

    const [plan, result] = await planAndApply(
      desiredOf(appId, { '_public.events': owned({ partitions: 2 }) }),
    );

    const topic = plan.items.find(item => item.kind === 'topic')!;
    expect(topic.state).toBe('BLOCKED');
    expect(topic.reason).toContain('Kafka cannot remove partitions');
    expect(result.items.find(item => item.kind === 'topic')?.state).toBe(
      'BLOCKED',
    );
    expect(
      (await topicMetadata(`${appId}._public.events`)).partitions,
    ).toHaveLength(3);
  });

  it('lets a grantee read while granted and denies it once the grant is removed', async () => {
    const [ownerUser, granteeUser] = Object.keys(infra.kafka.users);
    const owner = newAppId();
    const grantee = newAppId();
    const principalMap = {
      [owner]: `User:${ownerUser}`,
      [grantee]: `User:${granteeUser}`,
    };
    const topic = `${owner}._protected.payments`;

    // The grantee's own spec gives it its consumer groups (`<grantee>.…`).
    await planAndApply(desiredOf(grantee, {}, { principalMap }));
    const [, granted] = await planAndApply(
      desiredOf(
        owner,
        { '_protected.payments': owned({}, { grants: [grantee] }) },
        { principalMap },
      ),
    );
    // The cluster binding of the shared SASL user may exist already.
    expect(notIn(granted.items, 'CREATED', 'UNCHANGED')).toEqual([]);

    const producer = client(ownerUser).producer();
    await producer.connect();
    await eventually(() =>
      producer.send({ topic, messages: [{ value: 'paid' }] }),
    );
    await producer.disconnect();

    expect(
      await eventually(() =>
        readFirstMessage(granteeUser, topic, `${grantee}.reader-1`),
      ),
    ).toBe('paid');

    const [revoke, revoked] = await planAndApply(
      desiredOf(owner, { '_protected.payments': owned() }, { principalMap }),
    );
    expect(states(notIn(revoke.items, 'UNCHANGED'))).toEqual([
      `acl DELETE ALLOW User:${granteeUser} DESCRIBE TOPIC:LITERAL:${topic} @*`,
      `acl DELETE ALLOW User:${granteeUser} READ TOPIC:LITERAL:${topic} @*`,
    ]);
    expect(notIn(revoked.items, 'DELETED', 'UNCHANGED')).toEqual([]);

    const denial = await eventually(async () => {
      try {
        await readFirstMessage(granteeUser, topic, `${grantee}.reader-2`);
      } catch (error) {
        if (errorTypes(error).includes('TOPIC_AUTHORIZATION_FAILED'))
          return error;
        throw error;
      }
      throw new Error(
        'The grantee could still read after the grant was revoked',
      );
    });
    expect(errorTypes(denial)).toContain('TOPIC_AUTHORIZATION_FAILED');
  });

  it("blocks an incompatible schema with the registry's reason, and registers a compatible one", async () => {
    const appId = newAppId();
    const record = (fields: unknown[]) =>
      JSON.stringify({
        type: 'record',
        name: 'Event',
        namespace: appId,
        fields,
      });
    const v1 = record([{ name: 'id', type: 'string' }]);
    const spec = (schema: string) =>
      desiredOf(
        appId,
        {
          '_public.events': {
            ...owned(),
            publish: { message: { payload: { $ref: '/schema/event.avsc' } } },
          },
        },
        { schemaFiles: { '/schema/event.avsc': schema } },
      );
    const subject = `${appId}._public.events-value`;
    await planAndApply(spec(v1));

    const incompatible = record([{ name: 'id', type: 'long' }]);
    const [blocked, notApplied] = await planAndApply(spec(incompatible));
    const item = blocked.items.find(candidate => candidate.key === subject)!;
    expect(item.state).toBe('BLOCKED');
    expect(item.reason).toContain(
      `not compatible with the registered versions of ${subject}`,
    );
    expect(item.reason).toContain('compatibility FULL_TRANSITIVE');
    // Apicurio's own words, from its dry run.
    expect(item.reason).toMatch(/not compatible with writer type/);
    expect(
      notApplied.items.find(candidate => candidate.key === subject)?.state,
    ).toBe('BLOCKED');

    const compatible = record([
      { name: 'id', type: 'string' },
      { name: 'note', type: 'string', default: '' },
    ]);
    const [update, updated] = await planAndApply(spec(compatible));
    expect(
      update.items.find(candidate => candidate.key === subject),
    ).toMatchObject({
      state: 'UPDATE',
      changes: [{ field: 'schema', before: 'version 1' }],
    });
    expect(
      updated.items.find(candidate => candidate.key === subject)?.state,
    ).toBe('UPDATED');
    expect(
      notIn((await provisioner.plan(spec(compatible))).items, 'UNCHANGED'),
    ).toEqual([]);
  });

  it('reports an unmanaged topic and deletes it only when allowed and asked', async () => {
    const appId = newAppId();
    const stray = `${appId}._private.legacy`;
    await planAndApply(
      desiredOf(appId, { '_public.kept': owned(), '_private.legacy': owned() }),
    );
    const desired = desiredOf(appId, { '_public.kept': owned() });

    const kept = await provisioner.plan(desired);
    expect(kept.items.find(item => item.key === stray)).toMatchObject({
      state: 'UNCHANGED',
      unmanaged: true,
    });

    const forbidden = await provisioner.plan(desired, {
      deleteUnmanaged: true,
    });
    expect(forbidden.items.find(item => item.key === stray)).toMatchObject({
      state: 'BLOCKED',
      unmanaged: true,
    });
    await provisioner.apply(forbidden);
    expect(await topicMetadata(stray)).toBeDefined();

    const [plan, result] = await planAndApply(desired, {
      allowDeletion: true,
      deleteUnmanaged: true,
    });
    expect(plan.items.find(item => item.key === stray)?.state).toBe('DELETE');
    expect(result.items.find(item => item.key === stray)?.state).toBe(
      'DELETED',
    );
    const { topics } = await kafkaAdmin.fetchTopicMetadata();
    expect(topics.map(topic => topic.name)).not.toContain(stray);
    expect(topics.map(topic => topic.name)).toContain(`${appId}._public.kept`);
  });

  it("reports a broker rejection as FAILED with the broker's message, and the rest goes through", async () => {
    const appId = newAppId();
    // A config value only the broker knows to be wrong (too many replicas is
    // blocked by the plan, from the broker count).
    const desired = desiredOf(appId, {
      '_public.fine': owned({ partitions: 1 }),
      '_public.rejected': owned({ configs: { 'cleanup.policy': 'shred' } }),
    });

    const [, result] = await planAndApply(desired);

    const outcome = Object.fromEntries(
      result.items.map(item => [item.key, item]),
    );
    expect(outcome[`${appId}._public.fine`].state).toBe('CREATED');
    expect(outcome[`${appId}._public.rejected`]).toMatchObject({
      state: 'FAILED',
      message: expect.stringContaining('INVALID_CONFIG'),
    });
    expect(outcome[`${appId}._public.fine-value`].state).toBe('CREATED');
    expect(outcome[`${appId}._public.rejected-value`]).toMatchObject({
      state: 'FAILED',
      message: `Not registered: the topic ${appId}._public.rejected was not created.`,
    });
    expect(
      notIn(
        result.items.filter(item => item.kind === 'acl'),
        'CREATED',
      ),
    ).toEqual([]);

    const retry = await provisioner.plan(desired);
    expect(states(notIn(retry.items, 'UNCHANGED'))).toEqual([
      `topic CREATE ${appId}._public.rejected`,
      `schema CREATE ${appId}._public.rejected-value`,
    ]);
  });
});
