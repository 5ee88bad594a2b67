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
import { topicEntity } from '../../__fixtures__/topicEntity';
import { topicFactsOf } from './topicFacts';

describe('topicFactsOf', () => {
  it('reads back what the catalog module wrote on a topic entity', () => {
    expect(topicFactsOf(topicEntity())).toEqual({
      topic: 'acme.lifestyle.onboarding._protected.purchased',
      appId: 'acme.lifestyle.onboarding',
      access: 'protected',
      grantees: ['acme.finance.accounting', 'acme.retail.shipping'],
      subjects: ['acme.lifestyle.onboarding._protected.purchased-value'],
      partitions: 3,
      replicas: undefined,
      owner: 'group:default/lifestyle',
      dataProduct: 'api:default/acme.lifestyle.onboarding',
      consumers: [
        'api:default/acme.finance.accounting',
        'api:default/acme.retail.shipping',
      ],
    });
  });

  it('is undefined for an entity that is not a topic', () => {
    const entity = topicEntity();
    delete entity.metadata.annotations!['meshport.dev/topic'];
    expect(topicFactsOf(entity)).toBeUndefined();
  });

  it('leaves out an access label it does not know', () => {
    const entity = topicEntity();
    entity.metadata.labels = { 'meshport.dev/access': 'secret' };
    expect(topicFactsOf(entity)?.access).toBeUndefined();
  });
});
