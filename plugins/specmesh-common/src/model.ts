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

/**
 * Who may read a topic: `_public` (every authenticated principal), `_protected`
 * (the owner and explicit grantees) or `_private` (the owner only).
 *
 * @public
 */
export type AccessLevel = 'public' | 'protected' | 'private';

/**
 * A Kafka topic the spec's owner declares.
 *
 * @public
 */
export interface DesiredTopic {
  /** The full topic name, `<app-id>.<level>.<name>`. */
  name: string;
  access: AccessLevel;
  /** `null` means the cluster default (`num.partitions`). */
  partitions: number | null;
  /** `null` means the cluster default (`default.replication.factor`). */
  replicas: number | null;
  /** Topic configs the spec sets, every value as a string. */
  configs: Record<string, string>;
}

/**
 * One Kafka ACL binding, in the vocabulary of the Admin API.
 *
 * @public
 */
export interface AclBinding {
  resourceType: 'TOPIC' | 'GROUP' | 'TRANSACTIONAL_ID' | 'CLUSTER';
  resourceName: string;
  patternType: 'LITERAL' | 'PREFIXED';
  principal: string;
  host: string;
  operation: string;
  permissionType: 'ALLOW' | 'DENY';
}

/**
 * A schema-registry subject the spec's owner registers.
 *
 * @public
 */
export interface DesiredSchema {
  subject: string;
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF';
  topic: string;
  role: 'key' | 'value';
  /** The file reference as written in the spec, when the schema lives in a file. */
  ref?: string;
  /** The schema text to register, when known. */
  schema?: string;
}

/**
 * A topic of another app-id that the spec reads.
 *
 * @public
 */
export interface TopicDependency {
  topic: string;
  /** The topic's owner, or `null` when the name does not reveal it. */
  appId: string | null;
}

/**
 * Everything a spec implies on the cluster and the registry.
 *
 * @public
 */
export interface DesiredState {
  appId: string;
  /** The owner's Kafka principal, after principal mapping. */
  principal: string;
  topics: DesiredTopic[];
  acls: AclBinding[];
  schemas: DesiredSchema[];
  dependencies: TopicDependency[];
  /** Per owned topic, the app-ids (or `_public`) granted read access by tags. */
  grants?: Record<string, string[]>;
}

/**
 * A validation finding, precise enough for a person to act on.
 *
 * @public
 */
export interface SpecProblem {
  severity: 'error' | 'warning';
  file?: string;
  /** A JSON pointer, or a channel or operation name. */
  location: string;
  message: string;
  fix?: string;
}

/**
 * Maps an app-id to the Kafka principal it authenticates as.
 *
 * @public
 */
export type PrincipalMap = Record<string, string>;

/**
 * The outcome of applying the rule book to a spec: a state when there is no error.
 *
 * @public
 */
export interface DesiredStateResult {
  state?: DesiredState;
  problems: SpecProblem[];
}

/**
 * Options of {@link computeDesiredState}.
 *
 * @public
 */
export interface DesiredStateOptions {
  /** The spec's file, named in problems. */
  file?: string;
  principalMap?: PrincipalMap;
  /** Schema file texts keyed by the `$ref` as written in the spec. */
  schemaFiles?: Record<string, string>;
  /** Grant the owner `IDEMPOTENT_WRITE` on the cluster (default `true`). */
  idempotentWrite?: boolean;
}
