/*
 * Copyright 2026 The Meshport Authors
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
 * Lag end to end against the real broker (the running infra of MESHPORT_INFRA_FILE, else
 * a private one): records go to app A's topic, app B's group and a group of no app-id
 * commit offsets behind the log end, the plugin's scheduled chargeback collection runs
 * twice, and the lag endpoints report each partition's lag and a time estimate.
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
  startOrReuseInfra,
  testProducer,
} from '@meshport/dev-infra';
import fs from 'fs';
import { Admin, Kafka, logLevel } from 'kafkajs';
import knexFactory from 'knex';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { specmeshPlugin } from '../plugin';

jest.setTimeout(180_000);

const asUser = {
  Authorization: mockCredentials.user.header('user:default/someone'),
};
const suffix = `${Date.now().toString(36)}${Math.random()
  .toString(36)
  .slice(2, 6)}`;
const producerApp = `it.lag${suffix}.seller`;
const consumerApp = `it.lag${suffix}.buyer`;
const topic = `${producerApp}._public.orders`;
const buyerGroup = `${consumerApp}.orders-reader`;
const strayGroup = `adhoc-lag-${suffix}`;

let infra: RunningInfra;
let runDir: string;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-lag-it-'));
  infra = await startOrReuseInfra({ runDir });
  kafka = new Kafka({
    clientId: 'specmesh-lag-it',
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
        Array.from({ length: perPartition }, () => ({ partition, value: 'x' })),
      ),
    });
  } finally {
    await producer.disconnect();
  }
}

/** Commits offsets for a group with no members, as a consumer that stopped there would have. */
async function commit(groupId: string, offsets: [number, number]) {
  await admin.setOffsets({
    groupId,
    topic,
    partitions: offsets.map((offset, partition) => ({
      partition,
      offset: String(offset),
    })),
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
      owner: 'group:default/team-a',
      definition: '{}',
    },
  };
}

it('reports lag per partition, with a time estimate from the collection history, and unattributed groups as such', async () => {
  const knex = knexFactory({
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
  const collect = scheduler.scheduleTask.mock.calls.find(
    ([task]) => task.id === 'specmesh-chargeback-collect',
  )![0].fn as () => Promise<void>;

  // Log ends 20 and 20; the buyer is caught up, the stray group read 5 of partition 0.
  await produce(20);
  await commit(buyerGroup, [20, 20]);
  await commit(strayGroup, [5, 20]);
  await collect();
  // 10 more on each partition; nobody reads them.
  await produce(10);
  await collect();

  const anonymous = await request(server)
    .get('/api/specmesh/lag/readers')
    .query({ entityRef: `api:default/${producerApp}` });
  expect(anonymous.status).toBe(401);
  const unknown = await request(server)
    .get('/api/specmesh/lag/readers')
    .query({ entityRef: 'api:default/nobody' })
    .set(asUser);
  expect(unknown.status).toBe(404);
  // Query strings are bounded before anything is read: the field is named.
  const overlong = await request(server)
    .get('/api/specmesh/lag/history')
    .query({ topic: 'x'.repeat(250), groupId: buyerGroup })
    .set(asUser);
  expect(overlong.status).toBe(400);
  expect(overlong.body.error.message).toMatch(/topic/);
  expect(overlong.body.error.message).not.toContain('x'.repeat(250));

  const history = await request(server)
    .get('/api/specmesh/lag/history')
    .query({ topic, groupId: buyerGroup })
    .set(asUser);
  expect(history.status).toBe(200);
  const [first, second] = history.body.points;
  expect(history.body.points).toHaveLength(2);
  expect(first).toEqual({ at: first.at, lag: 0, estimatedSeconds: 0 });
  // The log end was at the buyer's offsets (20) at the first collection: the buyer is
  // as far behind as the time between the two collections.
  const between = (Date.parse(second.at) - Date.parse(first.at)) / 1000;
  expect(between).toBeGreaterThan(0);
  expect(second).toEqual({ at: second.at, lag: 20, estimatedSeconds: between });

  const readers = await request(server)
    .get('/api/specmesh/lag/readers')
    .query({ entityRef: `api:default/${producerApp}` })
    .set(asUser);
  expect(readers.status).toBe(200);
  expect(readers.body).toEqual({
    entityRef: `api:default/${producerApp}`,
    collectedAt: second.at,
    topics: [
      {
        topic,
        ownerAppId: producerApp,
        readers: [
          {
            groupId: strayGroup,
            consumerAppId: null,
            topic,
            lag: 35,
            // Partition 0's log end was never at 5 in the stored history.
            estimatedSeconds: null,
            partitions: [
              {
                partition: 0,
                committedOffset: 5,
                logEndOffset: 30,
                lag: 25,
                estimatedSeconds: null,
              },
              {
                partition: 1,
                committedOffset: 20,
                logEndOffset: 30,
                lag: 10,
                estimatedSeconds: between,
              },
            ],
          },
          {
            groupId: buyerGroup,
            consumerAppId: consumerApp,
            topic,
            lag: 20,
            estimatedSeconds: between,
            partitions: [
              {
                partition: 0,
                committedOffset: 20,
                logEndOffset: 30,
                lag: 10,
                estimatedSeconds: between,
              },
              {
                partition: 1,
                committedOffset: 20,
                logEndOffset: 30,
                lag: 10,
                estimatedSeconds: between,
              },
            ],
          },
        ],
      },
    ],
  });

  const groups = await request(server)
    .get('/api/specmesh/lag/groups')
    .query({ entityRef: `api:default/${consumerApp}` })
    .set(asUser);
  expect(groups.status).toBe(200);
  expect(groups.body).toMatchObject({
    appId: consumerApp,
    collectedAt: second.at,
    groups: [{ groupId: buyerGroup, topic, lag: 20 }],
  });
  await knex.destroy();
});
