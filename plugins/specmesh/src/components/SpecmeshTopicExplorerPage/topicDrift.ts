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
  AclBinding,
  parseAclBindingKey,
} from '@meshport/plugin-specmesh-common';
import type { DriftVerdict, PlanChange, StatusItem } from '../../api';
import type { TopicEntry } from '../shared/topicEntry';

/**
 * Whether a topic matches its spec on the cluster, from the last recorded
 * verdict of the data product that owns it.
 */
export type TopicDrift =
  /** The drift report is still on its way. */
  | { state: 'loading' }
  /** The drift report could not be read. */
  | { state: 'unavailable' }
  /** No verdict was recorded for the topic's data product. */
  | { state: 'not-checked' }
  | { state: 'in-sync'; checkedAt: string }
  | {
      state: 'drifted';
      checkedAt: string;
      driftedSince?: string;
      /** What differs, one short line each: `partitions 1 → 3`. */
      differences: string[];
    }
  | { state: 'unknown'; checkedAt: string; reason?: string }
  | { state: 'error'; checkedAt: string; error?: string };

/** The states a topic's drift can be filtered by. */
export type TopicDriftState = Exclude<
  TopicDrift['state'],
  'loading' | 'unavailable'
>;

export const TOPIC_DRIFT_STATES: readonly TopicDriftState[] = [
  'drifted',
  'in-sync',
  'unknown',
  'error',
  'not-checked',
];

/** How each state reads, in the drift column and its filter. */
export const TOPIC_DRIFT_LABELS: Record<TopicDriftState, string> = {
  drifted: 'drifted',
  'in-sync': 'in sync',
  unknown: 'unknown',
  error: 'check failed',
  'not-checked': 'not checked',
};

/** Whether a binding applies to the topic: literally, by wildcard or by prefix. */
export function aclConcernsTopic(acl: AclBinding, topic: string): boolean {
  if (acl.resourceType !== 'TOPIC') {
    return false;
  }
  if (acl.patternType === 'PREFIXED') {
    return topic.startsWith(acl.resourceName);
  }
  return acl.resourceName === topic || acl.resourceName === '*';
}

type TopicIdentity = Pick<TopicEntry, 'topic' | 'schemaSubjects'>;

/** Whether a status item of the topic's data product is about the topic. */
export function itemConcernsTopic(
  item: StatusItem,
  topic: TopicIdentity,
): boolean {
  switch (item.kind) {
    case 'topic':
      return item.key === topic.topic;
    case 'schema':
      // The topic name strategy's subjects, and any the spec names otherwise.
      return (
        item.key === `${topic.topic}-key` ||
        item.key === `${topic.topic}-value` ||
        topic.schemaSubjects.includes(item.key)
      );
    case 'acl': {
      const acl = parseAclBindingKey(item.key);
      return acl !== undefined && aclConcernsTopic(acl, topic.topic);
    }
    default:
      return false;
  }
}

const OUT_OF_SYNC: readonly StatusItem['status'][] = [
  'missing',
  'drifted',
  'unexpected',
];

function describeChange(change: PlanChange): string {
  return `${change.field} ${change.before ?? 'unset'} → ${
    change.after ?? 'default'
  }`;
}

function describeAcl(key: string): string {
  const acl = parseAclBindingKey(key);
  if (!acl) {
    return key;
  }
  const pattern =
    acl.patternType === 'PREFIXED' ? ` on ${acl.resourceName}*` : '';
  const verb = acl.permissionType === 'DENY' ? 'deny' : '';
  return `${verb ? `${verb} ` : ''}${acl.operation} for ${
    acl.principal
  }${pattern}`;
}

/** What differs in one item that is not in sync, in a few words each. */
export function describeDifference(item: StatusItem): string[] {
  switch (item.kind) {
    case 'topic':
      if (item.status === 'missing') return ['topic missing on the cluster'];
      if (item.status === 'unexpected') return ['topic not in the spec'];
      return item.changes?.length
        ? item.changes.map(describeChange)
        : [item.reason ?? 'topic differs from the spec'];
    case 'schema': {
      if (item.status === 'missing')
        return [`schema ${item.key} not registered`];
      if (item.status === 'unexpected')
        return [`schema ${item.key} not in the spec`];
      const changes = item.changes ?? [];
      if (changes.length === 0) return [`schema ${item.key} differs`];
      return changes.map(change =>
        change.field === 'schema'
          ? `schema ${item.key}: the spec's is newer`
          : `${item.key} ${describeChange(change)}`,
      );
    }
    case 'acl':
      if (item.status === 'missing')
        return [`ACL missing: ${describeAcl(item.key)}`];
      if (item.status === 'unexpected')
        return [`ACL not in the spec: ${describeAcl(item.key)}`];
      return [`ACL differs: ${describeAcl(item.key)}`];
    default:
      return [item.key];
  }
}

