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
 * RULES §5 on the real broker of the shared infra, where the plan alone could not
 * tell before: a new topic with more replicas than the cluster has brokers is
 * blocked by the plan; a blocked partition decrease withholds none of the topic's
 * safe changes; and after a principal mapping changes, the cluster binding the
 * rules gave the former principal is revoked, unless another app-id still relies
 * on it. App-ids are unique; principals are SASL users of the test pool, mapped
 * through the principal map.
 */
import { Admin, ConfigResourceTypes, ConfigSource, Kafka } from 'kafkajs';
import {
  aclBindingKey,
  AclBinding,
  PrincipalMap,
} from '@meshport/plugin-specmesh-common';
import { KafkaClusterAdmin } from '../kafka';
import { ALL_BINDINGS, fromDescribedAcls } from '../kafka/aclCodec';
import type { PlanItem } from '../plan';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import { Provisioner } from './Provisioner';
import {
  desiredOf,
  eventually,
  kafkaClient,
  owned,
  removeNamespace,
  sharedOrPrivateInfra,
  TestInfra,
  uniqueAppId,
} from './__testUtils__/realCluster';

jest.setTimeout(180_000);

let test: TestInfra;
let client: Kafka;
let raw: Admin;
let kafka: KafkaClusterAdmin;
let provisioner: Provisioner;
/** Two pool users no other test file maps an app-id onto. */
let former: string;
let next: string;
const appIds: string[] = [];

beforeAll(async () => {
  // The pool's end minus the four the ACL matrix takes.
  test = await sharedOrPrivateInfra(6);
  [former, next] = test.users.slice(0, 2).map(user => `User:${user}`);
  client = kafkaClient(test.infra);
  raw = client.admin();
  await raw.connect();
  kafka = new KafkaClusterAdmin(client.admin());
  await kafka.connect();
  provisioner = new Provisioner({
    kafka,
    registry: new ConfluentSchemaRegistryAdmin({
      url: test.infra.registry.url,
    }),
  });
});

afterAll(async () => {
  if (kafka) {
    for (const appId of appIds) {
      await removeNamespace(kafka, appId).catch(() => {});
      // A default principal of a test app-id is this test's own.
      await kafka.deleteAcls(await bindingsOf(`User:${appId}`)).catch(() => {});
    }
    await kafka.disconnect();
  }
  await raw?.disconnect();
  await test?.stop();
});

function newAppId(): string {
  const appId = uniqueAppId();
  appIds.push(appId);
  return appId;
}

async function bindingsOf(principal: string): Promise<AclBinding[]> {
  const { resources } = await raw.describeAcls(ALL_BINDINGS);
  return fromDescribedAcls(resources).filter(
    binding => binding.principal === principal,
  );
}

const idempotentWrite = (principal: string) =>
  aclBindingKey({
    resourceType: 'CLUSTER',
    resourceName: 'kafka-cluster',
    patternType: 'LITERAL',
    principal,
    host: '*',
    operation: 'IDEMPOTENT_WRITE',
    permissionType: 'ALLOW',
  });

const changed = (items: ReadonlyArray<Pick<PlanItem, 'state' | 'key'>>) =>
  items
    .filter(item => item.state !== 'UNCHANGED')
    .map(item => `${item.state} ${item.key}`)
    .sort();

async function apply(appId: string, principalMap?: PrincipalMap) {
  const desired = desiredOf(
    appId,
    { '_protected.events': owned({}, { grants: ['it.reader'] }) },
    principalMap ? { principalMap } : {},
  );
  const plan = await provisioner.plan(desired);
  return { plan, result: await provisioner.apply(plan) };
}

