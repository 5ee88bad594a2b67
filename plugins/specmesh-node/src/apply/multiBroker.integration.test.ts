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
 * Provisioning and chargeback on a real KRaft cluster of three brokers (each also a
 * controller voter; SASL/PLAIN, StandardAuthorizer), started privately for this file by
 * @meshport/dev-infra (`brokers: 3`): topics with three replicas and min.insync.replicas
 * 2, the replication-factor rules, storage summed over the replicas on every broker, a
 * broker stopped between plan and apply, and a broker lost during an apply.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Admin, ConfigResourceTypes } from 'kafkajs';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import {
  InfraConnection,
  RunningInfra,
  startInfra,
  stopBroker,
  StoppedKafka,
  testProducer,
} from '@meshport/dev-infra';
import { ChargebackCollector, createChargebackAdmin } from '../chargeback';
import { KafkaClusterAdmin } from '../kafka';
import type { AppliedItem, Plan } from '../plan';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import { Provisioner } from './Provisioner';
import {
  desiredOf,
  eventually,
  kafkaClient,
  owned,
  uniqueAppId,
} from './__testUtils__/realCluster';
import { afterTopicCreation } from './__testUtils__/midApply';
import { unregisterBroker } from './__testUtils__/unregisterBroker';

// Three brokers and a registry start on a possibly loaded 2-core machine.
jest.setTimeout(600_000);

const BROKERS = 3;
let runDir: string;
let infra: RunningInfra;
let connection: InfraConnection;
let admin: Admin;
let registry: ConfluentSchemaRegistryAdmin;
let stopped: StoppedKafka | undefined;

/** Short timeouts and few retries: a stopped broker fails a request in seconds. */
function clusterAdmin(brokers = connection.kafka.brokers): KafkaClusterAdmin {
  return KafkaClusterAdmin.create({
    brokers,
    sasl: connection.kafka.sasl,
    connectionTimeout: 2_000,
    requestTimeout: 15_000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
  });
}

let kafka: KafkaClusterAdmin;
let provisioner: Provisioner;

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-node-brokers-'));
  infra = await startInfra({
    brokers: BROKERS,
    runDir,
    readyTimeoutMs: 400_000,
  });
  connection = infra;
  admin = kafkaClient(connection).admin();
  await admin.connect();
  kafka = clusterAdmin();
  await kafka.connect();
  registry = new ConfluentSchemaRegistryAdmin({ url: infra.registry.url });
  provisioner = new Provisioner({ kafka, registry });
});

afterEach(async () => {
  // A test that failed half-way must not leave the next one a broker short.
  await restartBroker();
});

afterAll(async () => {
  await kafka?.disconnect().catch(() => {});
  await admin?.disconnect().catch(() => {});
  await infra?.stop();
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
});

async function restartBroker() {
  if (!stopped) return;
  connection = await stopped.restart({ readyTimeoutMs: 300_000 });
  stopped = undefined;
}

async function planAndApply(desired: DesiredState) {
  const plan = await provisioner.plan(desired);
  return [plan, await provisioner.apply(plan)] as const;
}

const states = (items: ReadonlyArray<{ key: string; state: string }>) =>
  Object.fromEntries(items.map(item => [item.key, item.state]));

const notIn = <T extends { state: string }>(
  items: readonly T[],
  ...wanted: string[]
) => items.filter(item => !wanted.includes(item.state));

/**
 * Waits until every broker answers a plan of what was applied with nothing to do:
 * each broker applies created topics and ACLs from the controller's metadata log in
 * its own time, so a plan read from another broker right after an apply may still
 * miss them (a readiness wait, not a timing claim).
 */
async function appliedEverywhere(desired: DesiredState) {
  await eventually(
    async () =>
      expect(
        notIn((await provisioner.plan(desired)).items, 'UNCHANGED').map(
          item => item.key,
        ),
      ).toEqual([]),
    60_000,
  );
}

/** Replica broker ids of each partition, in partition order. */
async function replicasOf(topic: string): Promise<number[][]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return [...topics[0].partitions]
    .sort((a, b) => a.partitionId - b.partitionId)
    .map(partition => [...partition.replicas].sort());
}

