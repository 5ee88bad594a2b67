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
import { APP_ID, desiredTopic, liveTopic } from './__testUtils__/fixtures';
import { changesConfigs, changesPartitions, planTopics } from './planTopics';

describe('planTopics', () => {
  it('creates a topic that does not exist', () => {
    const topic = desiredTopic('_public.orders', {
      partitions: 3,
      configs: { 'retention.ms': '1000' },
    });

    expect(planTopics(APP_ID, [topic], [])).toEqual([
      {
        kind: 'topic',
        key: 'acme.shop._public.orders',
        state: 'CREATE',
        after: topic,
      },
    ]);
  });

  it('leaves a topic that matches the spec unchanged', () => {
    const topic = desiredTopic('_public.orders', {
      partitions: 3,
      replicas: 1,
      configs: { 'cleanup.policy': 'compact' },
    });
    const live = liveTopic('_public.orders', {
      partitions: 3,
      replicas: 1,
      configs: { 'cleanup.policy': 'compact' },
    });

    const [item] = planTopics(APP_ID, [topic], [live]);

    expect(item).toEqual({
      kind: 'topic',
      key: topic.name,
      state: 'UNCHANGED',
      before: live,
      after: topic,
    });
  });

  it('never diffs partitions or replicas the spec leaves to the cluster default', () => {
    const topic = desiredTopic('_public.orders', {
      partitions: null,
      replicas: null,
    });
    const live = liveTopic('_public.orders', { partitions: 12, replicas: 3 });

    expect(planTopics(APP_ID, [topic], [live])[0].state).toBe('UNCHANGED');
  });

  it('increases partitions', () => {
    const [item] = planTopics(
      APP_ID,
      [desiredTopic('_public.orders', { partitions: 6 })],
      [liveTopic('_public.orders', { partitions: 3 })],
    );

    expect(item.state).toBe('UPDATE');
    expect(item.changes).toEqual([
      { field: 'partitions', before: 3, after: 6 },
    ]);
    expect(item.reason).toBeUndefined();
  });

  it('blocks a partition decrease with a reason that says what to do', () => {
    const [item] = planTopics(
      APP_ID,
      [desiredTopic('_public.orders', { partitions: 2 })],
      [liveTopic('_public.orders', { partitions: 4 })],
    );

    expect(item.state).toBe('BLOCKED');
    expect(item.changes).toEqual([
      { field: 'partitions', before: 4, after: 2, blocked: true },
    ]);
    expect(item.reason).toContain('asks for 2 partitions but the topic has 4');
    expect(item.reason).toContain('Kafka cannot remove partitions');
    expect(item.reason).toContain('Set partitions to 4 in the spec');
  });

  it.each([
    [1, 3],
    [3, 1],
  ])('blocks a replication-factor change from %i to %i', (live, desired) => {
    const [item] = planTopics(
      APP_ID,
      [desiredTopic('_public.orders', { replicas: desired })],
      [liveTopic('_public.orders', { replicas: live })],
    );

    expect(item.state).toBe('BLOCKED');
    expect(item.changes).toEqual([
      { field: 'replicas', before: live, after: desired, blocked: true },
    ]);
    expect(item.reason).toContain(
      `asks for replication factor ${desired} but the topic has ${live}`,
    );
    expect(item.reason).toContain('partition reassignment');
  });

  it('names every blocker of a topic in its reason', () => {
    const [item] = planTopics(
      APP_ID,
      [desiredTopic('_public.orders', { partitions: 1, replicas: 2 })],
      [liveTopic('_public.orders', { partitions: 3, replicas: 1 })],
    );

    expect(item.state).toBe('BLOCKED');
    expect(item.reason).toContain('partitions');
    expect(item.reason).toContain('replication factor');
  });

  it('sets, changes and resets configs', () => {
    const [item] = planTopics(
      APP_ID,
      [
        desiredTopic('_public.orders', {
          configs: {
            'retention.ms': '2000',
            'cleanup.policy': 'compact',
            'segment.ms': '60000',
          },
        }),
      ],
      [
        liveTopic('_public.orders', {
          configs: {
            'retention.ms': '1000',
            'segment.ms': '60000',
            'max.message.bytes': '2048',
          },
        }),
      ],
    );

    expect(item.state).toBe('UPDATE');
    expect(item.changes).toEqual([
      { field: 'configs.cleanup.policy', after: 'compact' },
      { field: 'configs.max.message.bytes', before: '2048' },
      { field: 'configs.retention.ms', before: '1000', after: '2000' },
    ]);
  });

  it('treats a config the spec drops as a reset to the default', () => {
    const [item] = planTopics(
      APP_ID,
      [desiredTopic('_public.orders')],
      [liveTopic('_public.orders', { configs: { 'retention.ms': '1000' } })],
    );

    expect(item.state).toBe('UPDATE');
    expect(item.changes).toEqual([
      { field: 'configs.retention.ms', before: '1000' },
    ]);
  });

  it('keeps every change of a blocked topic visible, and blocks only the unsafe ones', () => {
    const [item] = planTopics(
      APP_ID,
      [
        desiredTopic('_public.orders', {
          partitions: 1,
          configs: { 'retention.ms': '5' },
        }),
      ],
      [liveTopic('_public.orders', { partitions: 2 })],
    );

    expect(item.state).toBe('BLOCKED');
    expect(item.changes).toEqual([
      { field: 'partitions', before: 2, after: 1, blocked: true },
      { field: 'configs.retention.ms', after: '5' },
    ]);
    expect(item.reason).toMatch(
      /Kafka cannot remove partitions\..* The other changes are applied\.$/,
    );
    expect(changesConfigs(item)).toBe(true);
    expect(changesPartitions(item)).toBe(false);
  });

  it('applies a partition increase beside a blocked replication-factor change', () => {
    const [item] = planTopics(
      APP_ID,
      [desiredTopic('_public.orders', { partitions: 4, replicas: 3 })],
      [liveTopic('_public.orders', { partitions: 2, replicas: 1 })],
    );

    expect(item.state).toBe('BLOCKED');
    expect(changesPartitions(item)).toBe(true);
    expect(item.reason).toContain('The other changes are applied.');
  });

  describe('new topics and the number of brokers', () => {
    it('blocks a new topic with more replicas than the cluster has brokers', () => {
      const [item] = planTopics(
        APP_ID,
        [desiredTopic('_public.orders', { replicas: 3 })],
        [],
        { brokerCount: 1 },
      );

      expect(item.state).toBe('BLOCKED');
      expect(item.reason).toBe(
        'The spec asks for replication factor 3 but the cluster has 1 broker: ' +
          'Kafka places each replica on a different broker. Set replicas to at most 1 ' +
          'in the spec, or leave it out for the cluster default.',
      );
    });

    it.each([
      [3, 3],
      [null, 1],
      [2, undefined],
    ])(
      'creates a new topic with %p replicas on %p brokers',
      (replicas, brokerCount) => {
        const [item] = planTopics(
          APP_ID,
          [desiredTopic('_public.orders', { replicas })],
          [],
          { brokerCount },
        );
        expect(item.state).toBe('CREATE');
      },
    );
  });

  describe('topics in the namespace that the spec does not declare', () => {
    const stray = liveTopic('_private.legacy');

    it('reports them as unmanaged and keeps them by default', () => {
      expect(planTopics(APP_ID, [], [stray])).toEqual([
        {
          kind: 'topic',
          key: 'acme.shop._private.legacy',
          state: 'UNCHANGED',
          unmanaged: true,
          before: stray,
          reason: expect.stringContaining('Not in the spec: kept'),
        },
      ]);
    });

    it('keeps them when deletion is allowed but not asked for', () => {
      const [item] = planTopics(APP_ID, [], [stray], { allowDeletion: true });
      expect(item).toMatchObject({ state: 'UNCHANGED', unmanaged: true });
    });

    it('blocks a requested deletion that the configuration does not allow', () => {
      const [item] = planTopics(APP_ID, [], [stray], { deleteUnmanaged: true });
      expect(item).toMatchObject({ state: 'BLOCKED', unmanaged: true });
      expect(item.reason).toContain('does not allow deleting topics');
    });

    it('deletes them only when deletion is allowed and asked for', () => {
      const [item] = planTopics(APP_ID, [], [stray], {
        allowDeletion: true,
        deleteUnmanaged: true,
      });
      expect(item).toMatchObject({
        state: 'DELETE',
        unmanaged: true,
        before: stray,
      });
    });

    it('never touches the topics of an app-id nested in the namespace', () => {
      const nested = [
        {
          name: 'acme.shop.orders._public.placed',
          partitions: 1,
          replicas: 1,
          configs: {},
        },
        {
          name: 'acme.shop.billing.invoices',
          partitions: 1,
          replicas: 1,
          configs: {},
        },
      ];
      const options = {
        allowDeletion: true,
        deleteUnmanaged: true,
        knownAppIds: ['acme.shop.billing'],
      };

      expect(planTopics(APP_ID, [], nested, options)).toEqual([]);
    });

    it('never touches the topics of an app-id that merely shares a string prefix', () => {
      const sibling = {
        name: 'acme.shopping._public.carts',
        partitions: 1,
        replicas: 1,
        configs: {},
      };
      expect(
        planTopics(APP_ID, [], [sibling], {
          allowDeletion: true,
          deleteUnmanaged: true,
        }),
      ).toEqual([]);
    });
  });

  it('sorts items by topic name', () => {
    const items = planTopics(
      APP_ID,
      [desiredTopic('_public.b'), desiredTopic('_public.a')],
      [liveTopic('_private.c')],
    );
    expect(items.map(item => item.key)).toEqual([
      'acme.shop._private.c',
      'acme.shop._public.a',
      'acme.shop._public.b',
    ]);
  });
});
