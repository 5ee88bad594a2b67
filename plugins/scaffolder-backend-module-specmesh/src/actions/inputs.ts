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

import type { z as zod } from 'zod/v3';
import { DEFAULT_SPEC_PATH } from '../spec/readWorkspaceSpec';

// The schema callbacks receive zod from the scaffolder; these build the
// fields the actions share, described once.
type Zod = typeof zod;

export const specPath = (z: Zod) =>
  z
    .string()
    .default(DEFAULT_SPEC_PATH)
    .describe(
      `Path of the AsyncAPI spec, relative to the workspace; its schema refs resolve against its folder. Default: ${DEFAULT_SPEC_PATH}`,
    );

export const clusterName = (z: Zod) =>
  z
    .string()
    .optional()
    .describe(
      "Name of the Kafka cluster under the SpecMesh backend's specmesh.clusters. Default: the data product's cluster (its meshport.dev/cluster annotation), else the backend's default cluster",
    );

export const specSource = (z: Zod) =>
  z
    .enum(['workspace', 'catalog'])
    .default('workspace')
    .describe(
      "Which spec: 'workspace' (the default) sends the workspace's spec at input path, with its schema files, to the SpecMesh backend; 'catalog' uses the spec the catalog holds for input entityRef",
    );

export const entityRef = (z: Zod) =>
  z
    .string()
    .optional()
    .describe(
      "The data product's catalog entity, for example the output entityRef of catalog:register. The step waits until the catalog has processed it; the SpecMesh backend checks that it is this spec's data product and the only one with its app-id, and asks the permission policy about it, so that its owners may apply. Without it, the entity claiming the spec's app-id; for a new app-id, only someone allowed to provision every data product may apply",
    );

export const planItems = (z: Zod) =>
  z
    .array(
      z
        .object({
          kind: z
            .enum(['topic', 'schema', 'acl'])
            .describe(
              'What the item is: a topic, a schema subject or an ACL binding',
            ),
          key: z
            .string()
            .describe(
              "The item's name: the topic, the subject, or the binding's canonical key",
            ),
          state: z.string().describe("The item's state"),
          reason: z
            .string()
            .optional()
            .describe('Why the item is blocked, deleted or left alone'),
        })
        .passthrough(),
    )
    .describe(
      'Every item, topics first, then schemas, then ACL bindings, with the state before and after where they differ',
    );
