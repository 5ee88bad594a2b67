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
 * The reconcile's snapshot on the real broker and registry of the shared infra:
 * planning many data products against one snapshot of the cluster costs the
 * same Kafka requests for 3 data products as for 30, lists the registry's
 * subjects once, reads only the subjects the specs declare, and gives each data
 * product the plan a read of its own would give.
 */
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import { Kafka } from 'kafkajs';
import { KafkaClusterAdmin } from '../kafka';
import type { Plan } from '../plan';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import type { SchemaRegistryAdmin } from './ports';
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

jest.setTimeout(300_000);

const DATA_PRODUCTS = 30;

let test: TestInfra;
let client: Kafka;
let kafka: KafkaClusterAdmin;
let provisioner: Provisioner;
const kafkaRequests: Record<string, number> = {};
const registryRequests: Record<string, number> = {};
const specs: DesiredState[] = [];

/** Counts the calls of each registry method, passing them on to the real registry. */
function counting(registry: SchemaRegistryAdmin): SchemaRegistryAdmin {
  return new Proxy(registry, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        registryRequests[String(name)] =
          (registryRequests[String(name)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
}

function take(counts: Record<string, number>): Record<string, number> {
  const taken = { ...counts };
  for (const key of Object.keys(counts)) delete counts[key];
  return taken;
}

const withoutTimes = (plan: Plan) => JSON.parse(JSON.stringify(plan));

beforeAll(async () => {
  test = await sharedOrPrivateInfra(0);
  client = kafkaClient(test.infra);
  const admin = client.admin();
  admin.on(admin.events.REQUEST, event => {
    const api = event.payload.apiName;
    kafkaRequests[api] = (kafkaRequests[api] ?? 0) + 1;
  });
  kafka = new KafkaClusterAdmin(admin);
  await kafka.connect();
  provisioner = new Provisioner({
    kafka,
    registry: counting(
      new ConfluentSchemaRegistryAdmin({ url: test.infra.registry.url }),
    ),
  });
  // Each data product: a topic with a schema, one without, a protected one with a grant.
  for (let index = 0; index < DATA_PRODUCTS; index++) {
    const appId = uniqueAppId('snap');
    specs.push(
      desiredOf(appId, {
        '_public.events': owned(
          { partitions: 2, configs: { 'retention.ms': '3600000' } },
          {
            payload: {
              title: 'Event',
              type: 'object',
              properties: { id: { type: 'string' } },
            },
          },
        ),
        '_private.state': owned(),
        '_protected.orders': owned({}, { grants: ['snap.reader'] }),
      }),
    );
  }
  // All but the last are applied; the last one's plan creates everything.
  for (const spec of specs.slice(0, -1)) {
    const result = await provisioner.apply(await provisioner.plan(spec));
    const failed = result.items.filter(item => item.state === 'FAILED');
    if (failed.length > 0) {
      throw new Error(`Setup failed: ${JSON.stringify(failed)}`);
    }
  }
});

afterAll(async () => {
  if (kafka) {
    for (const spec of specs) {
      await removeNamespace(kafka, spec.appId).catch(() => {});
    }
    await kafka.disconnect();
  }
  await test?.stop();
});

describe('planning many data products against one snapshot', () => {
  it('reads the cluster the same number of times for 3 data products as for 30', async () => {
    take(kafkaRequests);
    take(registryRequests);
    await provisioner.planMany(specs.slice(-3));
    const few = {
      kafka: take(kafkaRequests),
      registry: take(registryRequests),
    };
    await provisioner.planMany(specs);
    const many = {
      kafka: take(kafkaRequests),
      registry: take(registryRequests),
    };

    // Kafka: one Metadata, one DescribeConfigs (per 1,000 topics), one
    // DescribeAcls; kafkajs refreshes the metadata before each of the last two.
    expect(many.kafka).toEqual(few.kafka);
    expect(many.kafka).toEqual({
      Metadata: 3,
      DescribeConfigs: 1,
      DescribeAcls: 1,
    });
    // The registry's subject list once; then only the subjects the specs
    // declare, one latest version each: the last spec's is not registered yet,
    // and is read too, as a list may be cut short by the registry's cap
    // (apicurio.ccompat.max-subjects); only the registered ones' levels.
    expect(few.registry.listSubjects).toBe(1);
    expect(many.registry.listSubjects).toBe(1);
    expect(many.registry.latestSchema).toBe(DATA_PRODUCTS);
    expect(few.registry.latestSchema).toBe(3);
    expect(many.registry.compatibilityLevel).toBe(DATA_PRODUCTS - 1);
    expect(few.registry.compatibilityLevel).toBe(2);

    // The same plans one read per data product gives, at 3 requests each and more.
    take(kafkaRequests);
    const alone = await provisioner.plan(specs[0]);
    expect(take(kafkaRequests).DescribeAcls).toBe(1);
    const [together] = await provisioner.planMany([specs[0]]);
    expect(withoutTimes(together)).toEqual(withoutTimes(alone));
  });

  it('gives each data product the plan a read of its own gives', async () => {
    const together = await provisioner.planMany(specs);
    const alone: Plan[] = [];
    for (const spec of specs) alone.push(await provisioner.plan(spec));
    expect(together.map(withoutTimes)).toEqual(alone.map(withoutTimes));
    // Applied ones are unchanged; the last one creates its topics, ACLs and subject.
    const changes = together.map(
      plan => plan.items.filter(item => item.state !== 'UNCHANGED').length,
    );
    expect(changes.slice(0, -1).every(count => count === 0)).toBe(true);
    expect(changes[changes.length - 1]).toBeGreaterThan(3);
  });
});
