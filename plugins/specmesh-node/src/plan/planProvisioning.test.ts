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
import {
  aclBindingKey,
  computeDesiredState,
  DesiredState,
} from '@meshport/plugin-specmesh-common';
import {
  APP_ID,
  binding,
  desiredState,
  desiredTopic,
  liveState,
  liveStateOf,
  liveTopic,
} from './__testUtils__/fixtures';
import { planProvisioning } from './planProvisioning';
import type { PlanItem } from './types';

const ORDER_AVRO = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'acme.shop',
  fields: [{ name: 'id', type: 'string' }],
});

/** A small spec through the real rule engine: what the planner sees in production. */
function shopSpec(): DesiredState {
  const result = computeDesiredState(
    {
      asyncapi: '2.5.0',
      id: `urn:${APP_ID}`,
      info: { title: 'Shop', version: '1.0.0' },
      channels: {
        '_public.orders': {
          bindings: {
            kafka: { partitions: 3, configs: { 'retention.ms': 86400000 } },
          },
          publish: { message: { payload: { $ref: '/schema/order.avsc' } } },
        },
        '_protected.payments': {
          publish: {
            tags: [{ name: 'grant-access:acme.billing' }],
            message: {
              payload: {
                type: 'object',
                properties: { amount: { type: 'number' } },
              },
            },
          },
        },
        'acme.billing._public.invoices': {
          subscribe: { message: { payload: { type: 'object' } } },
        },
      },
    },
    { schemaFiles: { '/schema/order.avsc': ORDER_AVRO } },
  );
  if (!result.state) {
    throw new Error(
      `fixture spec is invalid: ${JSON.stringify(result.problems)}`,
    );
  }
  return result.state;
}

const states = (items: PlanItem[]) =>
  items.map(item => `${item.kind} ${item.state} ${item.key}`);

