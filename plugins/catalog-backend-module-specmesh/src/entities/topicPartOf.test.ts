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
import { topicEntity, topicEntityRef } from './topicEntity';
import { topicPartOf } from './topicPartOf';

const name = 'acme.shipping._public.dispatched';

const topic = topicEntity(
  {
    name,
    access: 'public',
    partitions: null,
    replicas: null,
    configs: {},
    subjects: [],
    grantees: [],
  },
  {
    appId: 'acme.shipping',
    api: 'api:logistics/shipping',
    owner: 'group:default/shipping',
  },
);

const withApi = (api: string | undefined): Entity => ({
  ...topic,
  metadata: {
    ...topic.metadata,
    annotations: { ...topic.metadata.annotations, 'meshport.dev/api': api! },
  },
});

describe('topicPartOf', () => {
  it('relates a topic entity to the API its annotation names', () => {
    expect(topicPartOf(topic)).toEqual({
      source: topicEntityRef(name),
      type: 'partOf',
      target: { kind: 'api', namespace: 'logistics', name: 'shipping' },
    });
  });

  it('relates nothing else: other Resources, other kinds, no API or not an API', () => {
    expect(
      topicPartOf({ ...topic, spec: { ...topic.spec, type: 'database' } }),
    ).toBeUndefined();
    expect(topicPartOf({ ...topic, kind: 'Component' })).toBeUndefined();
    expect(topicPartOf(withApi(undefined))).toBeUndefined();
    expect(topicPartOf(withApi(''))).toBeUndefined();
    expect(topicPartOf(withApi('group:default/shipping'))).toBeUndefined();
    expect(topicPartOf(withApi('shipping'))).toBeUndefined();
  });
});
