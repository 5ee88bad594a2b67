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

import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { SpecmeshClient } from '@meshport/plugin-specmesh-node';
import { BackendProvisioning } from '../provisioning/BackendProvisioning';
import {
  countByState,
  describeItem,
  outputItems,
  PLAN_STATES,
} from '../provisioning/summarize';
import {
  clusterName,
  entityRef,
  planItems,
  specPath,
  specSource,
} from './inputs';
import { examples } from './plan.examples';

/**
 * Creates `specmesh:plan`: asks the SpecMesh backend, on behalf of the person
 * running the template, to diff a spec (the workspace's, or a registered
 * entity's) against the live cluster and schema registry, and outputs what an
 * apply would change. Changes nothing.
 *
 * @public
 */
export function createSpecmeshPlanAction(options: {
  specmesh: SpecmeshClient;
  /** How long to wait for the catalog to process input `entityRef`; default two minutes. */
  entityWaitMs?: number;
}) {
  const provisioning = new BackendProvisioning(options.specmesh, options);
  return createTemplateAction({
    id: 'specmesh:plan',
    description:
      'Plans a SpecMesh data product through the SpecMesh backend: diffs the topics, schema subjects and ACL bindings its spec implies against the live Kafka cluster and schema registry, and outputs the changes an apply would make. Changes nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          source: specSource(z),
          path: specPath(z),
          cluster: clusterName(z),
          entityRef: entityRef(z),
          failOnBlocked: z
            .boolean()
            .default(true)
            .describe(
              'Fail the step when an item is BLOCKED (for example a partition decrease or an incompatible schema), before anything is published. Default: true',
            ),
        }),
      output: z =>
        z.object({
          appId: z.string().describe("The spec's app-id"),
          cluster: z.string().describe('The cluster the plan was made against'),
          summary: z
            .object({
              CREATE: z.number().int().describe('Items to create'),
              UPDATE: z.number().int().describe('Items to change'),
              DELETE: z.number().int().describe('Items to delete or revoke'),
              BLOCKED: z
                .number()
                .int()
                .describe('Items an apply cannot change, each with its reason'),
              UNCHANGED: z
                .number()
                .int()
                .describe('Items that already are as the spec says'),
            })
            .describe('How many items are in each state'),
          changes: z
            .number()
            .int()
            .describe('How many items an apply would change (not UNCHANGED)'),
          items: planItems(z),
        }),
    },
    async handler(ctx) {
      const { cluster, plan } = await provisioning.plan(ctx, ctx.input);

      const changed = plan.items.filter(item => item.state !== 'UNCHANGED');
      for (const item of changed) {
        ctx.logger.info(describeItem(item));
      }
      const summary = countByState(PLAN_STATES, plan.items);
      ctx.logger.info(
        `Plan for ${plan.appId} on cluster ${cluster}: ${PLAN_STATES.map(
          state => `${summary[state]} ${state}`,
        ).join(', ')}`,
      );
      ctx.output('appId', plan.appId);
      ctx.output('cluster', cluster);
      ctx.output('summary', summary);
      ctx.output('changes', changed.length);
      ctx.output('items', outputItems(plan.items));

      const blocked = plan.items.filter(item => item.state === 'BLOCKED');
      if (blocked.length > 0 && (ctx.input.failOnBlocked ?? true)) {
        throw new InputError(
          `${blocked.length} item(s) of ${
            plan.appId
          } cannot be applied on cluster ${cluster}:\n${blocked
            .map(describeItem)
            .join(
              '\n',
            )}\nChange the spec, or set input failOnBlocked to false to go on regardless`,
        );
      }
    },
  });
}
