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
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import { formerOwnerClusterBindings } from './formerPrincipals';
import { planAcls } from './planAcls';
import { planSchemas } from './planSchemas';
import { planTopics } from './planTopics';
import type {
  AclPlanItem,
  CompatibilityLevel,
  LiveState,
  Plan,
  PlanItemState,
  PlanOptions,
  SchemaPlanItem,
  TopicPlanItem,
} from './types';

/**
 * The compatibility level new subjects get unless configured otherwise, as in SpecMesh.
 *
 * @public
 */
export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'FULL_TRANSITIVE';

/**
 * Diffs the desired state of one app-id against a snapshot of the cluster and
 * the registry (RULES §5). Pure: the same inputs always give the same plan.
 *
 * A new topic whose schema is blocked is blocked too, and so are the new
 * subjects and grants of a blocked new topic: nothing is half-created. A schema
 * blocked only because the registry could not be read blocks nothing else: the
 * topic is created, and apply holds back its grants until the schema is
 * registered.
 *
 * @public
 */
export function planProvisioning(
  desired: DesiredState,
  live: LiveState,
  options: PlanOptions = {},
): Plan {
  const topics = planTopics(desired.appId, desired.topics, live.topics, {
    ...options,
    brokerCount: live.brokerCount,
  });
  const schemas = planSchemas(
    desired.schemas,
    live,
    options.compatibility ?? DEFAULT_COMPATIBILITY,
  );
  const acls = planAcls(
    desired.appId,
    desired.acls,
    live.acls,
    options.knownAppIds,
    formerOwnerClusterBindings(
      desired.appId,
      desired.principal,
      live,
      options.knownAppIds,
    ),
  );

  blockNewTopicsWithBlockedSchemas(topics, schemas);
  blockDependentsOfBlockedNewTopics(topics, schemas, acls);

  return { appId: desired.appId, items: [...topics, ...schemas, ...acls] };
}

function blockNewTopicsWithBlockedSchemas(
  topics: TopicPlanItem[],
  schemas: readonly SchemaPlanItem[],
) {
  for (const schema of schemas) {
    if (schema.state !== 'BLOCKED' || !schema.after || schema.registryError)
      continue;
    const topic = topics.find(item => item.key === schema.after!.topic);
    if (topic?.state === 'CREATE') {
      block(topic, `Not created: the schema ${schema.key} is blocked.`);
    }
  }
}

function blockDependentsOfBlockedNewTopics(
  topics: readonly TopicPlanItem[],
  schemas: SchemaPlanItem[],
  acls: AclPlanItem[],
) {
  const blockedNewTopics = new Set(
    topics
      .filter(item => item.state === 'BLOCKED' && !item.before)
      .map(item => item.key),
  );
  for (const schema of schemas) {
    const topic = schema.after?.topic;
    if (topic && blockedNewTopics.has(topic) && isChange(schema.state)) {
      block(schema, `Not registered: the topic ${topic} is blocked.`);
    }
  }
  for (const acl of acls) {
    const binding = acl.after;
    if (
      acl.state === 'CREATE' &&
      binding?.resourceType === 'TOPIC' &&
      binding.patternType === 'LITERAL' &&
      blockedNewTopics.has(binding.resourceName)
    ) {
      block(acl, `Not created: the topic ${binding.resourceName} is blocked.`);
    }
  }
}

function isChange(state: PlanItemState): boolean {
  return state === 'CREATE' || state === 'UPDATE';
}

function block(
  item: { state: PlanItemState; reason?: string },
  reason: string,
) {
  item.state = 'BLOCKED';
  item.reason = reason;
}
