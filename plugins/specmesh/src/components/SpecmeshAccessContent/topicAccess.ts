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
  AccessLevel,
  AclBinding,
  DesiredState,
  parseAclBindingKey,
} from '@meshport/plugin-specmesh-common';
import { StatusItem, StatusItemStatus } from '../../api';
import { grantsRead } from '../shared';
import { TopicEntry } from '../shared/topicEntry';

/** The two operations a person asks about: who can write a topic, who can read it. */
export type TopicOperation = 'WRITE' | 'READ';

/** One principal's right on one topic, as the spec says and as the cluster has it. */
export interface TopicAccessRow {
  topic: string;
  principal: string;
  operation: TopicOperation;
  inSpec: boolean;
  /** The cluster's side; absent while (or when) the status is not known. */
  live?: StatusItemStatus;
}

/** Whether an ALLOW binding lets its principal perform `operation` on `topic`. */
export function allowsOnTopic(
  binding: AclBinding,
  topic: string,
  operation: TopicOperation,
): boolean {
  if (
    binding.permissionType !== 'ALLOW' ||
    binding.resourceType !== 'TOPIC' ||
    // ALL implies every operation; WRITE and READ each imply DESCRIBE only.
    (binding.operation !== operation && binding.operation !== 'ALL')
  ) {
    return false;
  }
  if (binding.patternType === 'PREFIXED') {
    return topic.startsWith(binding.resourceName);
  }
  return binding.resourceName === topic || binding.resourceName === '*';
}

const OPERATIONS: TopicOperation[] = ['WRITE', 'READ'];

function rowKey(principal: string, operation: TopicOperation) {
  return `${operation} ${principal}`;
}

/**
 * Who can write and read each of the spec's topics: from the desired ACLs
 * and, when known, from the ACL items of the live status (which cover the
 * bindings the spec implies and the unexpected ones in its namespace).
 */
export function topicAccessRows(
  state: DesiredState,
  statusItems?: StatusItem[],
): TopicAccessRow[] {
  const liveAcls = (statusItems ?? [])
    .filter(item => item.kind === 'acl')
    .flatMap(item => {
      const binding = parseAclBindingKey(item.key);
      return binding ? [{ binding, item }] : [];
    });

  const rows: TopicAccessRow[] = [];
  for (const { name: topic } of state.topics) {
    const byKey = new Map<string, TopicAccessRow>();
    for (const operation of OPERATIONS) {
      for (const binding of state.acls) {
        if (allowsOnTopic(binding, topic, operation)) {
          byKey.set(rowKey(binding.principal, operation), {
            topic,
            principal: binding.principal,
            operation,
            inSpec: true,
          });
        }
      }
      if (!statusItems) {
        continue;
      }
      for (const { binding, item } of liveAcls) {
        if (!allowsOnTopic(binding, topic, operation)) {
          continue;
        }
        const key = rowKey(binding.principal, operation);
        const row = byKey.get(key) ?? {
          topic,
          principal: binding.principal,
          operation,
          inSpec: false,
        };
        // Of several bindings granting the same right, the one in place wins.
        if (row.live !== 'in-sync') {
          row.live = item.status;
        }
        byKey.set(key, row);
      }
    }
    rows.push(...byKey.values());
  }
  return rows;
}

/** A read of a consumer spec that the owner's spec does not grant. */
export interface UngrantedRead {
  topic: string;
  ownerAppId?: string;
  /** As the topic's entity says; absent when the catalog has no such topic. */
  access?: AccessLevel;
  reason: string;
}

/** What the catalog knows of the owners of the topics a consumer spec reads. */
export interface ReadTopicOwners {
  /** The topic entities of the read topics, by exact topic name. */
  topics: Map<string, TopicEntry>;
  /** The owners' app-ids that have a data product (an API entity) in the catalog. */
  dataProductAppIds: Set<string>;
}

/**
 * The reads of a consumer spec that its owners do not grant: topics of other
 * app-ids that are neither public nor granted to this app-id, as the topic
 * entities the catalog module wrote say, and topics no data product declares.
 */
export function ungrantedReads(
  consumer: DesiredState,
  owners: ReadTopicOwners,
): UngrantedRead[] {
  const result: UngrantedRead[] = [];
  for (const dependency of consumer.dependencies) {
    const entry = owners.topics.get(dependency.topic);
    const ownerAppId = entry?.appId ?? dependency.appId ?? undefined;
    if (entry) {
      if (!grantsRead(entry.access, entry.grantees, consumer.appId)) {
        result.push({
          topic: dependency.topic,
          ownerAppId,
          access: entry.access,
          reason: `${ownerAppId ?? 'Its owner'} does not grant ${
            consumer.appId
          } read access; ask its owners to add a grant-access:${
            consumer.appId
          } tag.`,
        });
      }
      continue;
    }
    let reason: string;
    if (!ownerAppId) {
      reason = 'The topic names no owner app-id.';
    } else if (owners.dataProductAppIds.has(ownerAppId)) {
      reason = `${ownerAppId} declares no such topic.`;
    } else {
      reason = `No data product with app-id ${ownerAppId} is in the catalog, so nothing grants this read.`;
    }
    result.push({ topic: dependency.topic, ownerAppId, reason });
  }
  return result;
}
