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
 * The schema registry down, on the real broker and (for the convergence) the real
 * registry of the shared infra: a registry that refuses connections (a closed
 * loopback port) and one that accepts them and never answers (a loopback TCP server
 * that reads nothing back). Everything that does not depend on a schema is applied,
 * the schema items fail with the registry's message, a new topic's grants wait for
 * its schema, each run ends in bounded time, and the next run with the registry back
 * converges.
 */
import net from 'net';
import type { AppliedItem } from '../plan';
import { KafkaClusterAdmin } from '../kafka';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import { Provisioner } from './Provisioner';
import {
  desiredOf,
  kafkaClient,
  owned,
  removeNamespace,
  sharedOrPrivateInfra,
  TestInfra,
  uniqueAppId,
} from './__testUtils__/realCluster';

jest.setTimeout(180_000);

/** Per-request registry timeout of these tests. */
const TIMEOUT_MS = 2_000;
/** Far above what a plan and an apply take on a busy machine, far below a hang. */
const WALL_TIME_BOUND_MS = 60_000;

let test: TestInfra;
let kafka: KafkaClusterAdmin;
let registry: ConfluentSchemaRegistryAdmin;
let silent: net.Server;
const silentSockets = new Set<net.Socket>();
const appIds: string[] = [];

beforeAll(async () => {
  test = await sharedOrPrivateInfra(0);
  kafka = new KafkaClusterAdmin(kafkaClient(test.infra).admin());
  await kafka.connect();
  registry = new ConfluentSchemaRegistryAdmin({
    url: test.infra.registry.url,
  });
  silent = net.createServer(socket => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise(resolve => silent?.close(resolve));
  if (kafka) {
    for (const appId of appIds) {
      await removeNamespace(kafka, appId).catch(() => {});
    }
    await kafka.disconnect();
  }
  await test?.stop();
});

/** The base URL of a loopback port nobody listens on. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}/apis/ccompat/v7`;
}

function silentUrl(): string {
  const { port } = silent.address() as net.AddressInfo;
  return `http://127.0.0.1:${port}/apis/ccompat/v7`;
}

/** A new app-id with two topics with schemas, one of them granted to another app-id. */
function spec() {
  const appId = uniqueAppId();
  appIds.push(appId);
  const payload = { type: 'object', properties: { id: { type: 'string' } } };
  return desiredOf(appId, {
    '_public.orders': owned({}, { payload }),
    '_protected.payments': owned({}, { grants: ['it.reader'], payload }),
  });
}

const outcome = (item: AppliedItem) =>
  item.message ? `${item.state}: ${item.message}` : item.state;

it('never repeats the credentials of a registry URL in a plan or an apply', async () => {
  const secret = 's3cret-registry-password';
  const desired = spec();
  const offline = new Provisioner({
    kafka,
    registry: new ConfluentSchemaRegistryAdmin({
      url: (await closedPortUrl()).replace('//', `//meshport:${secret}@`),
      timeoutMs: TIMEOUT_MS,
    }),
  });

  const plan = await offline.plan(desired);
  const result = await offline.apply(plan);

  const schemas = result.items.filter(item => item.kind === 'schema');
  expect(schemas.map(item => item.state)).toEqual(['FAILED', 'FAILED']);
  expect(schemas[0].message).toContain('http://***@127.0.0.1:');
  expect(JSON.stringify([plan, result])).not.toContain(secret);
});

describe.each([
  [
    'refuses connections',
    closedPortUrl,
    /^Could not reach the schema registry at http:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7: ECONNREFUSED$/,
  ],
  [
    'accepts connections and never answers',
    async () => silentUrl(),
    new RegExp(
      `^Could not reach the schema registry at http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7: no answer within ${TIMEOUT_MS} ms$`,
    ),
  ],
])('when the schema registry %s', (_, urlOf, registryMessage) => {
  it('applies what does not depend on a schema, fails the schemas with its message, in bounded time, and the next run converges', async () => {
    const desired = spec();
    const payments = `${desired.appId}._protected.payments`;
    const offline = new Provisioner({
      kafka,
      registry: new ConfluentSchemaRegistryAdmin({
        url: await urlOf(),
        timeoutMs: TIMEOUT_MS,
      }),
    });

    const started = Date.now();
    const plan = await offline.plan(desired);
    const result = await offline.apply(plan);
    expect(Date.now() - started).toBeLessThan(WALL_TIME_BOUND_MS);

    const schemas = plan.items.filter(item => item.kind === 'schema');
    expect(schemas.map(item => item.state)).toEqual(['BLOCKED', 'BLOCKED']);
    expect(schemas[0].reason).toMatch(/The schema was neither checked/);

    const byKind = (kind: AppliedItem['kind']) =>
      result.items.filter(item => item.kind === kind);
    expect(byKind('topic').map(outcome)).toEqual(['CREATED', 'CREATED']);
    for (const item of byKind('schema')) {
      expect(item.state).toBe('FAILED');
      expect(item.message).toMatch(registryMessage);
    }
    const grants = byKind('acl').filter(item =>
      item.key.includes(`TOPIC:LITERAL:${payments} `),
    );
    expect(grants.map(outcome)).toEqual(
      Array(2).fill(
        `FAILED: Not created: the schema ${payments}-value of the topic ${payments} was not registered.`,
      ),
    );
    const ownBindings = byKind('acl').filter(item => !grants.includes(item));
    expect(ownBindings.length).toBeGreaterThan(5);
    expect(ownBindings.filter(item => item.state !== 'CREATED')).toEqual([]);

    // What the apply reported is what the broker holds.
    const live = await kafka.describeNamespace(
      desired.appId,
      desired.principal,
    );
    expect(live.topics.map(topic => topic.name).sort()).toEqual(
      byKind('topic')
        .map(item => item.key)
        .sort(),
    );
    expect(live.acls).toHaveLength(ownBindings.length);

    const online = new Provisioner({ kafka, registry });
    const rerun = await online.apply(await online.plan(desired));
    expect(
      rerun.items.filter(
        item => !['CREATED', 'UNCHANGED'].includes(item.state),
      ),
    ).toEqual([]);
    const settled = await online.plan(desired);
    expect(settled.items.filter(item => item.state !== 'UNCHANGED')).toEqual(
      [],
    );
  });

  it('applies an ACL-only change', async () => {
    const desired = spec();
    const online = new Provisioner({ kafka, registry });
    await online.apply(await online.plan(desired));
    const withGrant = desiredOf(desired.appId, {
      '_public.orders': owned(
        {},
        {
          payload: { type: 'object', properties: { id: { type: 'string' } } },
        },
      ),
      '_protected.payments': owned(
        {},
        {
          grants: ['it.reader', 'it.auditor'],
          payload: { type: 'object', properties: { id: { type: 'string' } } },
        },
      ),
    });

    const offline = new Provisioner({
      kafka,
      registry: new ConfluentSchemaRegistryAdmin({
        url: await urlOf(),
        timeoutMs: TIMEOUT_MS,
      }),
    });
    const result = await offline.apply(await offline.plan(withGrant));

    expect(
      result.items
        .filter(item => item.state !== 'UNCHANGED')
        .map(item => `${item.kind} ${item.state}`),
    ).toEqual(['schema FAILED', 'schema FAILED', 'acl CREATED', 'acl CREATED']);
    const live = await kafka.describeNamespace(
      desired.appId,
      desired.principal,
    );
    expect(
      live.acls.filter(binding => binding.principal === 'User:it.auditor'),
    ).toHaveLength(2);
  });
});
