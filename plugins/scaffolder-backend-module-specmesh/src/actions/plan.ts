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

import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { SpecmeshProvisioning } from '../provisioning/SpecmeshProvisioning';
import {
  countByState,
  describeItem,
  outputItems,
  PLAN_STATES,
} from '../provisioning/summarize';
import { readWorkspaceSpecForCluster } from '../spec/readWorkspaceSpec';
import { clusterName, planItems, specPath } from './inputs';
import { examples } from './plan.examples';

/**
 * Creates `specmesh:plan`: diffs a workspace spec against the live cluster and
 * schema registry of a cluster under `specmesh.clusters`, and outputs what an
 * apply would change. Changes nothing.
 *
 * @public
 */
export function createSpecmeshPlanAction(options: {
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const provisioning = SpecmeshProvisioning.fromConfig(options.config, options);
  return createTemplateAction({
    id: 'specmesh:plan',
    description:
      'Plans a SpecMesh data product: diffs the topics, schema subjects and ACL bindings its spec implies against the live Kafka cluster and schema registry, and outputs the changes an apply would make. Changes nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          path: specPath(z),
          cluster: clusterName(z),
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
      const cluster = provisioning.cluster(ctx.input.cluster);
      const { desired } = await readWorkspaceSpecForCluster(
        cluster,
        ctx.workspacePath,
        ctx.input.path,
        ctx.logger,
      );

      const plan = await provisioning.plan(cluster, desired, {
        logger: ctx.logger,
      });

      const changed = plan.items.filter(item => item.state !== 'UNCHANGED');
      for (const item of changed) {
        ctx.logger.info(describeItem(item));
      }
      const summary = countByState(PLAN_STATES, plan.items);
      ctx.logger.info(
        `Plan for ${plan.appId} on cluster ${cluster.name}: ${PLAN_STATES.map(
          state => `${summary[state]} ${state}`,
        ).join(', ')}`,
      );
      ctx.output('appId', plan.appId);
      ctx.output('cluster', cluster.name);
      ctx.output('summary', summary);
      ctx.output('changes', changed.length);
      ctx.output('items', outputItems(plan.items));

      const blocked = plan.items.filter(item => item.state === 'BLOCKED');
      if (blocked.length > 0 && (ctx.input.failOnBlocked ?? true)) {
        throw new InputError(
          `${blocked.length} item(s) of ${
            plan.appId
          } cannot be applied on cluster ${cluster.name}:\n${blocked
            .map(describeItem)
            .join(
              '\n',
            )}\nChange the spec, or set input failOnBlocked to false to go on regardless`,
        );
      }
    },
  });
}
