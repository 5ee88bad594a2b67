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
 * Chargeback collection against a real broker (Kafka 4.1, SASL/PLAIN) from
 * @meshport/dev-infra: reuses the running infra of the connection file
 * (MESHPORT_INFRA_FILE) as it is, else starts a private one with the Prometheus JMX
 * exporter. Records of a known size go to app A's topics; a group of app B and a group
 * of no known app-id read them; two collections must account for all of it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { Admin } from '@platformatic/kafka';
import {
  ChargebackCollection,
  costOfUsage,
  PriceList,
  totalsByPayer,
  usageBetween,
} from '@meshport/plugin-specmesh-common';
import {
  readInfraConnection,
  RunningInfra,
  startOrReuseInfra,
  testProducer,
} from '@meshport/dev-infra';
import { ChargebackCollector } from './ChargebackCollector';
import { createChargebackAdmin } from './createChargebackAdmin';
import { PrometheusProducedBytesSource } from './PrometheusProducedBytesSource';
import { RequestCounter } from './__testUtils__/requestCounter';

jest.setTimeout(180_000);

const RECORD_BYTES = 1_000;
/**
 * Estimated bytes may exceed the payload by the record and batch framing (about 1.5% for
 * 1 kB records sent 20 to 30 per batch), never fall short of it.
 */
const FRAMING_TOLERANCE = 0.05;
const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};

let infra: RunningInfra;
let runDir: string;
let admin: Admin;
let kafka: Kafka;
const topicsToDelete: string[] = [];
const groupsToDelete: string[] = [];
const consumers: Consumer[] = [];

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chargeback-it-'));
  // A running infra is reused as it is; a fresh one gets the metrics exporter.
  infra = await startOrReuseInfra({ runDir, metrics: !readInfraConnection() });
  admin = createChargebackAdmin({
    clientId: 'chargeback-it',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
  });
  kafka = new Kafka({
    clientId: 'chargeback-it-clients',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
});

afterAll(async () => {
  await Promise.all(consumers.map(c => c.disconnect()));
  if (topicsToDelete.length)
    await admin?.deleteTopics({ topics: topicsToDelete });
  if (groupsToDelete.length) {
    await admin?.deleteGroups({ groups: groupsToDelete }).catch(() => {});
  }
  await admin?.close();
  await infra?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function produce(topic: string, perPartition: number[]) {
  const producer = testProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: perPartition.flatMap((count, partition) =>
        Array.from({ length: count }, () => ({
          partition,
          value: Buffer.alloc(RECORD_BYTES, 'x'),
        })),
      ),
    });
  } finally {
    await producer.disconnect();
  }
}

async function startConsumer(groupId: string, topic: string) {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  consumers.push(consumer);
  groupsToDelete.push(groupId);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommitInterval: 100,
    eachMessage: async () => {},
  });
}

