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
 * `meshport plan` and `meshport apply` as a pipeline runs them (the bin, spawned),
 * against the real broker of @meshport/dev-infra while the schema registry is down:
 * refusing connections (a closed loopback port) or accepting them and never
 * answering (a silent loopback TCP server). Every item is reported, what does not
 * depend on a schema is applied, and the process ends on its own well within a
 * bound (it used to hang for 10 minutes holding a broker connection).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RunningInfra, startOrReuseInfra } from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '@meshport/plugin-specmesh-node';

jest.setTimeout(300_000);

const BIN = resolve(__dirname, '../../bin/meshport');
const SECRET_VARIABLE = 'MESHPORT_IT_KAFKA_PASSWORD';
/**
 * The bin's start (TypeScript compiled on the fly) takes seconds on a busy
 * machine; a registry that never answers adds its 10 s timeout. Generous for a
 * slow machine, far below the old 10-minute hang.
 */
const WALL_TIME_BOUND_MS = 90_000;

let infra: RunningInfra;
let folder: string;
let admin: KafkaClusterAdmin;
let silent: net.Server;
const silentSockets = new Set<net.Socket>();
const appIds: string[] = [];

beforeAll(async () => {
  infra = await startOrReuseInfra();
  folder = mkdtempSync(join(tmpdir(), 'meshport-cli-failures-'));
  admin = KafkaClusterAdmin.create({
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
  });
  await admin.connect();
  silent = net.createServer(socket => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>(done => silent.listen(0, '127.0.0.1', done));
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise(done => silent?.close(done));
  if (admin) {
    for (const appId of appIds) {
      const { topics, acls } = await admin.describeNamespace(
        appId,
        `User:${appId}`,
      );
      await admin.deleteTopics(topics.map(topic => topic.name));
      await admin.deleteAcls(acls);
    }
    await admin.disconnect();
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
  await infra?.stop();
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(done => server.close(done));
  return port;
}

function clusterFile(registryPort: number, brokers = infra.kafka.brokers) {
  const file = join(folder, `cluster-${registryPort}-${brokers.length}.yaml`);
  writeFileSync(
    file,
    [
      'name: it',
      `brokers: [${brokers.join(', ')}]`,
      'sasl:',
      '  mechanism: plain',
      `  username: ${infra.kafka.sasl.username}`,
      `  password: \${${SECRET_VARIABLE}}`,
      'schemaRegistry:',
      `  url: http://127.0.0.1:${registryPort}/apis/ccompat/v7`,
    ].join('\n'),
  );
  return file;
}

/** A new app-id's spec: a public topic with a schema, a protected one granted to another app-id. */
function specFile() {
  const appId = `it.clifail.${Date.now().toString(36)}${Math.random()
    .toString(36)
    .slice(2, 6)}`;
  appIds.push(appId);
  const file = join(folder, `${appId}.yaml`);
  writeFileSync(
    file,
    [
      "asyncapi: '2.6.0'",
      `id: 'urn:${appId}'`,
      'info:',
      '  title: CLI failures',
      "  version: '1.0.0'",
      'channels:',
      '  _public.orders:',
      '    publish:',
      '      message:',
      '        payload:',
      '          type: object',
      '          properties:',
      '            id: { type: string }',
      '  _protected.payments:',
      '    publish:',
      '      tags:',
      '        - name: grant-access:it.clifail.reader',
    ].join('\n'),
  );
  return { appId, file };
}

/** Runs the bin; fails the test if the process has not ended within the bound. */
function meshport(...args: string[]) {
  return new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
    ms: number;
  }>((done, fail) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, [SECRET_VARIABLE]: infra.kafka.sasl.password },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        new Error(
          `meshport ${args[0]} still running after ${WALL_TIME_BOUND_MS} ms; stderr: ${stderr}`,
        ),
      );
    }, WALL_TIME_BOUND_MS);
    child.on('close', code => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

type JsonItem = { kind: string; key: string; state: string; message?: string };

describe.each([
  ['refuses connections', closedPort, 'ECONNREFUSED'],
  [
    'accepts connections and never answers',
    async () => (silent.address() as net.AddressInfo).port,
    'no answer within 10000 ms',
  ],
])('meshport while the schema registry %s', (_, portOf, reason) => {
  it('plans every item, applies all but the schemas, reports each, and ends on its own', async () => {
    const { appId, file } = specFile();
    const cluster = clusterFile(await portOf());
    const registryMessage = new RegExp(
      `^Could not reach the schema registry at http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7: ${reason}`,
    );

    const planned = await meshport(
      'plan',
      file,
      '--cluster',
      cluster,
      '--json',
    );
    expect(planned.code).toBe(1);
    const plan = JSON.parse(planned.stdout);
    expect(plan.summary).toEqual({ CREATE: 17, BLOCKED: 1 });
    const blocked = plan.items.find((item: JsonItem) => item.kind === 'schema');
    expect(blocked).toMatchObject({
      key: `${appId}._public.orders-value`,
      state: 'BLOCKED',
    });
    expect(blocked.reason).toMatch(registryMessage);

    const applied = await meshport('apply', file, '--cluster', cluster);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain(
      `Applied ${appId} on cluster it: 17 created, 1 failed.`,
    );
    expect(applied.stdout).toMatch(
      new RegExp(
        `  ✖ failed   ${appId.replace(
          /\./g,
          '\\.',
        )}\\._public\\.orders-value\\n      Could not reach the schema registry at http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7: ${reason}\\n`,
      ),
    );
    expect(applied.stdout).toContain(
      `  ✔ created  ALLOW User:it.clifail.reader READ TOPIC LITERAL ${appId}._protected.payments\n`,
    );

    const live = await admin.describeNamespace(appId, `User:${appId}`);
    expect(live.topics.map(topic => topic.name).sort()).toEqual([
      `${appId}._protected.payments`,
      `${appId}._public.orders`,
    ]);
    expect(live.acls).toHaveLength(15);
  });
});

it('prints the error as JSON and ends on its own when the broker cannot be reached', async () => {
  const { appId, file } = specFile();
  const cluster = clusterFile(await closedPort(), [
    `127.0.0.1:${await closedPort()}`,
  ]);

  const { code, stdout, stderr } = await meshport(
    'plan',
    file,
    '--cluster',
    cluster,
    '--json',
  );

  expect(code).toBe(1);
  expect(JSON.parse(stdout)).toEqual({
    command: 'plan',
    cluster: 'it',
    appId,
    error: expect.stringMatching(
      /^Could not connect to cluster it \(127\.0\.0\.1:\d+\): /,
    ),
  });
  expect(stderr).toContain('✖ Could not connect to cluster it');
});
