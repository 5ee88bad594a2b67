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
 * `meshport lag` against the real broker of @meshport/dev-infra (the running one of
 * MESHPORT_INFRA_FILE, else a private one): groups commit offsets behind the log end of
 * the spec's topic, and the spec's own group reads another app-id's topic.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestTopics,
  RunningInfra,
  startOrReuseInfra,
  testProducer,
} from '@meshport/dev-infra';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { runMeshport } from '../program';

jest.setTimeout(120_000);

const suffix = `${Date.now().toString(36)}${Math.random()
  .toString(36)
  .slice(2, 6)}`;
const seller = `it.lag${suffix}.seller`;
const buyer = `it.lag${suffix}.buyer`;
const orders = `${seller}._public.orders`;
const things = `${buyer}._public.things`;
const buyerGroup = `${buyer}.orders-reader`;
// Anyone who can connect picks a group id: this one would recolour a terminal.
const strayGroup = `adhoc-\u001b[31mred-${suffix}`;
const sellerGroup = `${seller}.things-reader`;

let infra: RunningInfra;
let folder: string;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  infra = await startOrReuseInfra();
  folder = mkdtempSync(join(tmpdir(), 'meshport-lag-it-'));
  kafka = new Kafka({
    clientId: 'meshport-lag-it',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  admin = kafka.admin();
  await admin.connect();
  await createTestTopics(admin, [
    { topic: orders, numPartitions: 2, replicationFactor: 1 },
    { topic: things, numPartitions: 1, replicationFactor: 1 },
  ]);
  writeFileSync(
    join(folder, 'cluster.yaml'),
    [
      'name: it',
      `brokers: [${infra.kafka.brokers.join(', ')}]`,
      'sasl:',
      '  mechanism: plain',
      `  username: ${infra.kafka.sasl.username}`,
      `  password: ${infra.kafka.sasl.password}`,
      'schemaRegistry:',
      `  url: ${infra.registry.url}`,
    ].join('\n'),
  );
  writeFileSync(
    join(folder, 'asyncapi.yaml'),
    [
      "asyncapi: '2.6.0'",
      `id: 'urn:${seller}'`,
      'info:',
      '  title: Lag CLI test',
      "  version: '1.0.0'",
      'channels:',
      '  _public.orders:',
      '    bindings:',
      '      kafka:',
      '        partitions: 2',
      '    publish: {}',
      '  _public.returns:',
      '    publish: {}',
    ].join('\n'),
  );

  const producer = testProducer(kafka);
  await producer.connect();
  await producer.send({
    topic: orders,
    acks: -1,
    messages: [0, 1].flatMap(partition =>
      Array.from({ length: 30 }, () => ({ partition, value: 'x' })),
    ),
  });
  await producer.send({
    topic: things,
    acks: -1,
    messages: Array.from({ length: 3 }, () => ({ value: 'y' })),
  });
  await producer.disconnect();
  const commit = (groupId: string, topic: string, offsets: number[]) =>
    admin.setOffsets({
      groupId,
      topic,
      partitions: offsets.map((offset, partition) => ({
        partition,
        offset: String(offset),
      })),
    });
  await commit(buyerGroup, orders, [20, 30]);
  await commit(strayGroup, orders, [5, 30]);
  await commit(sellerGroup, things, [0]);
});

afterAll(async () => {
  await admin?.deleteTopics({ topics: [orders, things] }).catch(() => {});
  await admin
    ?.deleteGroups([buyerGroup, strayGroup, sellerGroup])
    .catch(() => {});
  await admin?.disconnect();
  if (folder) rmSync(folder, { recursive: true, force: true });
  await infra?.stop();
});

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runMeshport(args, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
  });
  return { code, stdout, stderr };
}

it('reports the readers of the spec’s topics and the app-id’s own groups, as JSON', async () => {
  const { code, stdout } = await run(
    'lag',
    join(folder, 'asyncapi.yaml'),
    '--cluster',
    join(folder, 'cluster.yaml'),
    '--json',
  );
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({
    cluster: 'it',
    appId: seller,
    maxLag: null,
    exceeded: [],
  });
  expect(report.topics).toEqual([
    {
      topic: orders,
      readers: [
        {
          groupId: strayGroup,
          consumerAppId: null,
          topic: orders,
          ownerAppId: seller,
          lag: 25,
          // One reading has no history to estimate from.
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
              committedOffset: 30,
              logEndOffset: 30,
              lag: 0,
              estimatedSeconds: 0,
            },
          ],
        },
        expect.objectContaining({
          groupId: buyerGroup,
          consumerAppId: buyer,
          lag: 10,
        }),
      ],
    },
    { topic: `${seller}._public.returns`, readers: [] },
  ]);
  expect(report.groups).toEqual([
    expect.objectContaining({
      groupId: sellerGroup,
      consumerAppId: seller,
      topic: things,
      ownerAppId: buyer,
      lag: 3,
    }),
  ]);
});

it('exits 1 when a group is further behind than --max-lag, naming it in a terminal-safe table', async () => {
  const args = [
    'lag',
    join(folder, 'asyncapi.yaml'),
    '--cluster',
    join(folder, 'cluster.yaml'),
  ];
  const failing = await run(...args, '--max-lag', '20');
  expect(failing.code).toBe(1);
  expect(failing.stdout).not.toContain('\u001b');
  expect(failing.stdout).toContain(`adhoc-red-${suffix}`);
  expect(failing.stdout).toMatch(/\(unattributed\)\s+25\s+p0:25 p1:0/);
  expect(failing.stdout).toContain('✖ 1 group(s) more than 20 messages behind');
  expect(failing.stdout).toMatch(
    new RegExp(
      `${seller.replace(/\./g, '\\.')}\\._public\\.returns +\\(no readers\\)`,
    ),
  );

  const passing = await run(...args, '--max-lag', '25');
  expect(passing.code).toBe(0);
  expect(passing.stdout).toContain(
    '✔ No group is more than 25 messages behind',
  );

  const invalid = await run(...args, '--max-lag', 'lots');
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain("Invalid --max-lag 'lots'");
});