/** Waits until every group has committed `offset` on every partition of the topic. */
async function waitForCommits(
  groups: string[],
  topic: string,
  partitions: number,
  offset: number,
) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const fetched = await admin.listConsumerGroupOffsets({ groups });
    const done = fetched.every(group => {
      const committed = group.topics.find(t => t.name === topic)?.partitions;
      return (
        committed?.length === partitions &&
        committed.every(p => p.committedOffset === BigInt(offset))
      );
    });
    if (done) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Groups ${groups} did not commit offset ${offset} on ${topic} within 60 s`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** The collection as if no metrics source were configured. */
function withoutCounters(
  collection: ChargebackCollection,
): ChargebackCollection {
  return {
    ...collection,
    topics: collection.topics.map(
      ({ producedBytesTotal: _counter, ...topic }) => topic,
    ),
  };
}

function expectFramedPayload(bytes: number, records: number) {
  expect(bytes).toBeGreaterThanOrEqual(records * RECORD_BYTES);
  expect(bytes).toBeLessThanOrEqual(
    records * RECORD_BYTES * (1 + FRAMING_TOLERANCE),
  );
}

it('accounts for storage, production and consumption between two collections', async () => {
  const suffix = uniqueSuffix();
  const parent = `cb${suffix}`;
  const seller = `${parent}.seller`;
  const buyer = `${parent}.buyer`;
  const orders = `${seller}._public.orders`;
  const audit = `${seller}._private.audit`;
  const buyerGroup = `${buyer}.orders-reader`;
  const strayGroup = `adhoc-${suffix}.orders-reader`;

  await admin.createTopics({
    topics: [
      { topic: orders, partitions: 3, replicas: 1 },
      { topic: audit, partitions: 1, replicas: 1 },
    ],
  });
  topicsToDelete.push(orders, audit);

  const metricsUrl = infra.kafka.metricsUrl;
  const collector = new ChargebackCollector(admin, {
    producedBytes: metricsUrl
      ? new PrometheusProducedBytesSource({ urls: [metricsUrl] })
      : undefined,
  });
  // The parent app-id proves the longest prefix wins.
  const knownAppIds = [parent, seller, buyer];
  const mine = (collection: ChargebackCollection) => ({
    ...collection,
    topics: collection.topics.filter(t => t.ownerAppId === seller),
    groups: collection.groups.filter(g =>
      [buyerGroup, strayGroup].includes(g.groupId),
    ),
  });

  // Phase 1: 60 records on orders, 10 on audit; both groups read all of orders.
  await produce(orders, [20, 20, 20]);
  await produce(audit, [10]);
  await startConsumer(buyerGroup, orders);
  await startConsumer(strayGroup, orders);
  await waitForCommits([buyerGroup, strayGroup], orders, 3, 20);
  const first = mine(await collector.collect(knownAppIds));

  // Phase 2: 90 more records on orders, all read.
  await produce(orders, [30, 30, 30]);
  await waitForCommits([buyerGroup, strayGroup], orders, 3, 50);
  const counter = new RequestCounter(admin);
  const second = mine(await collector.collect(knownAppIds));
  const requests = counter.take();
  counter.stop();

  // A fixed set of admin requests (one broker); the client merges concurrent identical
  // Metadata refreshes, so there are at most 6 of those.
  const { Metadata: metadataRequests, ...others } = requests;
  expect(metadataRequests).toBeGreaterThanOrEqual(2);
  expect(metadataRequests).toBeLessThanOrEqual(6);
  expect(others).toEqual({
    DescribeLogDirs: 1,
    ListOffsets: 2,
    ListGroups: 1,
    FindCoordinator: 1,
    OffsetFetch: 1,
  });

  // Storage and message counts.
  const ordersNow = second.topics.find(t => t.topic === orders)!;
  expect(ordersNow).toMatchObject({
    ownerAppId: seller,
    partitions: 3,
    messages: 150,
  });
  expect(ordersNow.byPartition.map(p => p.logEndOffset)).toEqual([50, 50, 50]);
  expectFramedPayload(ordersNow.storageBytesSingleCopy, 150);
  // One replica each on a single broker.
  expect(ordersNow.storageBytes).toBe(ordersNow.storageBytesSingleCopy);
  const auditNow = second.topics.find(t => t.topic === audit)!;
  expect(auditNow).toMatchObject({ partitions: 1, messages: 10 });
  expectFramedPayload(auditNow.storageBytesSingleCopy, 10);

  // Both groups, the stray one unattributed but listed.
  expect(
    second.groups.map(g => [g.groupId, g.consumerAppId, g.committedOffsets]),
  ).toEqual(
    expect.arrayContaining([
      [
        buyerGroup,
        buyer,
        [0, 1, 2].map(partition => ({ partition, offset: 50 })),
      ],
      [
        strayGroup,
        null,
        [0, 1, 2].map(partition => ({ partition, offset: 50 })),
      ],
    ]),
  );

  // Production from log end growth, consumption from committed offsets.
  const estimated = usageBetween(
    withoutCounters(first),
    withoutCounters(second),
  );
  const ordersUsage = estimated.topics.find(t => t.topic === orders)!;
  expect(ordersUsage).toMatchObject({
    producedOffsets: 90,
    producedBytesBasis: 'logEndGrowth',
    notes: [],
  });
  expectFramedPayload(ordersUsage.producedBytes, 90);
  expect(estimated.topics.find(t => t.topic === audit)).toMatchObject({
    producedOffsets: 0,
    producedBytes: 0,
  });
  const byGroup = new Map(estimated.consumption.map(c => [c.groupId, c]));
  expect(byGroup.get(buyerGroup)).toMatchObject({
    consumerAppId: buyer,
    ownerAppId: seller,
    consumedOffsets: 90,
    notes: [],
  });
  expectFramedPayload(byGroup.get(buyerGroup)!.consumedBytes, 90);
  expect(byGroup.get(strayGroup)).toMatchObject({
    consumerAppId: null,
    consumedOffsets: 90,
  });

  // Production from the broker's byte counters, when the exporter runs.
  const metered = usageBetween(first, second).topics.find(
    t => t.topic === orders,
  )!;
  expect(metered.producedBytesBasis).toBe(
    metricsUrl ? 'brokerMetrics' : 'logEndGrowth',
  );
  expectFramedPayload(metered.producedBytes, 90);

  // Money: the seller pays storage, partitions and production; each reader its reads.
  const cost = costOfUsage(estimated, PRICES);
  const monthShare = estimated.hours / 730;
  const line = (payer: string | null, category: string, topic = orders) =>
    cost.lines.find(
      l =>
        l.payerAppId === payer && l.category === category && l.topic === topic,
    );
  expect(line(seller, 'storage')?.amount).toBeCloseTo(
    (ordersUsage.storageBytes / 1e9) * monthShare * 0.1,
    15,
  );
  expect(line(seller, 'partitions')?.amount).toBeCloseTo(
    3 * monthShare * 1.5,
    15,
  );
  expect(line(seller, 'production')?.amount).toBeCloseTo(
    (ordersUsage.producedBytes / 1e9) * 0.05,
    15,
  );
  expect(line(buyer, 'consumption')).toMatchObject({
    groupId: buyerGroup,
    amount: expect.closeTo(
      (byGroup.get(buyerGroup)!.consumedBytes / 1e9) * 0.02,
      15,
    ),
  });
  expect(line(null, 'consumption')?.groupId).toBe(strayGroup);
  expect(
    totalsByPayer(cost.lines)
      .map(t => t.payerAppId)
      .sort(),
  ).toEqual([buyer, null, seller].sort());
});
