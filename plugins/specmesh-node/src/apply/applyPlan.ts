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
import { changesConfigs, changesPartitions } from '../plan/planTopics';
import type {
  AclPlanItem,
  AppliedItem,
  ApplyItemState,
  ApplyResult,
  Plan,
  PlanItem,
  SchemaPlanItem,
  TopicPlanItem,
} from '../plan/types';
import { mapWithConcurrency } from './mapWithConcurrency';
import type {
  BatchFailures,
  ClusterChanges,
  SchemaRegistryAdmin,
} from './ports';
import type { ProvisioningAdmins } from './readLiveState';

/** Subjects registered at once. */
const REGISTRY_CONCURRENCY = 4;

interface Outcome {
  state: ApplyItemState;
  message?: string;
}

const DONE: Record<string, ApplyItemState> = {
  CREATE: 'CREATED',
  UPDATE: 'UPDATED',
  DELETE: 'DELETED',
};

/**
 * Executes a plan in the order of RULES §5: the schemas were checked when the
 * plan was made; topics go first, then schemas are registered, then bindings
 * are created and revoked. Each step is one batched request per kind of change.
 *
 * A failure stops only what depends on it: the subjects and grants of a topic
 * that could not be created, the grants of a new topic whose schema could not
 * be registered. A blocked change stops only itself: a blocked topic's other
 * changes are applied, and it stays BLOCKED with a message saying so. Schema
 * items the plan could not check because the registry could not be read fail
 * with its message. Every item reports what happened to it, failures
 * with the broker's or the registry's message; nothing is reported done that
 * was not. Planning again afterwards shows exactly what is left, so a re-run
 * converges. Before it returns, apply waits (when the Kafka admin can) until the
 * cluster serves what it changed, so that a plan made right after finds it.
 *
 * @public
 */
export async function applyPlan(
  plan: Plan,
  admins: ProvisioningAdmins,
): Promise<ApplyResult> {
  const outcomes = new Map<PlanItem, Outcome>();
  const topics = plan.items.filter(
    (item): item is TopicPlanItem => item.kind === 'topic',
  );
  const schemas = plan.items.filter(
    (item): item is SchemaPlanItem => item.kind === 'schema',
  );
  const acls = plan.items.filter(
    (item): item is AclPlanItem => item.kind === 'acl',
  );

  await applyTopics(topics, admins, outcomes);

  const uncreatedTopics = new Set(
    topics
      .filter(
        item =>
          item.state === 'CREATE' && outcomes.get(item)?.state === 'FAILED',
      )
      .map(item => item.key),
  );

  await applySchemas(schemas, admins.registry, uncreatedTopics, outcomes);

  // A new topic whose first schema could not be registered has no contract yet:
  // its grants wait for it (RULES §5, ACLs come after schemas).
  const createdTopics = new Set(
    topics
      .filter(item => outcomes.get(item)?.state === 'CREATED')
      .map(item => item.key),
  );
  const unregisteredSchemas = new Map(
    schemas
      .filter(
        item =>
          (item.state === 'CREATE' || createdTopics.has(item.after!.topic)) &&
          !uncreatedTopics.has(item.after!.topic) &&
          outcomes.get(item)?.state === 'FAILED',
      )
      .map(item => [item.after!.topic, item.key]),
  );

  await applyAcls(acls, admins, uncreatedTopics, unregisteredSchemas, outcomes);

  await admins.kafka.awaitChanges?.(succeeded(topics, acls, outcomes));

  return {
    appId: plan.appId,
    items: plan.items.map(item => {
      const outcome = outcomes.get(item) ?? {
        state: item.state as ApplyItemState,
      };
      return {
        ...item,
        planned: item.state,
        state: outcome.state,
        ...(outcome.message !== undefined ? { message: outcome.message } : {}),
      } as AppliedItem;
    }),
  };
}

