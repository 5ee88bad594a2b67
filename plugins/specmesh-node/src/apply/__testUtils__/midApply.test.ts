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
  binding,
  desiredState,
  desiredTopic,
  liveTopic,
} from '../../plan/__testUtils__/fixtures';
import { Provisioner } from '../Provisioner';
import { FakeKafka } from './fakes';
import { afterTopicCreation } from './midApply';

describe('afterTopicCreation', () => {
  const desired = desiredState({
    topics: [
      desiredTopic('_public.orders', { partitions: 4 }),
      desiredTopic('_private.audit', { configs: { 'retention.ms': '1000' } }),
      desiredTopic('_public.shipments'),
    ],
    acls: [binding({ operation: 'READ' })],
  });

  function setUp(fail?: Error) {
    const journal: string[] = [];
    const kafka = new FakeKafka(journal);
    kafka.topics = [
      liveTopic('_public.orders', { partitions: 2 }),
      liveTopic('_private.audit'),
    ];
    if (fail) kafka.throwing.set('createTopics', fail);
    const between = jest.fn(async () => {
      journal.push('between');
    });
    const gated = new Provisioner({
      kafka: afterTopicCreation(kafka, between),
    });
    return { journal, kafka, between, gated };
  }

  const changes = (journal: string[]) =>
    journal.filter(call => !call.endsWith('describeNamespace'));

  it('runs once, after the topic creations returned and before every other change', async () => {
    const { journal, kafka, between, gated } = setUp();
    const plan = await new Provisioner({ kafka }).plan(desired);

    const result = await gated.apply(plan);

    expect(between).toHaveBeenCalledTimes(1);
    expect(changes(journal)).toEqual([
      'kafka.createTopics',
      'between',
      'kafka.createPartitions',
      'kafka.replaceTopicConfigs',
      'kafka.createAcls',
    ]);
    expect(result.items.map(item => item.state)).not.toContain('FAILED');
  });

  it('runs after topic creations that failed too', async () => {
    const { journal, kafka, gated } = setUp(new Error('broker gone'));

    const result = await gated.apply(
      await new Provisioner({ kafka }).plan(desired),
    );

    expect(changes(journal).slice(0, 2)).toEqual([
      'kafka.createTopics',
      'between',
    ]);
    expect(
      result.items.find(item => item.key.endsWith('shipments')),
    ).toMatchObject({ state: 'FAILED', message: 'broker gone' });
  });
});
