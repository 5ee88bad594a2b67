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
 * `meshport chargeback` as a child process against the real broker of
 * @meshport/dev-infra (the running one of MESHPORT_INFRA_FILE, else a private one):
 * records of a known size go to app A's topic between the two collections, a group of
 * app B and a group of no app-id read them.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestTopics,
  RunningInfra,
  startCommittingConsumer,
  startOrReuseInfra,
  testProducer,
  waitForCommittedOffset,
} from '@meshport/dev-infra';
import { Admin, Consumer, Kafka, logLevel } from 'kafkajs';

jest.setTimeout(120_000);

const BIN = resolve(__dirname, '../../bin/meshport');
const RECORD_BYTES = 1_000;
const FRAMING_TOLERANCE = 0.05;
const suffix = `${Date.now().toString(36)}${Math.random()
  .toString(36)
  .slice(2, 6)}`;
const seller = `it.cli${suffix}.seller`;
const buyer = `it.cli${suffix}.buyer`;
const topic = `${seller}._public.orders`;
const buyerGroup = `${buyer}.reader`;
const strayGroup = `adhoc-${suffix}`;

let infra: RunningInfra;
let folder: string;
let kafka: Kafka;
let admin: Admin;
const consumers: Consumer[] = [];

beforeAll(async () => {
  infra = await startOrReuseInfra();
  folder = mkdtempSync(join(tmpdir(), 'meshport-chargeback-it-'));
  kafka = new Kafka({
    clientId: 'meshport-chargeback-it',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  admin = kafka.admin();
  await admin.connect();
  await createTestTopics(admin, [
    { topic, numPartitions: 1, replicationFactor: 1 },
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
    join(folder, 'prices.yaml'),
    'currency: EUR\nperGbMonthStored: 0.1\nperGbProduced: 0.05\nperGbConsumed: 0.02\nperPartitionMonth: 1.5\n',
  );
});

afterAll(async () => {
  await Promise.all(consumers.map(c => c.disconnect()));
  await admin?.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin?.deleteGroups([buyerGroup, strayGroup]).catch(() => {});
  await admin?.disconnect();
  if (folder) rmSync(folder, { recursive: true, force: true });
  await infra?.stop();
});

async function produce(count: number) {
  const producer = testProducer(kafka);
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: count }, () => ({
      value: Buffer.alloc(RECORD_BYTES, 'x'),
    })),
  });
  await producer.disconnect();
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

/** Runs the CLI; `between` runs once it reports the first collection. */
function runCli(args: string[], between: () => Promise<void>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (done, fail) => {
      const child: ChildProcess = spawn(process.execPath, [BIN, ...args]);
      let stdout = '';
      let stderr = '';
      let started = false;
      child.stdout!.on('data', chunk => {
        stdout += chunk;
      });
      child.stderr!.on('data', chunk => {
        stderr += chunk;
        if (!started && stderr.includes('collecting again')) {
          started = true;
          between().catch(fail);
        }
      });
      child.on('error', fail);
      child.on('close', code => done({ code, stdout, stderr }));
    },
  );
}

it('prints usage and cost by app-id between two collections, as JSON', async () => {
  await produce(20);
  await startConsumer(buyerGroup);
  await startConsumer(strayGroup);
  await waitForCommits(20);

  const { code, stdout, stderr } = await runCli(
    [
      'chargeback',
      '--cluster',
      join(folder, 'cluster.yaml'),
      '--prices',
      join(folder, 'prices.yaml'),
      '--app-ids',
      `${seller},${buyer}`,
      '--interval',
      '8s',
      '--json',
    ],
    async () => {
      await produce(50);
      await waitForCommits(70);
    },
  );
  expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({ cluster: 'it', currency: 'EUR' });
  expect(report.intervalSeconds).toBeGreaterThanOrEqual(8);

  const row = (appId: string | null) =>
    report.appIds.find((r: { appId: string | null }) => r.appId === appId);
  expect(row(seller)).toMatchObject({ topics: 1, partitions: 1, messages: 70 });
  const framed = (bytes: number, records: number) => {
    expect(bytes).toBeGreaterThanOrEqual(records * RECORD_BYTES);
    expect(bytes).toBeLessThanOrEqual(
      records * RECORD_BYTES * (1 + FRAMING_TOLERANCE),
    );
  };
  framed(row(seller).storageBytes, 70);
  framed(row(seller).producedBytes, 50);
  expect(row(seller).monthlyCost).toBeCloseTo(
    (row(seller).storageBytes / 1e9) * 0.1 + 1.5,
    12,
  );
  framed(row(buyer).consumedBytes, 50);
  expect(row(buyer).intervalCost).toBeCloseTo(
    (row(buyer).consumedBytes / 1e9) * 0.02,
    15,
  );
  framed(row(null).consumedBytes, 50);
  expect(report.unattributedGroups).toEqual([strayGroup]);
  expect(
    report.consumption.map(
      (c: { groupId: string; consumedRecords: number }) =>
        `${c.groupId} ${c.consumedRecords}`,
    ),
  ).toEqual(expect.arrayContaining([`${buyerGroup} 50`, `${strayGroup} 50`]));
});

it('prints a storage snapshot with --once, as CSV; exits 2 on a bad price list', async () => {
  const run = promisify(execFile);
  // A currency label a spreadsheet would run as a formula is neutralised.
  writeFileSync(
    join(folder, 'formula-prices.yaml'),
    'currency: "@SUM(1)"\nperGbMonthStored: 0.1\nperGbProduced: 0.05\nperGbConsumed: 0.05\nperPartitionMonth: 1\n',
  );
  const { stdout } = await run(process.execPath, [
    BIN,
    'chargeback',
    '--cluster',
    join(folder, 'cluster.yaml'),
    '--app-ids',
    seller,
    '--prices',
    join(folder, 'formula-prices.yaml'),
    '--once',
    '--csv',
  ]);
  const lines = stdout.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'appId,topics,partitions,storageBytes,messages,producedBytes,consumedBytes,monthlyCost,intervalCost,currency',
  );
  expect(lines.find(l => l.startsWith(`${seller},`))).toMatch(
    new RegExp(
      `^${seller.replace(
        /\./g,
        '\\.',
      )},1,1,\\d+,70,0,0,[\\d.e-]+,0,'@SUM\\(1\\)$`,
    ),
  );

  writeFileSync(join(folder, 'bad-prices.yaml'), 'currency: EUR\n');
  const failed = await run(process.execPath, [
    BIN,
    'chargeback',
    '--cluster',
    join(folder, 'cluster.yaml'),
    '--prices',
    join(folder, 'bad-prices.yaml'),
    '--once',
  ]).catch(error => error);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toContain(
    'bad-prices.yaml.perGbMonthStored must be a number',
  );
});