describe('planProvisioning', () => {
  it('creates everything on an empty cluster, topics first, then schemas, then bindings', () => {
    const desired = shopSpec();
    const plan = planProvisioning(desired, liveState());

    expect(plan.appId).toBe(APP_ID);
    expect(plan.items.every(item => item.state === 'CREATE')).toBe(true);
    const kinds = plan.items.map(item => item.kind);
    expect(kinds).toEqual([
      ...desired.topics.map(() => 'topic'),
      ...desired.schemas.map(() => 'schema'),
      ...desired.acls.map(() => 'acl'),
    ]);
    expect(
      plan.items.filter(item => item.kind === 'topic').map(item => item.key),
    ).toEqual(['acme.shop._protected.payments', 'acme.shop._public.orders']);
    const grant = plan.items.find(
      item =>
        item.kind === 'acl' && item.after?.principal === 'User:acme.billing',
    );
    expect(grant?.state).toBe('CREATE');
  });

  it('plans nothing once the cluster matches the spec', () => {
    const desired = shopSpec();
    const plan = planProvisioning(desired, liveStateOf(desired));

    expect(plan.items.filter(item => item.state !== 'UNCHANGED')).toEqual([]);
    expect(plan.items).toHaveLength(
      desired.topics.length + desired.schemas.length + desired.acls.length,
    );
  });

  it('plans everything but the schemas when the registry cannot be read', () => {
    const desired = shopSpec();
    const error =
      'Could not reach the schema registry at http://registry: ECONNREFUSED';
    const plan = planProvisioning(desired, {
      topics: [],
      acls: [],
      registryError: error,
    });

    const schemas = plan.items.filter(item => item.kind === 'schema');
    expect(schemas.map(item => item.state)).toEqual(['BLOCKED', 'BLOCKED']);
    for (const item of schemas) {
      expect(item).toMatchObject({ registryError: error });
      expect(item.reason).toBe(
        `${error}. The schema was neither checked nor registered: plan again once the registry answers.`,
      );
    }
    // The topics do not wait for their schemas, nor do the bindings: apply
    // holds back the grants of a new topic until its schema is registered.
    expect(
      plan.items
        .filter(item => item.kind !== 'schema')
        .every(item => item.state === 'CREATE'),
    ).toBe(true);
  });

  it('blocks a new topic with more replicas than brokers, with its subjects and grants', () => {
    const payments = desiredTopic('_protected.payments', { replicas: 3 });
    const grant = binding({
      principal: 'User:acme.billing',
      resourceName: payments.name,
      patternType: 'LITERAL',
    });
    const plan = planProvisioning(
      desiredState({
        topics: [payments, desiredTopic('_public.orders', { replicas: 1 })],
        acls: [grant],
        schemas: [
          {
            subject: `${payments.name}-value`,
            schemaType: 'JSON',
            topic: payments.name,
            role: 'value',
            schema: '{"type":"object"}',
          },
        ],
      }),
      liveState({ brokerCount: 1 }),
    );

    expect(states(plan.items)).toEqual([
      `topic BLOCKED ${payments.name}`,
      'topic CREATE acme.shop._public.orders',
      `schema BLOCKED ${payments.name}-value`,
      `acl BLOCKED ${aclBindingKey(grant)}`,
    ]);
    expect(plan.items[0].reason).toContain(
      'replication factor 3 but the cluster has 1 broker',
    );
  });

  it('gives new subjects the configured compatibility', () => {
    const plan = planProvisioning(shopSpec(), liveState(), {
      compatibility: 'BACKWARD',
    });
    const schemas = plan.items.filter(item => item.kind === 'schema');
    expect(
      schemas.map(
        item =>
          item.after &&
          'compatibility' in item.after &&
          item.after.compatibility,
      ),
    ).toEqual(['BACKWARD', 'BACKWARD']);
  });

  it('revokes a removed grant and keeps everything else', () => {
    const desired = shopSpec();
    const live = liveStateOf(desired);
    const withoutGrant: DesiredState = {
      ...desired,
      acls: desired.acls.filter(acl => acl.principal !== 'User:acme.billing'),
    };

    const changed = planProvisioning(withoutGrant, live).items.filter(
      item => item.state !== 'UNCHANGED',
    );

    expect(changed).toHaveLength(2);
    expect(
      changed.every(item => item.kind === 'acl' && item.state === 'DELETE'),
    ).toBe(true);
    expect(
      changed.map(
        item =>
          item.before && 'principal' in item.before && item.before.principal,
      ),
    ).toEqual(['User:acme.billing', 'User:acme.billing']);
  });

  describe('dependencies', () => {
    const topic = desiredTopic('_protected.orders');
    const grant = binding({
      resourceName: topic.name,
      patternType: 'LITERAL',
      principal: 'User:acme.billing',
    });
    const prefixed = binding();
    const value = {
      subject: `${topic.name}-value`,
      schemaType: 'AVRO' as const,
      topic: topic.name,
      role: 'value' as const,
      schema: ORDER_AVRO,
    };
    const key = {
      ...value,
      subject: `${topic.name}-key`,
      role: 'key' as const,
    };
    const incompatible = {
      subjects: [
        {
          subject: value.subject,
          version: 1,
          schemaType: 'AVRO' as const,
          schema: '{"type":"string"}',
          compatibility: 'FULL_TRANSITIVE',
        },
      ],
      schemaChecks: {
        [value.subject]: { compatible: false, messages: ['type changed'] },
      },
    };

    it('blocks a new topic whose schema is blocked, and the new subjects and grants of that topic', () => {
      const plan = planProvisioning(
        desiredState({
          topics: [topic],
          acls: [grant, prefixed],
          schemas: [value, key],
        }),
        liveState(incompatible),
      );

      expect(states(plan.items)).toEqual([
        `topic BLOCKED ${topic.name}`,
        `schema BLOCKED ${key.subject}`,
        `schema BLOCKED ${value.subject}`,
        `acl BLOCKED ${aclBindingKey(grant)}`,
        `acl CREATE ${aclBindingKey(prefixed)}`,
      ]);
      const reasons = Object.fromEntries(
        plan.items.map(item => [item.key, item.reason]),
      );
      expect(reasons[topic.name]).toBe(
        `Not created: the schema ${value.subject} is blocked.`,
      );
      expect(reasons[key.subject]).toBe(
        `Not registered: the topic ${topic.name} is blocked.`,
      );
      expect(reasons[value.subject]).toContain('type changed');
      expect(reasons[aclBindingKey(grant)]).toBe(
        `Not created: the topic ${topic.name} is blocked.`,
      );
    });

    it('does not block an existing topic because its new schema is blocked', () => {
      const plan = planProvisioning(
        desiredState({
          topics: [{ ...topic, partitions: 2 }],
          schemas: [value],
        }),
        liveState({
          ...incompatible,
          topics: [liveTopic('_protected.orders')],
        }),
      );

      expect(states(plan.items)).toEqual([
        `topic UPDATE ${topic.name}`,
        `schema BLOCKED ${value.subject}`,
      ]);
    });

    it('does not block the schemas and grants of an existing topic that is blocked', () => {
      const plan = planProvisioning(
        desiredState({
          topics: [{ ...topic, partitions: 1 }],
          acls: [grant],
          schemas: [value],
        }),
        liveState({
          topics: [liveTopic('_protected.orders', { partitions: 4 })],
        }),
      );

      expect(states(plan.items)).toEqual([
        `topic BLOCKED ${topic.name}`,
        `schema CREATE ${value.subject}`,
        `acl CREATE ${aclBindingKey(grant)}`,
      ]);
    });
  });

  it('passes deletion options through to unmanaged topics', () => {
    const live = liveState({ topics: [liveTopic('_private.old')] });
    const desired = desiredState();

    expect(states(planProvisioning(desired, live).items)).toEqual([
      'topic UNCHANGED acme.shop._private.old',
    ]);
    expect(
      states(
        planProvisioning(desired, live, {
          allowDeletion: true,
          deleteUnmanaged: true,
        }).items,
      ),
    ).toEqual(['topic DELETE acme.shop._private.old']);
  });

  it('does not change its inputs', () => {
    const desired = shopSpec();
    const live = liveStateOf(desired);
    const before = JSON.stringify({ desired, live });
    planProvisioning({ ...desired, topics: [] }, live, {
      allowDeletion: true,
      deleteUnmanaged: true,
    });
    expect(JSON.stringify({ desired, live })).toBe(before);
  });
});
