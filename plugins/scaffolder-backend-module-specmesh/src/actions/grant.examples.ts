/*
 * Copyright 2026 The Meshport Authors
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

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Grant a data product read access to a _protected topic of the spec at the workspace's root, for example after fetch:plain of the owner's repository.",
    example: yaml.stringify({
      steps: [
        {
          id: 'grant',
          action: 'specmesh:spec:grant',
          name: 'Add the grant to the spec',
          input: {
            topic: 'acme.lifestyle.onboarding._protected.purchased',
            appId: 'acme.finance.accounting',
            action: 'grant',
          },
        },
      ],
    }),
  },
  {
    description:
      'Revoke a grant in a spec kept in a sub-folder, as the access-request flow does when an owner revokes access.',
    example: yaml.stringify({
      steps: [
        {
          id: 'revoke',
          action: 'specmesh:spec:grant',
          name: 'Remove the grant from the spec',
          input: {
            path: 'specs/onboarding/asyncapi.yaml',
            topic: 'acme.lifestyle.onboarding._protected.purchased',
            appId: 'some.other.domain.root',
            action: 'revoke',
          },
        },
      ],
    }),
  },
];
