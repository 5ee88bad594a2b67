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
  entitySchemaValidator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { TopicSummary } from '../processor/summarizeSpec';
import { topicEntity, topicEntityRef } from './topicEntity';

const topic: TopicSummary = {
  name: 'acme.shipping._protected.carrier_costs',
  access: 'protected',
  partitions: 3,
  replicas: 2,
  configs: { 'cleanup.policy': 'compact', 'retention.ms': '1000' },
  subjects: ['acme.shipping._protected.carrier_costs-value'],
  grantees: ['acme.finance', 'acme.risk'],
};

const context = {
  appId: 'acme.shipping',
  api: 'api:default/shipping',
  owner: 'group:default/shipping',
  system: 'system:default/logistics',
};

describe('topicEntity', () => {
  it('describes the topic in known Resource fields, annotations and a label', () => {
    expect(topicEntity(topic, context)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: topicEntityRef(topic.name).name,
        namespace: 'default',
        title: 'acme.shipping._protected.carrier_costs',
        description: 'Protected Kafka topic of acme.shipping.',
        annotations: {
          'meshport.dev/topic': 'acme.shipping._protected.carrier_costs',
          'meshport.dev/app-id': 'acme.shipping',
          'meshport.dev/api': 'api:default/shipping',
          'meshport.dev/partitions': '3',
          'meshport.dev/replicas': '2',
          'meshport.dev/topic-configs':
            '{"cleanup.policy":"compact","retention.ms":"1000"}',
          'meshport.dev/schema-subjects':
            'acme.shipping._protected.carrier_costs-value',
          'meshport.dev/grantees': 'acme.finance,acme.risk',
        },
        labels: { 'meshport.dev/access': 'protected' },
        tags: ['kafka', 'protected'],
      },
      spec: {
        type: 'kafka-topic',
        owner: 'group:default/shipping',
        system: 'system:default/logistics',
      },
    });
  });

  it('leaves out what the spec leaves to the cluster or does not set', () => {
    const entity = topicEntity(
      {
        ...topic,
        partitions: null,
        replicas: null,
        configs: {},
        subjects: [],
        grantees: [],
      },
      {
        appId: 'acme.shipping',
        api: 'api:default/shipping',
        owner: 'group:default/shipping',
      },
    );
    expect(Object.keys(entity.metadata.annotations ?? {})).toEqual([
      'meshport.dev/topic',
      'meshport.dev/app-id',
      'meshport.dev/api',
    ]);
    expect(entity.spec).toEqual({
      type: 'kafka-topic',
      owner: 'group:default/shipping',
    });
  });

  it('links to the source of its spec', () => {
    const entity = topicEntity(topic, {
      ...context,
      sourceLocation: 'url:https://git.example.com/acme/shipping/',
    });
    expect(entity.metadata.annotations?.['backstage.io/source-location']).toBe(
      'url:https://git.example.com/acme/shipping/',
    );
  });

  it('passes the catalog’s validation of entities and of Resources', async () => {
    const entity = topicEntity(topic, context);
    expect(() => entitySchemaValidator()(entity)).not.toThrow();
    await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  });
});

describe('topicEntityRef', () => {
  it('puts every topic in the default namespace, named by entityNameOf', () => {
    expect(topicEntityRef('acme.shipping._public.dispatched')).toEqual({
      kind: 'Resource',
      namespace: 'default',
      name: expect.stringMatching(
        /^acme\.shipping\.public\.dispatched-[0-9a-f]{10}$/,
      ),
    });
  });
});
