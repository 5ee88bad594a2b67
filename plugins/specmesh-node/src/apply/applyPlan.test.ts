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
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import {
  binding,
  desiredState,
  desiredTopic,
  liveTopic,
  OWNER,
} from '../plan/__testUtils__/fixtures';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import { planProvisioning } from '../plan/planProvisioning';
import type { AppliedItem, Plan } from '../plan/types';
import { applyPlan } from './applyPlan';
import { FakeKafka, FakeRegistry } from './__testUtils__/fakes';
import { Provisioner } from './Provisioner';

const ORDERS = 'acme.shop._protected.orders';
const AUDIT = 'acme.shop._private.audit';
const AVRO =
  '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}';

function shop(): DesiredState {
  return desiredState({
    topics: [
      desiredTopic('_protected.orders', {
        partitions: 3,
        configs: { 'retention.ms': '1000' },
      }),
      desiredTopic('_private.audit'),
    ],
    acls: [
      binding({ operation: 'READ' }),
      binding({ operation: 'WRITE' }),
      binding({
        resourceName: ORDERS,
        patternType: 'LITERAL',
        principal: 'User:acme.billing',
      }),
    ],
    schemas: [
      {
        subject: `${ORDERS}-value`,
        schemaType: 'AVRO',
        topic: ORDERS,
        role: 'value',
        schema: AVRO,
      },
      {
        subject: `${AUDIT}-value`,
        schemaType: 'AVRO',
        topic: AUDIT,
        role: 'value',
        schema: AVRO,
      },
    ],
  });
}

const outcomes = (items: readonly AppliedItem[]) =>
  Object.fromEntries(
    items.map(item => [
      item.key,
      item.message ? `${item.state}: ${item.message}` : item.state,
    ]),
  );

