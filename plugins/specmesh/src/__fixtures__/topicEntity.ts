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

/** A topic entity as the catalog module writes it, with its relations. */
export const topicEntity = (overrides: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'acme-lifestyle-onboarding-protected-purchased',
    title: 'acme.lifestyle.onboarding._protected.purchased',
    annotations: {
      'meshport.dev/topic': 'acme.lifestyle.onboarding._protected.purchased',
      'meshport.dev/app-id': 'acme.lifestyle.onboarding',
      'meshport.dev/partitions': '3',
      'meshport.dev/grantees': 'acme.finance.accounting,acme.retail.shipping',
      'meshport.dev/schema-subjects':
        'acme.lifestyle.onboarding._protected.purchased-value',
    },
    labels: { 'meshport.dev/access': 'protected' },
  },
  spec: { type: 'kafka-topic', owner: 'group:default/lifestyle' },
  relations: [
    {
      type: 'partOf',
      targetRef: 'api:default/acme.lifestyle.onboarding',
    },
    { type: 'ownedBy', targetRef: 'group:default/lifestyle' },
    { type: 'dependencyOf', targetRef: 'api:default/acme.retail.shipping' },
    { type: 'dependencyOf', targetRef: 'api:default/acme.finance.accounting' },
  ],
  ...overrides,
});
