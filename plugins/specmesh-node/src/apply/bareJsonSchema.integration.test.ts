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
 * Inline JSON Schemas without `$schema` or top-level `properties` on a real Apicurio:
 * its Confluent API cannot classify them (it ignores the request's schemaType), so the
 * registry adapter registers them through Apicurio's own API. The full life cycle of
 * such a subject must work like any other.
 */
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

let test: TestInfra;
let kafka: KafkaClusterAdmin;
let registry: ConfluentSchemaRegistryAdmin;
let provisioner: Provisioner;
const appId = uniqueAppId();

beforeAll(async () => {
  test = await sharedOrPrivateInfra(0);
  kafka = new KafkaClusterAdmin(kafkaClient(test.infra).admin());
  await kafka.connect();
  registry = new ConfluentSchemaRegistryAdmin({
    url: test.infra.registry.url,
  });
  provisioner = new Provisioner({ kafka, registry });
});

afterAll(async () => {
  if (kafka) {
    await removeNamespace(kafka, appId).catch(() => {});
    await kafka.disconnect();
  }
  await test?.stop();
});

const spec = (payload: unknown) =>
  desiredOf(appId, { '_public.events': owned({}, { payload }) });

const schemaItem = async (payload: unknown) => {
  const plan = await provisioner.plan(spec(payload));
  return { plan, item: plan.items.find(item => item.kind === 'schema')! };
};

describe('a bare inline JSON Schema on Apicurio', () => {
  const subject = `${appId}._public.events-value`;

  it('registers unchanged, is then unchanged, evolves compatibly, and an incompatible change is blocked', async () => {
    const first = await schemaItem({ type: 'object' });
    expect(first.item.state).toBe('CREATE');
    const created = await provisioner.apply(first.plan);
    expect(created.items.filter(item => item.state !== 'CREATED')).toEqual([]);
    expect(await registry.latestSchema(subject)).toMatchObject({
      version: 1,
      schemaType: 'JSON',
      schema: '{"type":"object"}',
    });

    expect((await schemaItem({ type: 'object' })).item.state).toBe('UNCHANGED');

    const described = { type: 'object', description: 'An event' };
    const second = await schemaItem(described);
    expect(second.item).toMatchObject({
      state: 'UPDATE',
      changes: [{ field: 'schema', before: 'version 1' }],
    });
    const updated = await provisioner.apply(second.plan);
    expect(updated.items.find(item => item.kind === 'schema')).toMatchObject({
      state: 'UPDATED',
    });
    expect(await registry.latestSchema(subject)).toMatchObject({
      version: 2,
      schema: JSON.stringify(described),
    });
    expect((await schemaItem(described)).item.state).toBe('UNCHANGED');

    const incompatible = await schemaItem({ type: 'string' });
    expect(incompatible.item.state).toBe('BLOCKED');
    expect(incompatible.item.reason).toContain(
      `not compatible with the registered versions of ${subject}`,
    );
  });
});
