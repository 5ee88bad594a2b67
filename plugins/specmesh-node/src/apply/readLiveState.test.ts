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
import { SchemaRegistryError } from '../registry/SchemaRegistryError';
import {
  desiredState,
  desiredTopic,
  liveTopic,
} from '../plan/__testUtils__/fixtures';
import { planProvisioning } from '../plan/planProvisioning';
import { readLiveState } from './readLiveState';
import { FakeKafka, FakeRegistry } from './__testUtils__/fakes';

const TOPIC = 'acme.shop._public.orders';
const SUBJECT = `${TOPIC}-value`;
const V1 =
  '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}';
const V2 =
  '{"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]}';

function withSchema(schema: string | undefined = V1) {
  return desiredState({
    topics: [desiredTopic('_public.orders')],
    schemas: [
      {
        subject: SUBJECT,
        schemaType: 'AVRO',
        topic: TOPIC,
        role: 'value',
        schema,
      },
    ],
  });
}

describe('readLiveState', () => {
  let kafka: FakeKafka;
  let registry: FakeRegistry;

  beforeEach(() => {
    kafka = new FakeKafka();
    registry = new FakeRegistry();
    kafka.topics = [
      liveTopic('_public.orders'),
      { name: 'acme.shopping.x', partitions: 1, replicas: 1, configs: {} },
    ];
  });

  it('reads the namespace of the owner from Kafka', async () => {
    const live = await readLiveState(withSchema(), { kafka, registry });

    expect(live.topics.map(topic => topic.name)).toEqual([TOPIC]);
    expect(kafka.callsOf('describeNamespace')).toEqual([
      { method: 'describeNamespace', items: ['acme.shop', 'User:acme.shop'] },
    ]);
  });

  it('counts the brokers only for a spec that asks for more than one replica', async () => {
    kafka.brokerCount = 1;
    const spread = desiredState({
      topics: [desiredTopic('_public.orders', { replicas: 3 })],
    });
    expect((await readLiveState(spread, { kafka })).brokerCount).toBe(1);
    expect(
      (await readLiveState(withSchema(), { kafka })).brokerCount,
    ).toBeUndefined();
  });

  it('leaves subjects undefined without a registry, so that schema items are blocked', async () => {
    const live = await readLiveState(withSchema(), { kafka });

    expect(live.subjects).toBeUndefined();
    const plan = planProvisioning(withSchema(), live);
    expect(plan.items.find(item => item.key === SUBJECT)?.state).toBe(
      'BLOCKED',
    );
  });

  it('asks the registry nothing when the spec has no schemas', async () => {
    const live = await readLiveState(desiredState(), { kafka, registry });
    expect(live).toMatchObject({ subjects: [], schemaChecks: {} });
    expect(registry.calls).toEqual([]);
  });

  it('reads only the latest version of a desired subject the registry does not list', async () => {
    registry.subjects.set('acme.other-value', [
      {
        subject: 'acme.other-value',
        version: 1,
        schemaType: 'AVRO',
        schema: V1,
      },
    ]);

    const live = await readLiveState(withSchema(), { kafka, registry });

    expect(live.subjects).toEqual([]);
    // The list may be cut short (Apicurio lists 1,000 subjects by default): an
    // unlisted subject is read before it is taken for missing, and no more.
    expect(registry.calls).toEqual([
      { method: 'listSubjects' },
      { method: 'latestSchema', subject: SUBJECT },
    ]);
  });

  it('reads the latest version and compatibility, and checks nothing when the schema is the same', async () => {
    registry.subjects.set(SUBJECT, [
      { subject: SUBJECT, version: 2, schemaType: 'AVRO', schema: V1 },
    ]);
    registry.levels.set(SUBJECT, 'FULL_TRANSITIVE');

    const live = await readLiveState(
      withSchema(JSON.stringify(JSON.parse(V1), null, 2)),
      {
        kafka,
        registry,
      },
    );

    expect(live.subjects).toEqual([
      {
        subject: SUBJECT,
        version: 2,
        schemaType: 'AVRO',
        schema: V1,
        compatibility: 'FULL_TRANSITIVE',
      },
    ]);
    expect(live.schemaChecks).toEqual({});
    expect(registry.callsOf('checkCompatibility')).toEqual([]);
  });

  it('checks a changed schema against the registry', async () => {
    registry.subjects.set(SUBJECT, [
      { subject: SUBJECT, version: 1, schemaType: 'AVRO', schema: V1 },
    ]);
    registry.verdicts.set(SUBJECT, {
      compatible: false,
      messages: ['id changed type'],
    });

    const live = await readLiveState(withSchema(V2), { kafka, registry });

    expect(live.schemaChecks).toEqual({
      [SUBJECT]: { compatible: false, messages: ['id changed type'] },
    });
  });

  it('does not check a schema the registry already holds as the latest version', async () => {
    // The registry stores its own canonical form: the texts differ, the schema does not.
    const canonical = V2.replace('"type":"long"', '"type":{"type":"long"}');
    registry.subjects.set(SUBJECT, [
      { subject: SUBJECT, version: 1, schemaType: 'AVRO', schema: V1 },
      { subject: SUBJECT, version: 2, schemaType: 'AVRO', schema: canonical },
    ]);
    const findVersion = jest
      .spyOn(registry, 'findVersion')
      .mockResolvedValue(2);

    const live = await readLiveState(withSchema(V2), { kafka, registry });

    expect(findVersion).toHaveBeenCalledWith(SUBJECT, {
      schemaType: 'AVRO',
      schema: V2,
    });
    expect(live.schemaChecks).toEqual({ [SUBJECT]: { registeredVersion: 2 } });
    expect(registry.callsOf('checkCompatibility')).toEqual([]);
  });

  it("records an error answer of a check as the check's error", async () => {
    registry.subjects.set(SUBJECT, [
      { subject: SUBJECT, version: 1, schemaType: 'AVRO', schema: V1 },
    ]);
    registry.throwing.set(
      'checkCompatibility',
      new SchemaRegistryError(
        'The schema registry answered … with 422: Invalid schema',
        422,
      ),
    );

    const live = await readLiveState(withSchema(V2), { kafka, registry });

    expect(live.schemaChecks?.[SUBJECT]).toEqual({
      error: 'The schema registry answered … with 422: Invalid schema',
    });
  });

  it.each(['listSubjects', 'latestSchema', 'checkCompatibility'])(
    "reads Kafka all the same and keeps the registry's message when it cannot be reached (%s)",
    async method => {
      registry.subjects.set(SUBJECT, [
        { subject: SUBJECT, version: 1, schemaType: 'AVRO', schema: V1 },
      ]);
      registry.throwing.set(
        method,
        new SchemaRegistryError(
          'Could not reach the schema registry at http://r: ECONNREFUSED',
        ),
      );

      const live = await readLiveState(withSchema(V2), { kafka, registry });
      expect(live).toEqual({
        topics: [liveTopic('_public.orders')],
        acls: [],
        relatedAcls: [],
        registryError:
          'Could not reach the schema registry at http://r: ECONNREFUSED',
      });
      const plan = planProvisioning(withSchema(V2), live);
      expect(plan.items.map(item => [item.kind, item.state])).toEqual([
        ['topic', 'UNCHANGED'],
        ['schema', 'BLOCKED'],
      ]);
    },
  );

  it('throws only once the registry read has settled when Kafka cannot be read', async () => {
    let settled = false;
    jest.spyOn(registry, 'listSubjects').mockImplementation(
      () =>
        new Promise(resolve =>
          setTimeout(() => {
            settled = true;
            resolve([]);
          }, 50),
        ),
    );
    jest
      .spyOn(kafka, 'describeNamespace')
      .mockRejectedValue(new Error('Could not read the topics from Kafka'));

    await expect(
      readLiveState(withSchema(), { kafka, registry }),
    ).rejects.toThrow('Could not read the topics from Kafka');
    expect(settled).toBe(true);
  });

  it('fails when Kafka cannot be read', async () => {
    jest
      .spyOn(kafka, 'describeNamespace')
      .mockRejectedValue(
        new Error(
          'Could not read the ACL bindings from Kafka: Connection error',
        ),
      );
    await expect(
      readLiveState(withSchema(), { kafka, registry }),
    ).rejects.toThrow('Could not read the ACL bindings from Kafka');
  });

  it('leaves a schema whose text was not loaded unchecked', async () => {
    registry.subjects.set(SUBJECT, [
      { subject: SUBJECT, version: 1, schemaType: 'AVRO', schema: V1 },
    ]);
    const live = await readLiveState(withSchema(undefined), {
      kafka,
      registry,
    });
    expect(live.schemaChecks).toEqual({});
  });
});