/**
 * Each broker learns of a created topic or added partitions from the controller's
 * metadata log in its own time, so a metadata read right after an apply may still
 * show the old partitions.
 */
async function expectReplicas(topic: string, expected: number[][]) {
  await eventually(async () =>
    expect(await replicasOf(topic)).toEqual(expected),
  );
}

async function topicConfig(topic: string, name: string) {
  const { resources } = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    includeSynonyms: false,
  });
  return resources[0].configEntries.find(entry => entry.configName === name)
    ?.configValue;
}

describe('a cluster of three brokers', () => {
  it('creates topics with three replicas across the brokers and min.insync.replicas 2', async () => {
    const appId = uniqueAppId();
    const desired = desiredOf(appId, {
      '_public.orders': owned({
        partitions: 3,
        replicas: 3,
        configs: { 'min.insync.replicas': '2' },
      }),
    });
    const topic = `${appId}._public.orders`;

    const [plan, result] = await planAndApply(desired);

    expect(states(plan.items)[topic]).toBe('CREATE');
    expect(states(result.items)[topic]).toBe('CREATED');
    expect(notIn(result.items, 'CREATED')).toEqual([]);
    // Every partition has a copy on each of the three brokers.
    await expectReplicas(topic, [
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(await topicConfig(topic, 'min.insync.replicas')).toBe('2');
    expect(notIn((await provisioner.plan(desired)).items, 'UNCHANGED')).toEqual(
      [],
    );
  });

  it('blocks a replication-factor change and a partition decrease, applies a partition increase, and blocks more replicas than brokers', async () => {
    const appId = uniqueAppId();
    const topic = `${appId}._public.events`;
    const spec = (binding: { partitions: number; replicas: number }) =>
      desiredOf(appId, { '_public.events': owned(binding) });
    await planAndApply(spec({ partitions: 2, replicas: 3 }));

    const [lower, lowered] = await planAndApply(
      spec({ partitions: 2, replicas: 2 }),
    );
    const rfItem = lower.items.find(item => item.key === topic)!;
    expect(rfItem.state).toBe('BLOCKED');
    expect(rfItem.reason).toContain(
      'The spec asks for replication factor 2 but the topic has 3',
    );
    expect(rfItem.reason).toContain('partition reassignment');
    expect(states(lowered.items)[topic]).toBe('BLOCKED');
    await expectReplicas(topic, [
      [1, 2, 3],
      [1, 2, 3],
    ]);

    const [grow, grown] = await planAndApply(
      spec({ partitions: 4, replicas: 3 }),
    );
    expect(states(grow.items)[topic]).toBe('UPDATE');
    expect(states(grown.items)[topic]).toBe('UPDATED');
    // New partitions get the topic's three copies too.
    await expectReplicas(
      topic,
      Array.from({ length: 4 }, () => [1, 2, 3]),
    );

    const [shrink, shrunk] = await planAndApply(
      spec({ partitions: 3, replicas: 3 }),
    );
    const shrinkItem = shrink.items.find(item => item.key === topic)!;
    expect(shrinkItem.state).toBe('BLOCKED');
    expect(shrinkItem.reason).toContain('Kafka cannot remove partitions');
    expect(states(shrunk.items)[topic]).toBe('BLOCKED');
    await expectReplicas(
      topic,
      Array.from({ length: 4 }, () => [1, 2, 3]),
    );

    const tooMany = await provisioner.plan(
      desiredOf(appId, {
        '_public.events': owned({ partitions: 4, replicas: 3 }),
        '_public.wide': owned({ replicas: 4 }),
      }),
    );
    expect(
      tooMany.items.find(item => item.key === `${appId}._public.wide`),
    ).toMatchObject({
      state: 'BLOCKED',
      reason: expect.stringContaining('the cluster has 3 brokers'),
    });
  });

  it('sums chargeback storage over the replicas on every broker, beside the single-copy figure', async () => {
    const appId = uniqueAppId('cb');
    const topic = `${appId}._public.orders`;
    await planAndApply(
      desiredOf(appId, { '_public.orders': owned({ partitions: 2 }) }),
    );
    // The cluster default (3) applied.
    await expectReplicas(topic, [
      [1, 2, 3],
      [1, 2, 3],
    ]);

    const recordBytes = 1_000;
    const records = 40;
    const producer = testProducer(kafkaClient(connection));
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: records }, (_, i) => ({
        partition: i % 2,
        value: Buffer.alloc(recordBytes, 'x'),
      })),
    });
    await producer.disconnect();

    const chargebackAdmin = createChargebackAdmin({
      clientId: 'multi-broker-it',
      brokers: connection.kafka.brokers,
      sasl: connection.kafka.sasl,
    });
    try {
      const collector = new ChargebackCollector(chargebackAdmin);
      // Followers copy the leader's batches byte for byte; a follower that has not
      // fetched yet is waited for, not asserted on.
      const sample = await eventually(async () => {
        const collection = await collector.collect([appId]);
        const found = collection.topics.find(t => t.topic === topic)!;
        expect(found.storageBytes).toBe(3 * found.storageBytesSingleCopy);
        return found;
      }, 120_000);
      expect(sample).toMatchObject({ partitions: 2, messages: records });
      expect(sample.storageBytesSingleCopy).toBeGreaterThanOrEqual(
        records * recordBytes,
      );
      expect(sample.storageBytesSingleCopy).toBeLessThan(
        records * recordBytes * 1.1,
      );
    } finally {
      await chargebackAdmin.close();
    }
  });

  it('applies with one broker stopped: KRaft keeps it registered and places its copy there, which catches up once it is back', async () => {
    const appId = uniqueAppId();
    const desired = desiredOf(appId, {
      '_public.orders': owned({ partitions: 2, replicas: 3 }),
    });
    const orders = `${appId}._public.orders`;
    const plan = await provisioner.plan(desired);

    const result = await applyWithBrokerStopped(plan);

    expect(states(result.items)[orders]).toBe('CREATED');
    expect(notIn(result.items, 'CREATED')).toEqual([]);
    await expectReplicas(orders, [
      [1, 2, 3],
      [1, 2, 3],
    ]);
    await restartBroker();
    // The third copy rejoins the in-sync replicas (a readiness wait, not a timing claim).
    await eventually(async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [orders] });
      expect(topics[0].partitions.map(p => [...p.isr].sort())).toEqual([
        [1, 2, 3],
        [1, 2, 3],
      ]);
    }, 120_000);
    expect(notIn((await provisioner.plan(desired)).items, 'UNCHANGED')).toEqual(
      [],
    );
  });

  it("loses a broker during an apply: what needs it fails with the broker's message, what went before stays, and the next apply converges once it is back", async () => {
    const appId = uniqueAppId();
    const reader = uniqueAppId('reader');
    const orders = `${appId}._public.orders`;
    const ledger = `${appId}._protected.ledger`;
    const audit = `${appId}._private.audit`;
    const shipments = `${appId}._public.shipments`;
    const before = desiredOf(appId, {
      '_public.orders': owned({ partitions: 2, replicas: 3 }),
      '_protected.ledger': owned({ replicas: 3 }),
    });
    await planAndApply(before);
    await appliedEverywhere(before);
    const desired = desiredOf(appId, {
      '_public.orders': owned({ partitions: 4, replicas: 3 }),
      '_protected.ledger': owned(
        { replicas: 3, configs: { 'retention.ms': '172800000' } },
        { grants: [reader] },
      ),
      '_private.audit': owned({ replicas: 2 }),
      '_public.shipments': owned({ partitions: 3, replicas: 3 }),
    });
    const plan = await provisioner.plan(desired);
    // The reader's bindings on the ledger.
    const grants = plan.items
      .filter(item => item.key.includes(`User:${reader}`))
      .map(item => item.key);
    expect(grants.length).toBeGreaterThan(0);
    expect(states(notIn(plan.items, 'UNCHANGED'))).toEqual({
      [orders]: 'UPDATE',
      [ledger]: 'UPDATE',
      [audit]: 'CREATE',
      [shipments]: 'CREATE',
      ...Object.fromEntries(grants.map(key => [key, 'CREATE'])),
    });

    // The topics are created first; the last broker goes (stopped, unregistered) before
    // the apply sends anything else.
    const result = await applyWithBrokerStopped(plan, {
      unregister: true,
      during: true,
    });

    const outcome = Object.fromEntries(
      result.items.map(item => [item.key, item]),
    );
    // Applied before the broker went, with a copy on it.
    expect(states(result.items)).toMatchObject({
      [audit]: 'CREATED',
      [shipments]: 'CREATED',
    });
    await expectReplicas(shipments, [
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    // New partitions need three registered brokers; kafkajs reports the broker's error
    // code (its text: only 2 brokers registered).
    expect(outcome[orders]).toMatchObject({
      state: 'FAILED',
      message: expect.stringContaining('INVALID_REPLICATION_FACTOR'),
    });
    expect(await replicasOf(orders)).toHaveLength(2);
    // The controller quorum (two of three voters) still takes configs and bindings.
    expect(states(result.items)).toMatchObject({
      [ledger]: 'UPDATED',
      ...Object.fromEntries(grants.map(key => [key, 'CREATED'])),
    });
    expect(await topicConfig(ledger, 'retention.ms')).toBe('172800000');
    expect(notIn(result.items, 'CREATED', 'UPDATED', 'UNCHANGED')).toEqual([
      outcome[orders],
    ]);
    await expectTruthful(result.items, appId);

    await restartBroker();
    const rerun = await provisioner.plan(desired);
    expect(states(notIn(rerun.items, 'UNCHANGED'))).toEqual({
      [orders]: 'UPDATE',
    });
    expect(states((await provisioner.apply(rerun)).items)[orders]).toBe(
      'UPDATED',
    );
    await expectSettles(desired);
    await expectReplicas(
      orders,
      Array.from({ length: 4 }, () => [1, 2, 3]),
    );
  });
});

