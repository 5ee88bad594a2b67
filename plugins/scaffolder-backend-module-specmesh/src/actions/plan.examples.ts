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

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Plan the asyncapi.yaml at the root of the workspace on the default cluster, for example before publishing it.',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'specmesh:plan',
          name: 'Plan the data product',
          input: {},
        },
      ],
    }),
  },
  {
    description:
      'Plan a spec kept in a sub-folder on a named cluster, reporting blocked items instead of failing.',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'specmesh:plan',
          name: 'Plan the data product on staging',
          input: {
            path: 'specs/onboarding/asyncapi.yaml',
            cluster: 'staging',
            failOnBlocked: false,
          },
        },
      ],
    }),
  },
];
