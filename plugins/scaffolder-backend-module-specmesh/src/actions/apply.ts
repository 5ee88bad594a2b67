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

import {
  AuthService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  AppliedItem,
  ApplyResult,
  PlanItem,
} from '@meshport/plugin-specmesh-node';
import {
  DEFAULT_ENTITY_WAIT_MS,
  ProvisionAuthorizer,
} from '../permissions/ProvisionAuthorizer';
import { SpecmeshProvisioning } from '../provisioning/SpecmeshProvisioning';
import {
  APPLY_STATES,
  countByState,
  describeItem,
  outputItems,
  PLAN_STATES,
} from '../provisioning/summarize';
import { readWorkspaceSpecForCluster } from '../spec/readWorkspaceSpec';
import { examples } from './apply.examples';
import { clusterName, planItems, specPath } from './inputs';

/**
 * Creates `specmesh:apply`: provisions a workspace spec's topics, schema
 * subjects and ACL bindings on a cluster under `specmesh.clusters`, on behalf
 * of the person running the template, if `specmesh.entity.provision` allows
 * it (see the input `entityRef`). In a dry run it only plans.
 *
 * @public
 */
export function createSpecmeshApplyAction(options: {
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  /**
   * How long to wait for the catalog to process the entity named by input
   * `entityRef`; default {@link DEFAULT_ENTITY_WAIT_MS}.
   */
  entityWaitMs?: number;
}) {
  const provisioning = SpecmeshProvisioning.fromConfig(options.config, options);
  const authorizer = new ProvisionAuthorizer({
    catalog: options.catalog,
    permissions: options.permissions,
    registeredDataProducts: () => provisioning.registeredDataProducts(),
    entityWaitMs: options.entityWaitMs,
  });
  return createTemplateAction({
    id: 'specmesh:apply',
    description:
      "Applies a SpecMesh data product: creates and updates the topics, schema subjects and ACL bindings its spec implies on the Kafka cluster and schema registry, on behalf of the person running the template, who needs the specmesh.entity.provision permission (a policy usually grants it to the entity's owners). A dry run only plans.",
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          path: specPath(z),
          cluster: clusterName(z),
          entityRef: z
            .string()
            .optional()
            .describe(
              "The data product's catalog entity, for example the output entityRef of catalog:register. The step waits until the catalog has processed it, checks that it is this spec's data product and the only one with its app-id, and asks the permission policy about it, so that its owners may apply. Without it, only someone allowed to provision every data product may",
            ),
          deleteUnmanaged: z
            .boolean()
            .default(false)
            .describe(
              "Delete the topics under the app-id's prefix that the spec does not declare; only where the cluster's allowDeletion permits. Default: false",
            ),
        }),
      output: z =>
        z.object({
          appId: z.string().describe("The spec's app-id"),
          cluster: z.string().describe('The cluster provisioned'),
          applied: z
            .boolean()
            .describe('Whether anything was applied: false in a dry run'),
          summary: z
            .record(z.string(), z.number().int())
            .describe(
              'How many items ended in each state: CREATED, UPDATED, DELETED, FAILED, BLOCKED, UNCHANGED; in a dry run the plan states CREATE, UPDATE, DELETE, BLOCKED, UNCHANGED',
            ),
          changes: z
            .number()
            .int()
            .describe('How many items were (in a dry run: would be) changed'),
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
      const deleteUnmanaged = ctx.input.deleteUnmanaged ?? false;
      const report = (
        applied: boolean,
        items: ReadonlyArray<PlanItem | AppliedItem>,
        summary: Record<string, number>,
      ) => {
        const changed = items.filter(item => item.state !== 'UNCHANGED');
        for (const item of changed) {
          ctx.logger.info(describeItem(item));
        }
        ctx.output('appId', desired.appId);
        ctx.output('cluster', cluster.name);
        ctx.output('applied', applied);
        ctx.output('summary', summary);
        ctx.output('changes', changed.length);
        ctx.output('items', outputItems(items));
      };

      if (ctx.isDryRun) {
        const plan = await provisioning.plan(cluster, desired, {
          logger: ctx.logger,
          deleteUnmanaged,
        });
        ctx.logger.info(
          `Dry run: planned ${desired.appId} on cluster ${cluster.name} without applying`,
        );
        report(false, plan.items, countByState(PLAN_STATES, plan.items));
        return;
      }

      await authorizer.authorize({
        appId: desired.appId,
        entityRef: ctx.input.entityRef,
        credentials: await ctx.getInitiatorCredentials(),
        logger: ctx.logger,
        signal: ctx.signal,
      });

      // A retried task gets the recorded result back instead of applying
      // again; a failed apply records nothing, so its retry re-plans and
      // applies what is left.
      const result = fromJson(
        await ctx.checkpoint({
          key: `specmesh.apply.${cluster.name}.${desired.appId}`,
          fn: async () => {
            ctx.logger.info(
              `Applying ${desired.appId} on cluster ${cluster.name}${
                ctx.user?.ref ? ` for ${ctx.user.ref}` : ''
              }`,
            );
            const applied = await provisioning.apply(cluster, desired, {
              logger: ctx.logger,
              deleteUnmanaged,
            });
            const unfinished = applied.items.filter(
              item => item.state === 'FAILED' || item.state === 'BLOCKED',
            );
            if (unfinished.length > 0) {
              report(
                true,
                applied.items,
                countByState(APPLY_STATES, applied.items),
              );
              throw new Error(
                `${unfinished.length} item(s) of ${
                  desired.appId
                } were not applied on cluster ${cluster.name}:\n${unfinished
                  .map(describeItem)
                  .join(
                    '\n',
                  )}\nEverything else was applied. Fix the cause and retry the task: the retry applies what is left`,
              );
            }
            return toJson(applied);
          },
        }),
      );

      const summary = countByState(APPLY_STATES, result.items);
      ctx.logger.info(
        `Applied ${result.appId} on cluster ${cluster.name}: ${APPLY_STATES.map(
          state => `${summary[state]} ${state}`,
        ).join(', ')}`,
      );
      report(true, result.items, summary);
    },
  });
}

// Checkpoints store JSON; an apply result is plain data.
function toJson(result: ApplyResult): JsonObject {
  return JSON.parse(JSON.stringify(result));
}

function fromJson(value: JsonObject): ApplyResult {
  return value as unknown as ApplyResult;
}