/**
 * Applies the plan with the last broker stopped cleanly (the controller fences it at once),
 * optionally unregistered, once the others no longer list it. Before the apply starts,
 * or `during` it: once its topic creations have returned and before it sends anything
 * else, by a trigger on the apply's own requests (see afterTopicCreation), so no step
 * depends on timing. The apply's client bootstraps from the brokers that stay.
 */
async function applyWithBrokerStopped(
  plan: Plan,
  options: { unregister?: boolean; during?: boolean } = {},
) {
  const stoppedBroker = connection.kafka.nodes![BROKERS - 1].broker;
  const stop = async () => {
    stopped = await stopBroker(connection, BROKERS);
    if (options.unregister) {
      await unregisterBroker(connection, BROKERS);
    }
    await eventually(async () => {
      const { brokers } = await admin.describeCluster();
      expect(brokers.map(b => b.nodeId).sort()).toEqual([1, 2]);
    }, 120_000);
  };
  if (!options.during) await stop();
  const degraded = clusterAdmin(
    connection.kafka.brokers.filter(broker => broker !== stoppedBroker),
  );
  await degraded.connect();
  try {
    const kafkaAdmin = options.during
      ? afterTopicCreation(degraded, stop)
      : degraded;
    return await new Provisioner({ kafka: kafkaAdmin, registry }).apply(plan);
  } finally {
    await degraded.disconnect();
  }
}

/**
 * The next plan is all UNCHANGED once every broker serves the apply's changes: a broker
 * just back replays the metadata log, and a Metadata request may reach it before it has
 * applied the newest topics (a readiness wait, not a timing claim).
 */
async function expectSettles(desired: DesiredState) {
  await eventually(async () => {
    const pending = notIn((await provisioner.plan(desired)).items, 'UNCHANGED');
    expect(pending.map(item => `${item.state} ${item.key}`)).toEqual([]);
  }, 120_000);
}

/** Every item created reported CREATED exists; every one reported FAILED does not. */
async function expectTruthful(items: readonly AppliedItem[], appId: string) {
  const live = await kafka.describeNamespace(appId, `User:${appId}`);
  const exists = (item: AppliedItem) =>
    item.kind === 'topic'
      ? live.topics.some(topic => topic.name === item.key)
      : live.acls.some(binding => aclBindingKey(binding) === item.key);
  const untrue = items
    .filter(item => item.kind !== 'schema' && item.planned === 'CREATE')
    .filter(item =>
      item.state === 'CREATED'
        ? !exists(item)
        : item.state === 'FAILED' && exists(item),
    )
    .map(item => `${item.kind} ${item.state} ${item.key}`);
  expect(untrue).toEqual([]);
}
