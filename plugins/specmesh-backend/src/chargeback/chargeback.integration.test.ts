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
 * Chargeback end to end against a real broker (Kafka 4.1, SASL/PLAIN) from
 * @meshport/dev-infra (the running infra of MESHPORT_INFRA_FILE, else a private one):
 * records of a known size go to app A's topic, a group of app B and a group of no
 * app-id read them, the plugin's scheduled collection runs twice, and the HTTP API
 * reports it, as JSON and CSV.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createTestTopics,
  RunningInfra,
  startCommittingConsumer,
  startOrReuseInfra,
  testProducer,
  waitForCommittedOffset,
} from '@meshport/dev-infra';
import fs from 'fs';
import { Admin, Consumer, Kafka, logLevel } from 'kafkajs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { ChargebackStore } from '../database/ChargebackStore';
import { specmeshPlugin } from '../plugin';
import { ChargebackCollectionTask } from './ChargebackCollectionTask';
import { dayOf } from './dailyRollups';

jest.setTimeout(180_000);

const RECORD_BYTES = 1_000;
/** Estimates may exceed the payload by record and batch framing, never fall short. */
const FRAMING_TOLERANCE = 0.05;
const PRICES = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};
const TEAM = 'group:default/team-a';
const asUser = {
  Authorization: mockCredentials.user.header('user:default/someone'),
};

const suffix = `${Date.now().toString(36)}${Math.random()
  .toString(36)
  .slice(2, 6)}`;
const producerApp = `it.cb${suffix}.seller`;
const consumerApp = `it.cb${suffix}.buyer`;
const topic = `${producerApp}._public.orders`;
const buyerGroup = `${consumerApp}.orders-reader`;
// Anyone who can connect a consumer picks its group id: this one reads as a
// spreadsheet formula, which the CSV reports must neutralise.
const strayGroup = `=adhoc-${suffix}.orders-reader`;

let infra: RunningInfra;
let runDir: string;
let kafka: Kafka;
let admin: Admin;
const consumers: Consumer[] = [];

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-chargeback-it-'));
  infra = await startOrReuseInfra({ runDir });
  kafka = new Kafka({
    clientId: 'specmesh-chargeback-it',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  admin = kafka.admin();
  await admin.connect();
  await createTestTopics(admin, [
    { topic, numPartitions: 2, replicationFactor: 1 },
  ]);
});

afterAll(async () => {
  await Promise.all(consumers.map(c => c.disconnect()));
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin?.deleteGroups([buyerGroup, strayGroup]).catch(() => {});
  await admin?.disconnect();
  await infra?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

async function produce(perPartition: number) {
  const producer = testProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 1].flatMap(partition =>
        Array.from({ length: perPartition }, () => ({
          partition,
          value: Buffer.alloc(RECORD_BYTES, 'x'),
        })),
      ),
    });
  } finally {
    await producer.disconnect();
  }
}

async function startConsumer(groupId: string) {
  consumers.push(await startCommittingConsumer(kafka, { groupId, topic }));
}

function waitForCommits(offset: number) {
  return waitForCommittedOffset(admin, {
    groupIds: [buyerGroup, strayGroup],
    topic,
    offset,
  });
}

function dataProduct(appId: string): Entity {
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
      owner: TEAM,
      definition: '{}',
    },
  };
}

function expectFramedPayload(bytes: number, records: number) {
  expect(bytes).toBeGreaterThanOrEqual(records * RECORD_BYTES);
  expect(bytes).toBeLessThanOrEqual(
    records * RECORD_BYTES * (1 + FRAMING_TOLERANCE),
  );
}