function driftInVerdict(
  topic: TopicIdentity,
  verdict: DriftVerdict,
): TopicDrift {
  const { checkedAt } = verdict;
  if (verdict.status === 'error') {
    return { state: 'error', checkedAt, error: verdict.error };
  }
  const items = verdict.items.filter(item => itemConcernsTopic(item, topic));
  const outOfSync = items.filter(item => OUT_OF_SYNC.includes(item.status));
  if (outOfSync.length > 0) {
    return {
      state: 'drifted',
      checkedAt,
      driftedSince: verdict.driftedSince,
      differences: outOfSync.flatMap(describeDifference),
    };
  }
  const unknown = items.find(item => item.status === 'unknown');
  if (unknown) {
    return { state: 'unknown', checkedAt, reason: unknown.reason };
  }
  // A verdict that compared nothing says nothing of the topic.
  if (verdict.status === 'unknown' && verdict.items.length === 0) {
    return { state: 'unknown', checkedAt };
  }
  // A topic the spec gained after the check was not compared at all.
  if (verdict.checkedTopics && !verdict.checkedTopics.includes(topic.topic)) {
    return { state: 'not-checked' };
  }
  // The verdict keeps only what is out of sync: the topic's items were not.
  return { state: 'in-sync', checkedAt };
}

// Of a data product's verdicts on several clusters, the one that needs a look.
const SEVERITY: Record<TopicDrift['state'], number> = {
  drifted: 4,
  error: 3,
  unknown: 2,
  'in-sync': 1,
  'not-checked': 0,
  loading: 0,
  unavailable: 0,
};

/** The verdicts of the mesh's data products, by API entity ref and by app-id. */
export interface VerdictIndex {
  byEntityRef: Map<string, DriftVerdict[]>;
  byAppId: Map<string, DriftVerdict[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexVerdicts(verdicts: readonly DriftVerdict[]): VerdictIndex {
  const index: VerdictIndex = { byEntityRef: new Map(), byAppId: new Map() };
  for (const verdict of verdicts) {
    // Entity refs compare without case, as the catalog compares them.
    push(
      index.byEntityRef,
      verdict.entityRef.toLocaleLowerCase('en-US'),
      verdict,
    );
    if (verdict.appId) {
      push(index.byAppId, verdict.appId, verdict);
    }
  }
  return index;
}

/**
 * The drift of one topic: the verdict of the API entity it is part of (or,
 * without that relation, of its app-id), narrowed to the items about it.
 */
export function topicDriftOf(
  topic: Pick<
    TopicEntry,
    'topic' | 'schemaSubjects' | 'dataProductRef' | 'appId'
  >,
  index: VerdictIndex,
): TopicDrift {
  const byRef = topic.dataProductRef
    ? index.byEntityRef.get(topic.dataProductRef.toLocaleLowerCase('en-US'))
    : undefined;
  const verdicts =
    byRef ?? (topic.appId ? index.byAppId.get(topic.appId) : undefined);
  if (!verdicts?.length) {
    return { state: 'not-checked' };
  }
  const drifts = verdicts.map(verdict => {
    const drift = driftInVerdict(topic, verdict);
    // Differences on several clusters say which cluster they are on.
    return drift.state === 'drifted' && verdicts.length > 1
      ? {
          ...drift,
          differences: drift.differences.map(
            line => `${verdict.cluster}: ${line}`,
          ),
        }
      : drift;
  });
  const worst = drifts.reduce((a, b) =>
    SEVERITY[b.state] > SEVERITY[a.state] ? b : a,
  );
  if (worst.state !== 'drifted') {
    return worst;
  }
  return {
    ...worst,
    differences: drifts.flatMap(drift =>
      drift.state === 'drifted' ? drift.differences : [],
    ),
  };
}
