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
 * Faults during provisioning, on a private broker and registry (this test kills the
 * broker, so it never touches the shared one): the broker dies in the middle of an
 * apply or is down for all of it, the registry goes down between plan and apply (a
 * registry down from the start: registryDown.integration.test.ts).
 * Every apply reports what it did and what failed, claims nothing it did not do, and
 * the next run converges.
 */
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import {
  InfraConnection,
  RunningInfra,
  startInfra,
  stopKafka,
  StoppedKafka,
} from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '../kafka';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import type { AppliedItem, Plan, PlanItem } from '../plan';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import type { SchemaRegistryAdmin } from './ports';
import { Provisioner } from './Provisioner';
import { desiredOf, owned, uniqueAppId } from './__testUtils__/realCluster';

jest.setTimeout(300_000);

let runDir: string;
let infra: RunningInfra;
let connection: InfraConnection;
let kafka: KafkaClusterAdmin;
let registry: ConfluentSchemaRegistryAdmin;
let stopped: StoppedKafka | undefined;

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-node-faults-'));
  infra = await startInfra({ runDir });
  connection = infra;
  // Few, short retries: a dead broker fails a batch in seconds.
  kafka = KafkaClusterAdmin.create({
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
  });
  await kafka.connect();
  registry = new ConfluentSchemaRegistryAdmin({ url: infra.registry.url });
});

afterEach(async () => {
  // A test that failed half-way must not leave the next one without a broker.
  await restartKafka();
});

afterAll(async () => {
  await kafka?.disconnect().catch(() => {});
  await infra?.stop();
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
});

async function killKafka() {
  stopped = await stopKafka(connection, { kill: true });
}

async function restartKafka() {
  if (!stopped) return;
  connection = await stopped.restart();
  stopped = undefined;
}

/** Three topics with schemas, one granted to another app-id. */
function spec(appId: string): DesiredState {
  const payload = { type: 'object', properties: { id: { type: 'string' } } };
  return desiredOf(appId, {
    '_public.orders': owned({ partitions: 2 }, { payload }),
    '_protected.payments': owned({}, { grants: ['it.reader'], payload }),
    '_private.audit': owned({}, { payload }),
  });
}

const summary = (
  items: ReadonlyArray<Pick<PlanItem, 'kind' | 'key'> & { state: string }>,
) => items.map(item => `${item.kind} ${item.state} ${item.key}`);

const notIn = <T extends { state: string }>(
  items: readonly T[],
  ...states: string[]
) => items.filter(item => !states.includes(item.state));

/** What exists now, to hold each reported outcome against. */
async function exists(item: AppliedItem, appId: string): Promise<boolean> {
  const live = await kafka.describeNamespace(appId, `User:${appId}`);
  if (item.kind === 'topic') {
    return live.topics.some(topic => topic.name === item.key);
  }
  if (item.kind === 'acl') {
    return live.acls.some(binding => aclBindingKey(binding) === item.key);
  }
  return (await registry.latestSchema(item.key)) !== undefined;
}

/** Every item reported done exists; every item reported failed does not. */
async function expectTruthful(items: readonly AppliedItem[], appId: string) {
  const claims = await Promise.all(
    items
      .filter(item => item.state === 'CREATED' || item.state === 'FAILED')
      .map(async item => ({
        claim: `${item.kind} ${item.state} ${item.key}`,
        exists: await exists(item, appId),
      })),
  );
  expect(
    claims.filter(({ claim, exists: found }) =>
      claim.includes(' CREATED ') ? !found : found,
    ),
  ).toEqual([]);
}

async function expectConverges(
  desired: DesiredState,
  provisioner: Provisioner,
) {
  const rerun = await provisioner.apply(await provisioner.plan(desired));
  expect(notIn(rerun.items, 'CREATED', 'UNCHANGED')).toEqual([]);
  const settled = await provisioner.plan(desired);
  expect(notIn(settled.items, 'UNCHANGED')).toEqual([]);
}

/** A registry that calls `before` once, ahead of the first registration. */
function registryWithHook(before: () => Promise<void>): SchemaRegistryAdmin {
  let fired = false;
  return Object.assign(Object.create(registry) as SchemaRegistryAdmin, {
    register: async (...args: Parameters<SchemaRegistryAdmin['register']>) => {
      if (!fired) {
        fired = true;
        await before();
      }
      return registry.register(...args);
    },
  });
}

