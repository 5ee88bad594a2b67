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
      "Apply a new data product right after registering it, so that its owners may: the step waits until the catalog has processed the entity; the SpecMesh backend then checks the person running the template against the entity's owners, takes the app-id's lock and records the apply in the entity's history.",
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'specmesh:apply',
          name: 'Provision the topics',
          input: {
            entityRef: '${{ steps.register.output.entityRef }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply a spec kept in a sub-folder on a named cluster, deleting the topics under its app-id that it no longer declares (the cluster must set allowDeletion).',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'specmesh:apply',
          name: 'Provision the topics on staging',
          input: {
            path: 'specs/onboarding/asyncapi.yaml',
            cluster: 'staging',
            entityRef: 'api:default/acme.lifestyle.onboarding',
            deleteUnmanaged: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply the spec the catalog holds for a registered data product, as its Provision tab would, instead of the workspace spec.',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'specmesh:apply',
          name: 'Provision the registered data product',
          input: {
            source: 'catalog',
            entityRef: 'api:default/acme.lifestyle.onboarding',
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply a spec the catalog does not know (for example to bootstrap a cluster); only someone allowed to provision every data product may.',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'specmesh:apply',
          name: 'Provision the topics',
          input: {},
        },
      ],
    }),
  },
];
