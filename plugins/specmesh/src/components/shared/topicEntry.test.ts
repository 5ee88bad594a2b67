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
import { Entity } from '@backstage/catalog-model';
import {
  kafkaTopicResource,
  meshTopicResources,
  SIGNED_UP,
} from '../../__testUtils__/meshTopics';
import { topicEntity } from '../../__fixtures__/topicEntity';
import { topicEntriesOf, topicEntryOf } from './topicEntry';

describe('topicEntryOf', () => {
  it('reads the topic, its data product, owner, settings and consumers', () => {
    const entry = topicEntryOf(
      kafkaTopicResource({
        topic: SIGNED_UP,
        appId: 'acme.lifestyle.onboarding',
        access: 'public',
        partitions: 3,
        grantees: ['_public', 'acme.finance.audit'],
        subjects: [`${SIGNED_UP}-value`],
        consumers: ['acme.logistics.shipping', 'acme.finance.accounting'],
      }),
    );

    expect(entry).toEqual({
      entityRef:
        'resource:default/acme-lifestyle-onboarding-public-user-signed-up',
      topic: SIGNED_UP,
      description: 'Public Kafka topic of acme.lifestyle.onboarding.',
      appId: 'acme.lifestyle.onboarding',
      ownerRef: 'group:default/acme.lifestyle.onboarding',
      access: 'public',
      partitions: 3,
      replicas: undefined,
      grantees: ['_public', 'acme.finance.audit'],
      schemaSubjects: [`${SIGNED_UP}-value`],
      dataProductRef: 'api:default/acme.lifestyle.onboarding',
      consumerRefs: [
        'api:default/acme.finance.accounting',
        'api:default/acme.logistics.shipping',
      ],
    });
  });

  it('leaves out what the entity does not say', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'orders',
        namespace: 'team-a',
        annotations: { 'meshport.dev/partitions': 'many' },
        labels: { 'meshport.dev/access': 'secret' },
      },
      spec: { type: 'kafka-topic', owner: 'team-a' },
    };

    expect(topicEntryOf(entity)).toEqual({
      entityRef: 'resource:team-a/orders',
      // Without the annotation, the entity's name stands in for the topic's.
      topic: 'orders',
      description: undefined,
      appId: undefined,
      // spec.owner as written, completed as the catalog completes it.
      ownerRef: 'group:team-a/team-a',
      access: undefined,
      partitions: undefined,
      replicas: undefined,
      grantees: [],
      schemaSubjects: [],
      dataProductRef: undefined,
      consumerRefs: [],
    });
  });
});

describe('topicEntryOf on what the catalog module writes', () => {
  it('takes the API as the data product, not the system the topic is also part of', () => {
    const entity = topicEntity();
    entity.relations = [
      { type: 'partOf', targetRef: 'system:default/acme-data-mesh' },
      ...entity.relations!,
    ];
    entity.metadata.annotations!['meshport.dev/replicas'] = '3';

    expect(topicEntryOf(entity)).toMatchObject({
      dataProductRef: 'api:default/acme.lifestyle.onboarding',
      ownerRef: 'group:default/lifestyle',
      replicas: 3,
      grantees: ['acme.finance.accounting', 'acme.retail.shipping'],
    });
  });
});

describe('topicEntriesOf', () => {
  it('sorts the topics by name', () => {
    const topics = topicEntriesOf(meshTopicResources().reverse()).map(
      entry => entry.topic,
    );

    expect(topics).toEqual([...topics].sort());
    expect(topics).toHaveLength(5);
  });
});