/** The base URL of a port nobody listens on. */
async function deadRegistryUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}/apis/ccompat/v7`;
}

describe('provisioning when the broker or the registry fails', () => {
  it('reports what was done and what failed when the broker dies in the middle of an apply, and the next apply converges', async () => {
    const appId = uniqueAppId();
    const desired = spec(appId);
    const provisioner = new Provisioner({ kafka, registry });
    const plan = await provisioner.plan(desired);
    expect(notIn(plan.items, 'CREATE')).toEqual([]);

    // Topics are created, then the broker dies while schemas are registered:
    // the bindings, which come last, meet a dead broker.
    const result = await new Provisioner({
      kafka,
      registry: registryWithHook(killKafka),
    }).apply(plan);

    const byKind = (kind: PlanItem['kind']) =>
      result.items.filter(item => item.kind === kind);
    expect(byKind('topic').map(item => item.state)).toEqual([
      'CREATED',
      'CREATED',
      'CREATED',
    ]);
    expect(notIn(byKind('schema'), 'CREATED')).toEqual([]);
    const acls = byKind('acl');
    expect(acls.length).toBeGreaterThan(5);
    expect(notIn(acls, 'FAILED')).toEqual([]);
    for (const item of acls) {
      expect(item.message).toMatch(/ECONNREFUSED|Connection|connect/i);
    }

    await restartKafka();
    await expectTruthful(result.items, appId);
    const remaining = await provisioner.plan(desired);
    expect(summary(notIn(remaining.items, 'UNCHANGED'))).toEqual(
      summary(acls.map(item => ({ ...item, state: 'CREATE' }))),
    );
    await expectConverges(desired, provisioner);
  });

  it('fails every Kafka item, and registers no schema for a topic it could not create, while the broker is down', async () => {
    const appId = uniqueAppId();
    const desired = spec(appId);
    const provisioner = new Provisioner({ kafka, registry });
    const plan: Plan = await provisioner.plan(desired);

    await killKafka();
    const result = await provisioner.apply(plan);

    expect(notIn(result.items, 'FAILED')).toEqual([]);
    for (const item of result.items) {
      expect(item.message).toBeTruthy();
    }
    expect(
      result.items
        .filter(item => item.kind === 'schema')
        .map(item => item.message),
    ).toEqual(
      result.items
        .filter(item => item.kind === 'schema')
        .map(
          item =>
            `Not registered: the topic ${item.key.replace(
              /-value$/,
              '',
            )} was not created.`,
        ),
    );

    await restartKafka();
    await expectTruthful(result.items, appId);
    expect(summary((await provisioner.plan(desired)).items)).toEqual(
      summary(plan.items),
    );
    await expectConverges(desired, provisioner);
  });

  it('holds back the grants of topics whose schema it could not register when the registry goes down before apply, and the next apply converges', async () => {
    const appId = uniqueAppId();
    const desired = spec(appId);
    const provisioner = new Provisioner({ kafka, registry });
    const plan = await provisioner.plan(desired);

    const deadUrl = await deadRegistryUrl();
    const offline = new ConfluentSchemaRegistryAdmin({ url: deadUrl });
    const result = await new Provisioner({ kafka, registry: offline }).apply(
      plan,
    );

    const outcome = (key: string) =>
      result.items.find(item => item.key === key)!;
    const payments = `${appId}._protected.payments`;
    expect(
      result.items
        .filter(item => item.kind === 'schema')
        .map(item => [item.state, item.message]),
    ).toEqual(
      Array(3).fill([
        'FAILED',
        `Could not reach the schema registry at ${deadUrl}: ECONNREFUSED`,
      ]),
    );
    const grants = result.items.filter(
      item =>
        item.kind === 'acl' && item.key.includes(`TOPIC:LITERAL:${payments} `),
    );
    expect(grants.map(item => [item.state, item.message])).toEqual([
      [
        'FAILED',
        `Not created: the schema ${payments}-value of the topic ${payments} was not registered.`,
      ],
      [
        'FAILED',
        `Not created: the schema ${payments}-value of the topic ${payments} was not registered.`,
      ],
    ]);
    // Topics and the owner's own bindings do not depend on a schema.
    expect(outcome(payments).state).toBe('CREATED');
    expect(
      notIn(
        result.items.filter(
          item => item.kind === 'acl' && !grants.includes(item),
        ),
        'CREATED',
      ),
    ).toEqual([]);
    await expectTruthful(result.items, appId);

    await expectConverges(desired, provisioner);
  });
});
