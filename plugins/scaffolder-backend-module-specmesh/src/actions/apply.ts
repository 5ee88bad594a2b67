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

import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  AppliedItem,
  PlanItem,
  SpecmeshApplyRecord,
  SpecmeshClient,
} from '@meshport/plugin-specmesh-node';
import { BackendProvisioning } from '../provisioning/BackendProvisioning';
import {
  APPLY_STATES,
  countByState,
  describeItem,
  outputItems,
  PLAN_STATES,
} from '../provisioning/summarize';
import { examples } from './apply.examples';
import {
  clusterName,
  entityRef,
  planItems,
  specPath,
  specSource,
} from './inputs';

/**
 * Creates `specmesh:apply`: asks the SpecMesh backend, on behalf of the person
 * running the template, to provision a spec's topics, schema subjects and ACL
 * bindings. The backend checks `specmesh.entity.provision`, takes the app-id's
 * lock, and records the apply in its history and audit log. In a dry run it
 * only plans.
 *
 * @public
 */
export function createSpecmeshApplyAction(options: {
  specmesh: SpecmeshClient;
  /** How long to wait for the catalog to process input `entityRef`; default two minutes. */
  entityWaitMs?: number;
}) {
  const provisioning = new BackendProvisioning(options.specmesh, options);
  return createTemplateAction({
    id: 'specmesh:apply',
    description:
      "Applies a SpecMesh data product through the SpecMesh backend: creates and updates the topics, schema subjects and ACL bindings its spec implies on the Kafka cluster and schema registry, on behalf of the person running the template, who needs the specmesh.entity.provision permission (a policy usually grants it to the entity's owners). The apply takes the app-id's lock and appears in the data product's history and the audit log. A dry run only plans.",
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          source: specSource(z),
          path: specPath(z),
          cluster: clusterName(z),
          entityRef: entityRef(z),
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
          applyId: z
            .string()
            .optional()
            .describe(
              "The apply's id in the SpecMesh backend's history; absent in a dry run",
            ),
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
      const report = (
        outcome: { appId: string; cluster: string; applyId?: string },
        items: ReadonlyArray<PlanItem | AppliedItem>,
        summary: Record<string, number>,
      ) => {
        const changed = items.filter(item => item.state !== 'UNCHANGED');
        for (const item of changed) {
          ctx.logger.info(describeItem(item));
        }
        ctx.output('appId', outcome.appId);
        ctx.output('cluster', outcome.cluster);
        ctx.output('applied', outcome.applyId !== undefined);
        if (outcome.applyId !== undefined) {
          ctx.output('applyId', outcome.applyId);
        }
        ctx.output('summary', summary);
        ctx.output('changes', changed.length);
        ctx.output('items', outputItems(items));
      };

      if (ctx.isDryRun) {
        // The step that registers the entity did not run either: a dry run
        // plans the workspace spec on its own.
        const { cluster, plan } = await provisioning.plan(
          ctx,
          ctx.input.source === 'catalog'
            ? ctx.input
            : { ...ctx.input, entityRef: undefined },
        );
        ctx.logger.info(
          `Dry run: planned ${plan.appId} on cluster ${cluster} without applying`,
        );
        report(
          { appId: plan.appId, cluster },
          plan.items,
          countByState(PLAN_STATES, plan.items),
        );
        return;
      }

      // A retried task gets the recorded apply back instead of applying
      // again; a failed apply records nothing, so its retry applies what is
      // left.
      const record = fromJson(
        await ctx.checkpoint({
          key: `specmesh.apply.${ctx.input.source ?? 'workspace'}.${
            ctx.input.entityRef ?? ''
          }.${ctx.input.path ?? ''}.${ctx.input.cluster ?? ''}`,
          fn: async () => {
            ctx.logger.info(
              `Applying through the SpecMesh backend${
                ctx.user?.ref ? ` for ${ctx.user.ref}` : ''
              }`,
            );
            const applied = await provisioning.apply(ctx, ctx.input);
            const items = applied.result?.items ?? [];
            const unfinished = items.filter(
              item => item.state === 'FAILED' || item.state === 'BLOCKED',
            );
            if (applied.status === 'failed' || unfinished.length > 0) {
              report(
                { ...applied, applyId: applied.id },
                items,
                countByState(APPLY_STATES, items),
              );
              throw new Error(
                applied.result
                  ? `${unfinished.length} item(s) of ${
                      applied.appId
                    } were not applied on cluster ${
                      applied.cluster
                    }:\n${unfinished
                      .map(describeItem)
                      .join(
                        '\n',
                      )}\nEverything else was applied. Fix the cause and retry the task: the retry applies what is left`
                  : `The apply of ${applied.appId} on cluster ${applied.cluster} failed: ${applied.error}`,
              );
            }
            return toJson(applied);
          },
        }),
      );

      const items = record.result?.items ?? [];
      const summary = countByState(APPLY_STATES, items);
      ctx.logger.info(
        `Applied ${record.appId} on cluster ${record.cluster} (apply ${
          record.id
        }): ${APPLY_STATES.map(state => `${summary[state]} ${state}`).join(
          ', ',
        )}`,
      );
      report({ ...record, applyId: record.id }, items, summary);
    },
  });
}

// Checkpoints store JSON; an apply record is plain data.
function toJson(record: SpecmeshApplyRecord): JsonObject {
  return JSON.parse(JSON.stringify(record));
}

function fromJson(value: JsonObject): SpecmeshApplyRecord {
  return value as unknown as SpecmeshApplyRecord;
}