async function applyTopics(
  items: readonly TopicPlanItem[],
  { kafka }: ProvisioningAdmins,
  outcomes: Map<PlanItem, Outcome>,
) {
  const creates = items.filter(item => item.state === 'CREATE');
  // A blocked change of an existing topic withholds none of its other changes.
  const updates = items.filter(
    item =>
      item.state === 'UPDATE' ||
      (item.state === 'BLOCKED' &&
        item.before !== undefined &&
        (changesPartitions(item) || changesConfigs(item))),
  );
  const grows = updates.filter(changesPartitions);
  const reconfigures = updates.filter(changesConfigs);
  const deletes = items.filter(item => item.state === 'DELETE');

  const [created, grown, reconfigured, deleted] = await Promise.all([
    settle(creates, () => kafka.createTopics(creates.map(item => item.after!))),
    settle(grows, () =>
      kafka.createPartitions(
        grows.map(item => ({
          topic: item.key,
          count: item.after!.partitions!,
        })),
      ),
    ),
    settle(reconfigures, () =>
      kafka.replaceTopicConfigs(
        reconfigures.map(item => ({
          topic: item.key,
          configs: item.after!.configs,
        })),
      ),
    ),
    settle(deletes, () => kafka.deleteTopics(deletes.map(item => item.key))),
  ]);

  for (const item of creates) {
    outcomes.set(item, outcomeOf(item, created.get(item.key)));
  }
  for (const item of deletes) {
    outcomes.set(item, outcomeOf(item, deleted.get(item.key)));
  }
  for (const item of updates) {
    const failures = [
      grown.has(item.key) &&
        sentence(`The partition increase failed: ${grown.get(item.key)}`),
      reconfigured.has(item.key) &&
        sentence(`The config update failed: ${reconfigured.get(item.key)}`),
    ].filter((failure): failure is string => Boolean(failure));
    const applied = [
      changesPartitions(item) &&
        !grown.has(item.key) &&
        'The partition increase was applied.',
      changesConfigs(item) &&
        !reconfigured.has(item.key) &&
        'The config update was applied.',
    ].filter((done): done is string => Boolean(done));
    const blocked =
      item.state === 'BLOCKED' && item.reason ? [item.reason] : [];
    if (failures.length > 0) {
      outcomes.set(item, {
        state: 'FAILED',
        message: [...failures, ...applied, ...blocked].join(' '),
      });
    } else if (blocked.length > 0) {
      outcomes.set(item, {
        state: 'BLOCKED',
        message: [...applied, ...blocked].join(' '),
      });
    } else {
      outcomes.set(item, { state: 'UPDATED' });
    }
  }
}

async function applySchemas(
  items: readonly SchemaPlanItem[],
  registry: SchemaRegistryAdmin | undefined,
  uncreatedTopics: ReadonlySet<string>,
  outcomes: Map<PlanItem, Outcome>,
) {
  for (const item of items) {
    if (item.registryError !== undefined) {
      outcomes.set(item, { state: 'FAILED', message: item.registryError });
    }
  }
  const changes = items.filter(
    item => item.state === 'CREATE' || item.state === 'UPDATE',
  );
  // Once the registry has not answered, the items after it fail with the same
  // message instead of each waiting for its own timeout.
  let unreachable: string | undefined;
  await mapWithConcurrency(changes, REGISTRY_CONCURRENCY, async item => {
    const after = item.after!;
    if (unreachable !== undefined) {
      outcomes.set(item, { state: 'FAILED', message: unreachable });
      return;
    }
    if (uncreatedTopics.has(after.topic)) {
      outcomes.set(item, {
        state: 'FAILED',
        message: `Not registered: the topic ${after.topic} was not created.`,
      });
      return;
    }
    if (!registry) {
      outcomes.set(item, {
        state: 'FAILED',
        message: 'No schema registry is configured.',
      });
      return;
    }
    const fields = new Set((item.changes ?? []).map(change => change.field));
    try {
      if (fields.has('compatibility')) {
        await registry.setCompatibilityLevel(item.key, after.compatibility);
      }
      if (item.state === 'CREATE' || fields.has('schema')) {
        await registry.register(
          item.key,
          { schemaType: after.schemaType, schema: after.schema! },
          after.compatibility,
        );
      }
      outcomes.set(item, { state: DONE[item.state] });
    } catch (error) {
      const message = messageOf(error);
      if (isNoAnswer(error)) unreachable ??= message;
      outcomes.set(item, { state: 'FAILED', message });
    }
  });
}