describe('the write path on a real cluster', () => {
  it('blocks a new topic with more replicas than the cluster has brokers, and everything that hangs on it', async () => {
    const { brokers } = await raw.describeCluster();
    const replicas = brokers.length + 1;
    const appId = newAppId();
    const desired = desiredOf(appId, {
      '_protected.wide': owned(
        { replicas },
        { grants: ['it.reader'], payload: { type: 'object', properties: {} } },
      ),
      '_protected.narrow': owned({ replicas: 1 }),
    });

    const plan = await provisioner.plan(desired);
    const wide = plan.items.find(
      item => item.key === `${appId}._protected.wide`,
    );
    expect(wide).toMatchObject({ state: 'BLOCKED' });
    expect(wide?.reason).toContain(
      `replication factor ${replicas} but the cluster has ${brokers.length} broker`,
    );
    expect(
      plan.items
        .filter(item => item.key.includes('_protected.wide'))
        .map(item => `${item.kind} ${item.state}`),
    ).toEqual([
      'topic BLOCKED',
      'schema BLOCKED',
      'acl BLOCKED',
      'acl BLOCKED',
    ]);

    const result = await provisioner.apply(plan);
    expect(result.items.filter(item => item.state === 'FAILED')).toEqual([]);
    const { topics } = await kafka.describeNamespace(appId, desired.principal);
    expect(topics.map(topic => topic.name)).toEqual([
      `${appId}._protected.narrow`,
    ]);
  });

  it("applies a topic's config changes while its partition decrease is blocked", async () => {
    const appId = newAppId();
    const topic = `${appId}._private.orders`;
    const spec = (partitions: number, configs: Record<string, string>) =>
      desiredOf(appId, { '_private.orders': owned({ partitions, configs }) });
    await provisioner.apply(
      await provisioner.plan(spec(2, { 'cleanup.policy': 'compact' })),
    );

    const plan = await provisioner.plan(spec(1, { 'retention.ms': '3600000' }));
    const item = plan.items.find(candidate => candidate.key === topic)!;
    expect(item.state).toBe('BLOCKED');
    const result = await provisioner.apply(plan);

    expect(
      result.items.find(candidate => candidate.key === topic),
    ).toMatchObject({
      planned: 'BLOCKED',
      state: 'BLOCKED',
      message: expect.stringMatching(
        /^The config update was applied\. The spec asks for 1 partitions but the topic has 2/,
      ),
    });
    // The broker applies a committed config change asynchronously.
    await eventually(async () => {
      const { resources } = await raw.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
        includeSynonyms: false,
      });
      expect(
        Object.fromEntries(
          resources[0].configEntries
            .filter(entry => entry.configSource === ConfigSource.TOPIC_CONFIG)
            .map(entry => [entry.configName, entry.configValue]),
        ),
      ).toEqual({ 'retention.ms': '3600000' });
    });
    const metadata = await raw.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(2);

    const again = await provisioner.plan(
      spec(1, { 'retention.ms': '3600000' }),
    );
    expect(
      again.items.find(candidate => candidate.key === topic),
    ).toMatchObject({
      state: 'BLOCKED',
      changes: [{ field: 'partitions', before: 2, after: 1, blocked: true }],
    });
  });

  describe('after a principal mapping change', () => {
    it("revokes the former principal's cluster binding with its namespace bindings", async () => {
      const appId = newAppId();
      await apply(appId, { [appId]: former });
      expect((await bindingsOf(former)).map(aclBindingKey)).toContain(
        idempotentWrite(former),
      );

      const { plan, result } = await apply(appId, { [appId]: next });

      const revoked = plan.items.filter(item => item.state === 'DELETE');
      expect(revoked.map(item => item.key)).toContain(idempotentWrite(former));
      expect(
        revoked.every(
          item => item.kind === 'acl' && item.before?.principal === former,
        ),
      ).toBe(true);
      expect(result.items.filter(item => item.state === 'FAILED')).toEqual([]);
      expect(await bindingsOf(former)).toEqual([]);
      expect((await bindingsOf(next)).map(aclBindingKey)).toContain(
        idempotentWrite(next),
      );
      expect(
        changed((await apply(appId, { [appId]: next })).plan.items),
      ).toEqual([]);
    });

    it('keeps the cluster binding of a former principal that another app-id still maps to', async () => {
      const moved = newAppId();
      const stays = newAppId();
      await apply(moved, { [moved]: former });
      await apply(stays, { [stays]: former });

      const { plan } = await apply(moved, { [moved]: next, [stays]: former });

      expect(plan.items.map(item => item.key)).not.toContain(
        idempotentWrite(former),
      );
      const formerKeys = (await bindingsOf(former)).map(aclBindingKey);
      expect(formerKeys).toContain(idempotentWrite(former));
      expect(formerKeys.filter(key => key.includes(`:${moved}.`))).toEqual([]);
      expect(
        changed((await apply(stays, { [stays]: former })).plan.items),
      ).toEqual([]);
    });

    it("revokes the default principal's cluster binding even after its namespace bindings were revoked", async () => {
      const appId = newAppId();
      const byDefault = `User:${appId}`;
      await apply(appId);
      // What an older Meshport left behind: the namespace revoked, the cluster binding kept.
      await kafka.deleteAcls(
        (
          await bindingsOf(byDefault)
        ).filter(binding => binding.resourceType !== 'CLUSTER'),
      );
      expect((await bindingsOf(byDefault)).map(aclBindingKey)).toEqual([
        idempotentWrite(byDefault),
      ]);

      const { plan } = await apply(appId, { [appId]: next });

      expect(plan.items.find(item => item.state === 'DELETE')).toMatchObject({
        key: idempotentWrite(byDefault),
        reason:
          'Given to a former principal of this app-id, which owns no other app-id: revoked.',
      });
      expect(await bindingsOf(byDefault)).toEqual([]);
    });
  });
});
