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
import type { AclBinding } from '../model';
import { ANY_PRINCIPAL } from './principals';

type ResourceType = AclBinding['resourceType'];
type PatternType = AclBinding['patternType'];

/** The cluster resource's fixed name in Kafka's ACL model. */
export const KAFKA_CLUSTER_RESOURCE = 'kafka-cluster';

function allow(
  resourceType: ResourceType,
  resourceName: string,
  patternType: PatternType,
  principal: string,
  operations: readonly string[],
): AclBinding[] {
  return operations.map(operation => ({
    resourceType,
    resourceName,
    patternType,
    principal,
    host: '*',
    operation,
    permissionType: 'ALLOW',
  }));
}

/** Options of {@link ownerAcls}. */
export interface OwnerAclOptions {
  /** Grant `IDEMPOTENT_WRITE` on the cluster; older clusters need it for idempotent producers. */
  idempotentWrite: boolean;
}

/**
 * The bindings every app-id gets for its own namespace (§3). Prefixes end with
 * the delimiter, so `acme.user` gets nothing in `acme.userprops.`.
 */
export function ownerAcls(
  appId: string,
  principal: string,
  options: OwnerAclOptions,
): AclBinding[] {
  const namespace = `${appId}.`;
  const bindings = [
    ...allow('TOPIC', namespace, 'PREFIXED', principal, [
      'DESCRIBE',
      'READ',
      'WRITE',
    ]),
    // Kafka Streams creates and deletes its internal topics itself.
    ...allow('TOPIC', `${appId}._private.`, 'PREFIXED', principal, [
      'CREATE',
      'DELETE',
    ]),
    ...allow('GROUP', namespace, 'PREFIXED', principal, [
      'DESCRIBE',
      'READ',
      'DELETE',
    ]),
    ...allow('TRANSACTIONAL_ID', namespace, 'PREFIXED', principal, [
      'DESCRIBE',
      'WRITE',
    ]),
    ...allow('TOPIC', `${appId}._public.`, 'PREFIXED', ANY_PRINCIPAL, [
      'DESCRIBE',
      'READ',
    ]),
  ];
  if (options.idempotentWrite) {
    bindings.push(
      ...allow('CLUSTER', KAFKA_CLUSTER_RESOURCE, 'LITERAL', principal, [
        'IDEMPOTENT_WRITE',
      ]),
    );
  }
  return bindings;
}

/** The bindings that let a grantee read one topic. */
export function topicReadAcls(topic: string, principal: string): AclBinding[] {
  return allow('TOPIC', topic, 'LITERAL', principal, ['DESCRIBE', 'READ']);
}