it('collects twice on schedule, stores daily rollups, reports them over HTTP and purges them', async () => {
  const knex: Knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const scheduler = mockServices.scheduler.mock();
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      catalogServiceMock.factory({
        entities: [dataProduct(producerApp), dataProduct(consumerApp)],
      }),
      mockServices.rootConfig.factory({
        data: {
          specmesh: {
            clusters: [
              {
                name: 'local',
                brokers: infra.kafka.brokers,
                sasl: infra.kafka.sasl,
                schemaRegistry: { url: infra.registry.url },
              },
            ],
            chargeback: {
              schedule: { frequency: { minutes: 15 }, timeout: { minutes: 5 } },
              prices: PRICES,
            },
          },
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      scheduler.factory,
      mockServices.database.factory({ knex }),
    ],
  });
  try {
    const scheduled = scheduler.scheduleTask.mock.calls.find(
      ([task]) => task.id === 'specmesh-chargeback-collect',
    );
    expect(scheduled?.[0]).toMatchObject({ frequency: { minutes: 15 } });
    const collect = scheduled![0].fn as () => Promise<void>;

    // 40 records read by both groups, then the first collection; 60 more, the second.
    await produce(20);
    await startConsumer(buyerGroup);
    await startConsumer(strayGroup);
    await waitForCommits(20);
    await collect();
    await produce(30);
    await waitForCommits(50);
    await collect();

    // The raw samples: storage and message counts.
    const store = new ChargebackStore(knex);
    const latest = await store.latestCollection('local');
    const sample = latest!.topics.find(t => t.topic === topic)!;
    expect(sample).toMatchObject({
      ownerAppId: producerApp,
      partitions: 2,
      messages: 100,
    });
    expectFramedPayload(sample.storageBytes, 100);

    // The rollups: what moved between the collections, priced.
    const today = dayOf(Date.now());
    const range = { from: dayOf(Date.now() - 86_400_000), to: today };
    const rows = await store.dailyRows({ ...range, topic });
    const total = (category: string, payer: string | null) => {
      const matching = rows.filter(
        r => r.category === category && r.payerAppId === payer,
      );
      return {
        bytes: matching.reduce((sum, r) => sum + r.bytes, 0),
        records: matching.reduce((sum, r) => sum + r.records, 0),
        amount: matching.reduce((sum, r) => sum + r.amount, 0),
      };
    };
    const produced = total('production', producerApp);
    expect(produced.records).toBeCloseTo(60, 6);
    expectFramedPayload(produced.bytes, 60);
    expect(produced.amount).toBeCloseTo((produced.bytes / 1e9) * 0.05, 15);
    const bought = total('consumption', consumerApp);
    expect(bought.records).toBeCloseTo(60, 6);
    expectFramedPayload(bought.bytes, 60);
    expect(bought.amount).toBeCloseTo((bought.bytes / 1e9) * 0.02, 15);
    const stray = rows.filter(r => r.payerAppId === null);
    expect(stray.map(r => r.groupId)).toContain(strayGroup);
    expect(total('storage', producerApp).amount).toBeGreaterThan(0);
    expect(total('partitions', producerApp).amount).toBeGreaterThan(0);

    // HTTP: the seller's bill, and who consumes its topic.
    const anonymous = await request(server).get(
      `/api/specmesh/chargeback/entities/api/default/${producerApp}`,
    );
    expect(anonymous.status).toBe(401);
    const seller = await request(server)
      .get(`/api/specmesh/chargeback/entities/api/default/${producerApp}`)
      .query(range)
      .set(asUser);
    expect(seller.status).toBe(200);
    expect(seller.body).toMatchObject({ appId: producerApp, ...range });
    expect(
      new Set(seller.body.paid.map((l: { category: string }) => l.category)),
    ).toEqual(new Set(['storage', 'partitions', 'production']));
    expect(
      new Set(
        seller.body.consumers.map(
          (l: { payerAppId: string | null; groupId: string }) =>
            `${l.payerAppId} ${l.groupId}`,
        ),
      ),
    ).toEqual(new Set([`${consumerApp} ${buyerGroup}`, `null ${strayGroup}`]));
    expect(seller.body.totals).toEqual([
      { currency: 'EUR', amount: expect.any(Number) },
    ]);

    const buyer = await request(server)
      .get(`/api/specmesh/chargeback/entities/api/default/${consumerApp}`)
      .query(range)
      .set(asUser);
    expect(buyer.body.totals[0].amount).toBeCloseTo(bought.amount, 15);

    const owner = await request(server)
      .get(`/api/specmesh/chargeback/owners/${encodeURIComponent(TEAM)}`)
      .query(range)
      .set(asUser);
    expect(owner.body.appIds).toEqual([consumerApp, producerApp].sort());

    const mesh = await request(server)
      .get('/api/specmesh/chargeback/mesh')
      .query(range)
      .set(asUser);
    expect(mesh.status).toBe(200);
    expect(mesh.body.unattributedGroups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ groupId: strayGroup, topic }),
      ]),
    );
    const sellerBill = mesh.body.byAppId.find(
      (b: { payerAppId: string }) => b.payerAppId === producerApp,
    );
    expect(sellerBill.production).toBeCloseTo(produced.amount, 15);

    // CSV, by query parameter or by Accept header.
    const csv = await request(server)
      .get(`/api/specmesh/chargeback/topics/${topic}`)
      .query({ ...range, format: 'csv' })
      .set(asUser);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'day,cluster,topic,category,ownerAppId,payerAppId,groupId,currency,unit,quantity,amount,bytes,records',
    );
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines.some(l => l.includes(`,'${strayGroup},EUR,GB,`))).toBe(true);
    const meshCsv = await request(server)
      .get('/api/specmesh/chargeback/mesh')
      .query(range)
      .set({ ...asUser, Accept: 'text/csv' });
    expect(meshCsv.headers['content-type']).toMatch(/^text\/csv/);
    expect(meshCsv.text.split('\r\n')[0]).toBe(
      'payerAppId,currency,storage,partitions,production,consumption,total,producedBytes,consumedBytes',
    );

    // Retention: a year and a half later, the rollups and all but the latest sample go.
    const later = new ChargebackCollectionTask({
      clusters: [],
      store,
      knownAppIds: async () => [],
      prices: PRICES,
      retentionDays: 30,
      rollupRetentionDays: 400,
      logger: mockServices.logger.mock(),
      now: () => new Date(Date.now() + 550 * 86_400_000),
    });
    expect(await store.collectionCount('local')).toBe(2);
    await later.purge();
    expect(await store.collectionCount('local')).toBe(1);
    expect(await store.dailyRows({ ...range })).toEqual([]);
  } finally {
    await knex.destroy();
  }
});
