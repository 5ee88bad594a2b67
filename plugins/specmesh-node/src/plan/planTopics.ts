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
import type { DesiredTopic } from '@meshport/plugin-specmesh-common';
import { isOwnResource } from './namespace';
import type {
  LiveTopic,
  PlanChange,
  PlanOptions,
  TopicPlanItem,
} from './types';

const CONFIGS = 'configs.';

/**
 * Topic items (RULES §5): create what is missing; increase partitions; set the
 * spec's configs and reset dynamic configs it no longer sets; block partition
 * decreases, replication-factor changes and new topics with more replicas than
 * the cluster has brokers; report the namespace's topics the spec does not
 * declare. A blocked change withholds nothing else: the topic's other changes
 * are applied. `null` partitions or replicas mean the cluster default and never
 * differ.
 */
export function planTopics(
  appId: string,
  desired: readonly DesiredTopic[],
  live: readonly LiveTopic[],
  options: PlanOptions & { brokerCount?: number } = {},
): TopicPlanItem[] {
  const liveByName = new Map(live.map(topic => [topic.name, topic]));
  const desiredNames = new Set(desired.map(topic => topic.name));
  const items: TopicPlanItem[] = [];

  for (const topic of desired) {
    const existing = liveByName.get(topic.name);
    items.push(
      existing
        ? planExistingTopic(topic, existing)
        : newTopic(topic, options.brokerCount),
    );
  }

  for (const topic of live) {
    if (desiredNames.has(topic.name)) continue;
    if (!isOwnResource(appId, topic.name, 'LITERAL', options.knownAppIds))
      continue;
    items.push(unmanagedTopic(topic, options));
  }

  return items.sort((a, b) => a.key.localeCompare(b.key));
}

function newTopic(topic: DesiredTopic, brokerCount?: number): TopicPlanItem {
  const item = {
    kind: 'topic' as const,
    key: topic.name,
    after: topic,
  };
  if (
    brokerCount !== undefined &&
    topic.replicas !== null &&
    topic.replicas > brokerCount
  ) {
    return {
      ...item,
      state: 'BLOCKED',
      reason:
        `The spec asks for replication factor ${topic.replicas} but the cluster has ` +
        `${brokerCount} broker${
          brokerCount === 1 ? '' : 's'
        }: Kafka places each replica ` +
        `on a different broker. Set replicas to at most ${brokerCount} in the spec, ` +
        'or leave it out for the cluster default.',
    };
  }
  return { ...item, state: 'CREATE' };
}

function planExistingTopic(
  desired: DesiredTopic,
  live: LiveTopic,
): TopicPlanItem {
  const changes: PlanChange[] = [];
  const blockers: string[] = [];

  if (desired.partitions !== null && desired.partitions !== live.partitions) {
    const decrease = desired.partitions < live.partitions;
    changes.push({
      field: 'partitions',
      before: live.partitions,
      after: desired.partitions,
      ...(decrease ? { blocked: true } : {}),
    });
    if (decrease) {
      blockers.push(
        `The spec asks for ${desired.partitions} partitions but the topic has ${live.partitions}: ` +
          `Kafka cannot remove partitions. Set partitions to ${live.partitions} in the spec, ` +
          'or create a new topic and move the data.',
      );
    }
  }

  if (desired.replicas !== null && desired.replicas !== live.replicas) {
    changes.push({
      field: 'replicas',
      before: live.replicas,
      after: desired.replicas,
      blocked: true,
    });
    blockers.push(
      `The spec asks for replication factor ${desired.replicas} but the topic has ${live.replicas}: ` +
        'changing it needs a partition reassignment, which Meshport does not do. ' +
        `Set replicas to ${live.replicas} in the spec, or reassign the partitions ` +
        '(kafka-reassign-partitions) and then change the spec.',
    );
  }

  changes.push(...configChanges(desired.configs, live.configs));

  const base = {
    kind: 'topic' as const,
    key: desired.name,
    before: live,
    after: desired,
  };
  if (blockers.length > 0) {
    const applied = changes.some(change => !change.blocked)
      ? ' The other changes are applied.'
      : '';
    return {
      ...base,
      state: 'BLOCKED',
      reason: `${blockers.join(' ')}${applied}`,
      changes,
    };
  }
  if (changes.length > 0) {
    return { ...base, state: 'UPDATE', changes };
  }
  return { ...base, state: 'UNCHANGED' };
}

/** Sets what the spec sets; resets (after absent) what only the live topic sets. */
function configChanges(
  desired: Record<string, string>,
  live: Record<string, string>,
): PlanChange[] {
  const names = [
    ...new Set([...Object.keys(desired), ...Object.keys(live)]),
  ].sort();
  const changes: PlanChange[] = [];
  for (const name of names) {
    const before = own(live, name);
    const after = own(desired, name);
    if (before === after) continue;
    changes.push({
      field: `${CONFIGS}${name}`,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    });
  }
  return changes;
}

function own(record: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

function unmanagedTopic(topic: LiveTopic, options: PlanOptions): TopicPlanItem {
  const base = {
    kind: 'topic' as const,
    key: topic.name,
    before: topic,
    unmanaged: true,
  };
  if (!options.deleteUnmanaged) {
    return {
      ...base,
      state: 'UNCHANGED',
      reason:
        'Not in the spec: kept. Unmanaged topics are deleted only when the cluster allows ' +
        'deletion and the request asks for it.',
    };
  }
  if (!options.allowDeletion) {
    return {
      ...base,
      state: 'BLOCKED',
      reason:
        'Not in the spec, and deletion was requested, but the configuration of this cluster ' +
        'does not allow deleting topics.',
    };
  }
  return {
    ...base,
    state: 'DELETE',
    reason: 'Not in the spec: deleted as requested.',
  };
}

/** True when applying the item changes the topic's partition count. */
export function changesPartitions(item: TopicPlanItem): boolean {
  return (item.changes ?? []).some(
    change => change.field === 'partitions' && !change.blocked,
  );
}

/** True when applying the item changes at least one of the topic's configs. */
export function changesConfigs(item: TopicPlanItem): boolean {
  return (item.changes ?? []).some(
    change => change.field.startsWith(CONFIGS) && !change.blocked,
  );
}