describe('applyPlan', () => {
  let journal: string[];
  let kafka: FakeKafka;
  let registry: FakeRegistry;
  let provisioner: Provisioner;

  beforeEach(() => {
    journal = [];
    kafka = new FakeKafka(journal);
    registry = new FakeRegistry(journal);
    provisioner = new Provisioner({ kafka, registry });
  });

  it('creates everything in one batch per kind, and the second run finds nothing to do', async () => {
    const plan = await provisioner.plan(shop());
    const result = await provisioner.apply(plan);

    expect(result.appId).toBe('acme.shop');
    expect(result.items.map(item => [item.planned, item.state])).toEqual(
      plan.items.map(() => ['CREATE', 'CREATED']),
    );
    expect(kafka.callsOf('createTopics')).toHaveLength(1);
    expect(kafka.callsOf('createTopics')[0].items).toHaveLength(2);
    expect(kafka.callsOf('createAcls')).toHaveLength(1);
    expect(kafka.callsOf('createAcls')[0].items).toHaveLength(3);
    expect(registry.levels.get(`${ORDERS}-value`)).toBe('FULL_TRANSITIVE');
    expect(registry.subjects.get(`${ORDERS}-value`)).toHaveLength(1);

    journal.length = 0;
    const again = await provisioner.plan(shop());
    expect(again.items.filter(item => item.state !== 'UNCHANGED')).toEqual([]);
    const rerun = await provisioner.apply(again);
    expect(rerun.items.every(item => item.state === 'UNCHANGED')).toBe(true);
    expect(
      journal.filter(
        call =>
          !/describeNamespace|listSubjects|latestSchema|compatibilityLevel/.test(
            call,
          ),
      ),
    ).toEqual([]);
  });

  it('creates topics, then registers schemas, then creates bindings', async () => {
    await provisioner.apply(await provisioner.plan(shop()));

    const mutations = journal.filter(call =>
      /createTopics|setCompatibilityLevel|register|createAcls/.test(call),
    );
    expect(mutations[0]).toBe('kafka.createTopics');
    expect(mutations.at(-1)).toBe('kafka.createAcls');
    expect(
      mutations.slice(1, -1).every(call => call.startsWith('registry.')),
    ).toBe(true);
  });

  it('fails only what depends on a topic that could not be created, and a re-run converges', async () => {
    kafka.failures.set(
      ORDERS,
      'Replication-factor is invalid (INVALID_REPLICATION_FACTOR)',
    );
    const grant = aclBindingKey(
      binding({
        resourceName: ORDERS,
        patternType: 'LITERAL',
        principal: 'User:acme.billing',
      }),
    );

    const result = await provisioner.apply(await provisioner.plan(shop()));

    expect(outcomes(result.items)).toEqual({
      [ORDERS]:
        'FAILED: Replication-factor is invalid (INVALID_REPLICATION_FACTOR)',
      [AUDIT]: 'CREATED',
      [`${ORDERS}-value`]: `FAILED: Not registered: the topic ${ORDERS} was not created.`,
      [`${AUDIT}-value`]: 'CREATED',
      [aclBindingKey(binding({ operation: 'READ' }))]: 'CREATED',
      [aclBindingKey(binding({ operation: 'WRITE' }))]: 'CREATED',
      [grant]: `FAILED: Not created: the topic ${ORDERS} was not created.`,
    });
    expect(kafka.acls.map(aclBindingKey)).not.toContain(grant);
    expect(registry.subjects.has(`${ORDERS}-value`)).toBe(false);

    kafka.failures.clear();
    const remaining = await provisioner.plan(shop());
    expect(
      remaining.items
        .filter(item => item.state !== 'UNCHANGED')
        .map(item => item.key),
    ).toEqual([ORDERS, `${ORDERS}-value`, grant]);
    await provisioner.apply(remaining);
    const converged = await provisioner.plan(shop());
    expect(converged.items.filter(item => item.state !== 'UNCHANGED')).toEqual(
      [],
    );
  });

  it('holds back the grants of a new topic whose schema could not be registered, and a re-run converges', async () => {
    registry.throwing.set(
      'register',
      new Error(
        'Could not reach the schema registry at http://registry:8081: ECONNREFUSED',
      ),
    );
    const grant = aclBindingKey(
      binding({
        resourceName: ORDERS,
        patternType: 'LITERAL',
        principal: 'User:acme.billing',
      }),
    );

    const result = await provisioner.apply(await provisioner.plan(shop()));

    const unreachable =
      'FAILED: Could not reach the schema registry at http://registry:8081: ECONNREFUSED';
    expect(outcomes(result.items)).toEqual({
      [ORDERS]: 'CREATED',
      [AUDIT]: 'CREATED',
      [`${ORDERS}-value`]: unreachable,
      [`${AUDIT}-value`]: unreachable,
      [aclBindingKey(binding({ operation: 'READ' }))]: 'CREATED',
      [aclBindingKey(binding({ operation: 'WRITE' }))]: 'CREATED',
      [grant]: `FAILED: Not created: the schema ${ORDERS}-value of the topic ${ORDERS} was not registered.`,
    });
    expect(kafka.acls.map(aclBindingKey)).not.toContain(grant);

    registry.throwing.clear();
    const remaining = await provisioner.plan(shop());
    expect(
      remaining.items
        .filter(item => item.state !== 'UNCHANGED')
        .map(item => item.key),
    ).toEqual([`${AUDIT}-value`, `${ORDERS}-value`, grant]);
    await provisioner.apply(remaining);
    const converged = await provisioner.plan(shop());
    expect(converged.items.filter(item => item.state !== 'UNCHANGED')).toEqual(
      [],
    );
  });

  it('waits, before it returns, for the cluster to serve exactly what went through', async () => {
    const awaitChanges = jest.fn(async () => {
      journal.push('kafka.awaitChanges');
    });
    Object.assign(kafka, { awaitChanges });
    kafka.failures.set(AUDIT, 'Topic already exists (TOPIC_ALREADY_EXISTS)');

    await provisioner.apply(await provisioner.plan(shop()));

    expect(journal.at(-1)).toBe('kafka.awaitChanges');
    expect(awaitChanges).toHaveBeenCalledWith({
      createdTopics: [ORDERS],
      deletedTopics: [],
      grownTopics: [],
      createdAcls: expect.arrayContaining(shop().acls),
      deletedAcls: [],
    });
  });

  it('reports every item of a batch that threw as failed, and the other batches still run', async () => {
    kafka.throwing.set(
      'createAcls',
      new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'),
    );

    const result = await provisioner.apply(await provisioner.plan(shop()));

    const acls = result.items.filter(item => item.kind === 'acl');
    expect(acls.map(item => item.state)).toEqual([
      'FAILED',
      'FAILED',
      'FAILED',
    ]);
    expect(acls[0].message).toBe(
      'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    );
    expect(
      result.items
        .filter(item => item.kind !== 'acl')
        .every(item => item.state === 'CREATED'),
    ).toBe(true);
  });

  it('says which part of a topic update failed and which was applied', async () => {
    kafka.topics = [liveTopic('_protected.orders', { partitions: 1 })];
    kafka.failures.set(
      `createPartitions:${ORDERS}`,
      'Number of partitions is invalid (INVALID_PARTITIONS)',
    );
    const desired = desiredState({
      topics: [
        desiredTopic('_protected.orders', {
          partitions: 3,
          configs: { 'retention.ms': '1' },
        }),
      ],
    });

    const [item] = (await provisioner.apply(await provisioner.plan(desired)))
      .items;

    expect(item).toMatchObject({ planned: 'UPDATE', state: 'FAILED' });
    expect(item.message).toBe(
      'The partition increase failed: Number of partitions is invalid (INVALID_PARTITIONS). ' +
        'The config update was applied.',
    );
    expect(kafka.topics[0].configs).toEqual({ 'retention.ms': '1' });
  });

  it('grows partitions and replaces the whole config set in one batch each', async () => {
    kafka.topics = [
      liveTopic('_protected.orders', {
        partitions: 1,
        configs: { 'cleanup.policy': 'compact' },
      }),
      liveTopic('_private.audit', { partitions: 1 }),
    ];
    const desired = desiredState({
      topics: [
        desiredTopic('_protected.orders', { configs: { 'retention.ms': '5' } }),
        desiredTopic('_private.audit', { partitions: 4 }),
      ],
    });

    const result = await provisioner.apply(await provisioner.plan(desired));

    expect(outcomes(result.items)).toEqual({
      [ORDERS]: 'UPDATED',
      [AUDIT]: 'UPDATED',
    });
    expect(kafka.callsOf('createPartitions')).toEqual([
      { method: 'createPartitions', items: [{ topic: AUDIT, count: 4 }] },
    ]);
    expect(kafka.callsOf('replaceTopicConfigs')).toEqual([
      {
        method: 'replaceTopicConfigs',
        items: [{ topic: ORDERS, configs: { 'retention.ms': '5' } }],
      },
    ]);
  });

  it('deletes unmanaged topics and revokes bindings', async () => {
    const stale = binding({
      resourceName: ORDERS,
      patternType: 'LITERAL',
      principal: 'User:gone',
    });
    kafka.topics = [liveTopic('_private.old')];
    kafka.acls = [stale];

    const plan = await provisioner.plan(desiredState(), {
      allowDeletion: true,
      deleteUnmanaged: true,
    });
    const result = await provisioner.apply(plan);

    expect(outcomes(result.items)).toEqual({
      'acme.shop._private.old': 'DELETED',
      [aclBindingKey(stale)]: 'DELETED',
    });
    expect(kafka.topics).toEqual([]);
    expect(kafka.acls).toEqual([]);
  });

  it('passes blocked and unchanged items through untouched', async () => {
    kafka.topics = [liveTopic('_protected.orders', { partitions: 4 })];
    kafka.acls = [binding()];
    const plan = await provisioner.plan(
      desiredState({
        topics: [desiredTopic('_protected.orders', { partitions: 2 })],
        acls: [binding()],
      }),
    );
    journal.length = 0;

    const result = await provisioner.apply(plan);

    expect(result.items.map(item => [item.planned, item.state])).toEqual([
      ['BLOCKED', 'BLOCKED'],
      ['UNCHANGED', 'UNCHANGED'],
    ]);
    expect(result.items[0].reason).toContain('Kafka cannot remove partitions');
    expect(journal).toEqual([]);
  });

  it('applies the config changes of a topic whose partition decrease is blocked, and blocks only the decrease', async () => {
    kafka.topics = [
      liveTopic('_protected.orders', {
        partitions: 4,
        configs: { 'cleanup.policy': 'compact' },
      }),
    ];
    const desired = desiredState({
      topics: [
        desiredTopic('_protected.orders', {
          partitions: 2,
          configs: { 'retention.ms': '5' },
        }),
      ],
    });

    const [item] = (await provisioner.apply(await provisioner.plan(desired)))
      .items;

    expect(item).toMatchObject({ planned: 'BLOCKED', state: 'BLOCKED' });
    expect(item.message).toMatch(
      /^The config update was applied\. The spec asks for 2 partitions but the topic has 4: Kafka cannot remove partitions\./,
    );
    expect(kafka.topics[0]).toMatchObject({
      partitions: 4,
      configs: { 'retention.ms': '5' },
    });
    expect(kafka.callsOf('createPartitions')).toEqual([]);

    const again = await provisioner.plan(desired);
    expect(again.items[0].state).toBe('BLOCKED');
    expect(again.items[0].changes).toEqual([
      { field: 'partitions', before: 4, after: 2, blocked: true },
    ]);
  });

  it('fails a blocked topic whose safe change failed, with both reasons', async () => {
    kafka.topics = [liveTopic('_protected.orders', { partitions: 4 })];
    kafka.failures.set(
      `replaceTopicConfigs:${ORDERS}`,
      'Invalid config (INVALID_CONFIG)',
    );
    const desired = desiredState({
      topics: [
        desiredTopic('_protected.orders', {
          partitions: 2,
          configs: { 'retention.ms': 'x' },
        }),
      ],
    });

    const [item] = (await provisioner.apply(await provisioner.plan(desired)))
      .items;

    expect(item).toMatchObject({ planned: 'BLOCKED', state: 'FAILED' });
    expect(item.message).toMatch(
      /^The config update failed: Invalid config \(INVALID_CONFIG\)\. The spec asks for 2 partitions/,
    );
  });

  it('fails the schemas of a plan made while the registry could not be read, asks it nothing, and holds back the grants of their new topics', async () => {
    const error =
      'Could not reach the schema registry at http://r: ECONNREFUSED';
    registry.throwing.set('listSubjects', new Error(error));
    const grant = aclBindingKey(
      binding({
        resourceName: ORDERS,
        patternType: 'LITERAL',
        principal: 'User:acme.billing',
      }),
    );

    const plan = await provisioner.plan(shop());
    journal.length = 0;
    const result = await provisioner.apply(plan);

    expect(outcomes(result.items)).toEqual({
      [ORDERS]: 'CREATED',
      [AUDIT]: 'CREATED',
      [`${ORDERS}-value`]: `FAILED: ${error}`,
      [`${AUDIT}-value`]: `FAILED: ${error}`,
      [aclBindingKey(binding({ operation: 'READ' }))]: 'CREATED',
      [aclBindingKey(binding({ operation: 'WRITE' }))]: 'CREATED',
      [grant]: `FAILED: Not created: the schema ${ORDERS}-value of the topic ${ORDERS} was not registered.`,
    });
    expect(journal.filter(call => call.startsWith('registry.'))).toEqual([]);

    registry.throwing.clear();
    await provisioner.apply(await provisioner.plan(shop()));
    const converged = await provisioner.plan(shop());
    expect(converged.items.filter(item => item.state !== 'UNCHANGED')).toEqual(
      [],
    );
  });

  it('fails the remaining schemas at once when the registry does not answer', async () => {
    const manySchemas = desiredState({
      topics: Array.from({ length: 10 }, (_, i) =>
        desiredTopic(`_private.t${i}`),
      ),
      schemas: Array.from({ length: 10 }, (_, i) => ({
        subject: `acme.shop._private.t${i}-value`,
        schemaType: 'AVRO' as const,
        topic: `acme.shop._private.t${i}`,
        role: 'value' as const,
        schema: AVRO,
      })),
    });
    const plan = await provisioner.plan(manySchemas);
    const noAnswer = Object.assign(
      new Error(
        'Could not reach the schema registry at http://r: no answer within 10000 ms',
      ),
      { noAnswer: true },
    );
    registry.throwing.set('setCompatibilityLevel', noAnswer);

    const result = await provisioner.apply(plan);

    const schemas = result.items.filter(item => item.kind === 'schema');
    expect(
      new Set(schemas.map(item => `${item.state}: ${item.message}`)),
    ).toEqual(new Set([`FAILED: ${noAnswer.message}`]));
    // The ones already in flight when the first failed (4 at a time), no more.
    expect(
      registry.callsOf('setCompatibilityLevel').length,
    ).toBeLessThanOrEqual(4);
  });

  describe('schemas', () => {
    const subject = `${ORDERS}-value`;
    const existing = () =>
      desiredState({
        topics: [desiredTopic('_protected.orders')],
        schemas: [
          {
            subject,
            schemaType: 'AVRO',
            topic: ORDERS,
            role: 'value',
            schema: AVRO,
          },
        ],
      });

    beforeEach(() => {
      kafka.topics = [liveTopic('_protected.orders')];
      registry.subjects.set(subject, [
        {
          subject,
          version: 1,
          schemaType: 'AVRO',
          schema: '{"type":"string"}',
        },
      ]);
    });

    it('sets a drifted compatibility without registering anything', async () => {
      registry.subjects.set(subject, [
        { subject, version: 1, schemaType: 'AVRO', schema: AVRO },
      ]);
      registry.levels.set(subject, 'NONE');

      const result = await provisioner.apply(
        await provisioner.plan(existing()),
      );

      expect(outcomes(result.items)[subject]).toBe('UPDATED');
      expect(registry.levels.get(subject)).toBe('FULL_TRANSITIVE');
      expect(registry.callsOf('register')).toEqual([]);
    });

    it('registers a compatible change', async () => {
      registry.levels.set(subject, 'FULL_TRANSITIVE');

      const result = await provisioner.apply(
        await provisioner.plan(existing()),
      );

      expect(outcomes(result.items)[subject]).toBe('UPDATED');
      expect(registry.subjects.get(subject)).toHaveLength(2);
      expect(registry.callsOf('setCompatibilityLevel')).toEqual([]);
    });

    it("reports the registry's message when registering fails", async () => {
      registry.levels.set(subject, 'FULL_TRANSITIVE');
      registry.throwing.set(
        'register',
        new Error('The schema registry did not register it: boom'),
      );

      const result = await provisioner.apply(
        await provisioner.plan(existing()),
      );

      expect(outcomes(result.items)[subject]).toBe(
        'FAILED: The schema registry did not register it: boom',
      );
    });

    it('fails a schema item when the plan meets an apply without a registry', async () => {
      const plan: Plan = planProvisioning(existing(), {
        topics: kafka.topics,
        acls: [],
        subjects: [],
      });
      const result = await applyPlan(plan, { kafka });
      expect(outcomes(result.items)[subject]).toBe(
        'FAILED: No schema registry is configured.',
      );
    });
  });

  it("keeps the owner's principal on the bindings it creates", async () => {
    await provisioner.apply(await provisioner.plan(shop()));
    expect(kafka.acls.filter(acl => acl.principal === OWNER)).toHaveLength(2);
  });
});