async function applyAcls(
  items: readonly AclPlanItem[],
  { kafka }: ProvisioningAdmins,
  uncreatedTopics: ReadonlySet<string>,
  unregisteredSchemas: ReadonlyMap<string, string>,
  outcomes: Map<PlanItem, Outcome>,
) {
  const creates: AclPlanItem[] = [];
  for (const item of items.filter(candidate => candidate.state === 'CREATE')) {
    const topic = grantedTopic(item);
    if (topic && uncreatedTopics.has(topic)) {
      outcomes.set(item, {
        state: 'FAILED',
        message: `Not created: the topic ${topic} was not created.`,
      });
    } else if (topic && unregisteredSchemas.has(topic)) {
      outcomes.set(item, {
        state: 'FAILED',
        message: `Not created: the schema ${unregisteredSchemas.get(
          topic,
        )} of the topic ${topic} was not registered.`,
      });
    } else {
      creates.push(item);
    }
  }
  const deletes = items.filter(item => item.state === 'DELETE');

  const [created, deleted] = await Promise.all([
    settle(creates, () => kafka.createAcls(creates.map(item => item.after!))),
    settle(deletes, () => kafka.deleteAcls(deletes.map(item => item.before!))),
  ]);
  // An ACL item's key is its binding's key, which is how the adapter reports failures.
  for (const item of creates) {
    outcomes.set(item, outcomeOf(item, created.get(item.key)));
  }
  for (const item of deletes) {
    outcomes.set(item, outcomeOf(item, deleted.get(item.key)));
  }
}

/** The cluster changes that went through, to wait for. */
function succeeded(
  topics: readonly TopicPlanItem[],
  acls: readonly AclPlanItem[],
  outcomes: ReadonlyMap<PlanItem, Outcome>,
): ClusterChanges {
  const done = (item: PlanItem, state: ApplyItemState) =>
    outcomes.get(item)?.state === state;
  return {
    createdTopics: topics
      .filter(item => done(item, 'CREATED'))
      .map(item => item.key),
    deletedTopics: topics
      .filter(item => done(item, 'DELETED'))
      .map(item => item.key),
    // A blocked topic's partition increase went through when it stayed BLOCKED.
    grownTopics: topics
      .filter(
        item =>
          (done(item, 'UPDATED') || done(item, 'BLOCKED')) &&
          changesPartitions(item),
      )
      .map(item => ({ topic: item.key, count: item.after!.partitions! })),
    createdAcls: acls
      .filter(item => done(item, 'CREATED'))
      .map(item => item.after!),
    deletedAcls: acls
      .filter(item => done(item, 'DELETED'))
      .map(item => item.before!),
  };
}

/** The topic a literal topic binding is about. */
function grantedTopic(item: AclPlanItem): string | undefined {
  const binding = item.after;
  return binding?.resourceType === 'TOPIC' && binding.patternType === 'LITERAL'
    ? binding.resourceName
    : undefined;
}

/**
 * Runs one batch; the adapters report failures per item and do not throw, but if
 * one does, every item of the batch failed with its message.
 */
async function settle(
  items: readonly PlanItem[],
  run: () => Promise<BatchFailures>,
): Promise<BatchFailures> {
  if (items.length === 0) return new Map();
  try {
    return await run();
  } catch (error) {
    const message = messageOf(error);
    return new Map(items.map(item => [item.key, message]));
  }
}

function outcomeOf(item: PlanItem, failure: string | undefined): Outcome {
  return failure === undefined
    ? { state: DONE[item.state] }
    : { state: 'FAILED', message: failure };
}

/** The registry did not answer at all (see {@link SchemaRegistryAdmin}). */
function isNoAnswer(error: unknown): boolean {
  return (error as { noAnswer?: unknown } | undefined)?.noAnswer === true;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
