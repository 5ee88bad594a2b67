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
import type { Plan, PlanItem } from '@meshport/plugin-specmesh-node';
import {
  applyStatusOf,
  describeStatus,
  pendingChangesOf,
  summarizePlan,
} from './planStatus';

const topic = (name: string, partitions = 1) => ({
  name,
  access: 'public' as const,
  partitions,
  replicas: null,
  configs: {},
});
const live = (name: string, partitions = 1) => ({
  name,
  partitions,
  replicas: 1,
  configs: {},
});
const binding = {
  resourceType: 'TOPIC' as const,
  resourceName: 'acme.a._public.',
  patternType: 'PREFIXED' as const,
  principal: 'User:acme.b',
  host: '*',
  operation: 'READ',
  permissionType: 'ALLOW' as const,
};

const items: Record<string, PlanItem> = {
  inSync: {
    kind: 'topic',
    key: 'acme.a._public.same',
    state: 'UNCHANGED',
    before: live('acme.a._public.same'),
    after: topic('acme.a._public.same'),
  },
  missing: {
    kind: 'topic',
    key: 'acme.a._public.new',
    state: 'CREATE',
    after: topic('acme.a._public.new'),
  },
  changed: {
    kind: 'topic',
    key: 'acme.a._public.grown',
    state: 'UPDATE',
    before: live('acme.a._public.grown'),
    after: topic('acme.a._public.grown', 3),
    changes: [{ field: 'partitions', before: 1, after: 3 }],
  },
  shrunk: {
    kind: 'topic',
    key: 'acme.a._public.shrunk',
    state: 'BLOCKED',
    reason: 'Kafka cannot decrease partitions.',
    before: live('acme.a._public.shrunk', 6),
    after: topic('acme.a._public.shrunk', 3),
    changes: [{ field: 'partitions', before: 6, after: 3 }],
  },
  stray: {
    kind: 'acl',
    key: 'stray-binding',
    state: 'DELETE',
    reason: 'Not granted by the spec: revoked.',
    before: binding,
  },
  unmanaged: {
    kind: 'topic',
    key: 'acme.a._public.old',
    state: 'UNCHANGED',
    unmanaged: true,
    reason: 'Not in the spec: kept.',
    before: live('acme.a._public.old'),
  },
  unloaded: {
    kind: 'schema',
    key: 'acme.a._public.new-value',
    state: 'BLOCKED',
    reason: 'The schema text of /schema/x.avsc was not loaded.',
  },
  registered: {
    kind: 'schema',
    key: 'acme.a._public.same-value',
    state: 'UNCHANGED',
    before: {
      subject: 'acme.a._public.same-value',
      version: 3,
      id: 12,
      schemaType: 'AVRO',
      schema: '"string"',
    },
  },
};

const planOf = (...keys: string[]): Plan => ({
  appId: 'acme.a',
  items: keys.map(key => items[key]),
});

describe('describeStatus', () => {
  it('tells each item’s status, with what differs and why', () => {
    expect(
      describeStatus(planOf(...Object.keys(items))).items.map(item => [
        item.key,
        item.status,
        item.exists,
        item.changes?.length ?? 0,
        item.reason !== undefined,
      ]),
    ).toEqual([
      ['acme.a._public.same', 'in-sync', true, 0, false],
      ['acme.a._public.new', 'missing', false, 0, false],
      ['acme.a._public.grown', 'drifted', true, 1, false],
      ['acme.a._public.shrunk', 'drifted', true, 1, true],
      ['stray-binding', 'unexpected', true, 0, true],
      ['acme.a._public.old', 'unmanaged', true, 0, true],
      ['acme.a._public.new-value', 'unknown', false, 0, true],
      ['acme.a._public.same-value', 'in-sync', true, 0, false],
    ]);
  });

  it('quotes the latest registered version of schemas that exist, and only of those', () => {
    const [unloaded, registered, topicItem] = describeStatus(
      planOf('unloaded', 'registered', 'inSync'),
    ).items;
    expect(registered).toMatchObject({ latestVersion: 3, schemaId: 12 });
    expect(unloaded).not.toHaveProperty('latestVersion');
    expect(topicItem).not.toHaveProperty('latestVersion');
  });

  it.each([
    [['inSync'], 'in-sync'],
    [['inSync', 'unmanaged'], 'in-sync'],
    [['inSync', 'unloaded'], 'unknown'],
    [['inSync', 'missing', 'unloaded'], 'drifted'],
    [['changed'], 'drifted'],
    [['shrunk'], 'drifted'],
    [['stray'], 'drifted'],
  ])('calls a plan of %j %s', (keys, status) => {
    expect(describeStatus(planOf(...keys)).status).toBe(status);
  });
});

describe('summaries', () => {
  it('counts plan items per state and those an apply would change', () => {
    expect(summarizePlan(planOf(...Object.keys(items)))).toEqual({
      CREATE: 1,
      UPDATE: 1,
      DELETE: 1,
      UNCHANGED: 3,
      BLOCKED: 2,
    });
    expect(pendingChangesOf(planOf('inSync', 'unmanaged', 'shrunk'))).toBe(0);
    expect(pendingChangesOf(planOf('missing', 'changed', 'stray'))).toBe(3);
    expect(describeStatus(planOf('shrunk', 'stray')).pendingChanges).toBe(1);
  });

  it('calls an apply failed when an item failed, blocked when one was blocked', () => {
    const result = (...states: string[]) => ({
      appId: 'acme.a',
      items: states.map(
        state =>
          ({
            kind: 'topic',
            key: state,
            planned: 'CREATE',
            state,
          } as any),
      ),
    });
    expect(applyStatusOf(result('CREATED', 'UNCHANGED'))).toBe('succeeded');
    expect(applyStatusOf(result('CREATED', 'BLOCKED'))).toBe('blocked');
    expect(applyStatusOf(result('FAILED', 'BLOCKED'))).toBe('failed');
  });
});
