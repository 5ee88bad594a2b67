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

import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRelationSpec } from '@backstage/plugin-catalog-node';
import { TopicSummary } from '../processor/summarizeSpec';
import { dataProductRelations } from './dataProductRelations';
import { topicEntityRef } from './topicEntity';

const api = { kind: 'API', namespace: 'default', name: 'acme.shipping' };

function owned(name: string): TopicSummary {
  return {
    name,
    access: 'public',
    partitions: null,
    replicas: null,
    configs: {},
    subjects: [],
    grantees: [],
  };
}

const asText = (relations: EntityRelationSpec[]) =>
  relations.map(
    r =>
      `${stringifyEntityRef(r.source)} ${r.type} ${stringifyEntityRef(
        r.target,
      )}`,
  );

describe('dataProductRelations', () => {
  it('makes the API hasPart each of its own topics (their partOf is theirs to emit)', () => {
    const topic = stringifyEntityRef(
      topicEntityRef('acme.shipping._public.dispatched'),
    );
    expect(
      asText(
        dataProductRelations(api, {
          topics: [owned('acme.shipping._public.dispatched')],
          consumedTopics: [],
        }),
      ),
    ).toEqual([`api:default/acme.shipping hasPart ${topic}`]);
  });

  it('relates the API to the topics it reads as dependencies, both ways, once each', () => {
    const foreign = 'acme.onboarding._public.user_signed_up';
    const topic = stringifyEntityRef(topicEntityRef(foreign));
    expect(
      asText(
        dataProductRelations(api, {
          topics: [],
          consumedTopics: [foreign, foreign],
        }),
      ),
    ).toEqual([
      `api:default/acme.shipping dependsOn ${topic}`,
      `${topic} dependencyOf api:default/acme.shipping`,
    ]);
  });

  it('names a foreign topic as its owner’s spec does', () => {
    // The producer emits the entity, the consumer only a relation to it: both
    // must arrive at the same ref.
    const foreign = 'acme.onboarding._public.user_signed_up';
    const [fromConsumer] = dataProductRelations(api, {
      topics: [],
      consumedTopics: [foreign],
    });
    const [fromProducer] = dataProductRelations(
      { kind: 'API', namespace: 'default', name: 'acme.onboarding' },
      { topics: [owned(foreign)], consumedTopics: [] },
    );
    expect(fromConsumer.target).toEqual(fromProducer.target);
  });
});
