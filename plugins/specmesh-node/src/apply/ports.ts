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
import type {
  AclBinding,
  DesiredSchema,
  DesiredTopic,
} from '@meshport/plugin-specmesh-common';
import type { CompatibilityLevel, LiveState, LiveSubject } from '../plan';

/**
 * What failed in a batch, by item (topic name, or ACL binding key), with the
 * broker's message. An item that is not in the map succeeded.
 *
 * @public
 */
export type BatchFailures = Map<string, string>;

/**
 * What an apply changed on the cluster, for {@link KafkaProvisioningAdmin.awaitChanges}.
 *
 * @public
 */
export interface ClusterChanges {
  createdTopics: string[];
  deletedTopics: string[];
  /** Topics whose partition count was raised to `count`. */
  grownTopics: Array<{ topic: string; count: number }>;
  createdAcls: AclBinding[];
  deletedAcls: AclBinding[];
}

/**
 * What Kafka holds for one app-id: {@link LiveState}'s share.
 *
 * @public
 */
export type LiveNamespace = Pick<
  LiveState,
  'topics' | 'acls' | 'relatedAcls' | 'brokerCount'
>;

/**
 * The Kafka side of provisioning. Each call is one batched admin request (or a
 * fixed few), whatever the number of items. Apply calls never throw: a failure
 * is reported per item.
 *
 * @public
 */
export interface KafkaProvisioningAdmin {
  /**
   * The topics named `<app-id>.…` with their dynamic topic-level configs and the
   * bindings as `namespaceBindings` sorts them, in a fixed number of requests;
   * with `brokerCount`, also the number of brokers (one more request).
   */
  describeNamespace(
    appId: string,
    principal: string,
    options?: { brokerCount?: boolean },
  ): Promise<LiveNamespace>;
  /**
   * {@link KafkaProvisioningAdmin.describeNamespace} for many app-ids in a fixed
   * number of requests, in the order asked; without it, a snapshot reads them one
   * by one.
   */
  describeNamespaces?(
    namespaces: ReadonlyArray<{ appId: string; principal: string }>,
    options?: { brokerCount?: boolean },
  ): Promise<LiveNamespace[]>;
  createTopics(topics: readonly DesiredTopic[]): Promise<BatchFailures>;
  /** Raises each topic's partition count to `count`. */
  createPartitions(
    increases: ReadonlyArray<{ topic: string; count: number }>,
  ): Promise<BatchFailures>;
  /** Replaces each topic's whole set of dynamic configs: what is not listed is reset. */
  replaceTopicConfigs(
    updates: ReadonlyArray<{ topic: string; configs: Record<string, string> }>,
  ): Promise<BatchFailures>;
  deleteTopics(topics: readonly string[]): Promise<BatchFailures>;
  /** Failures are keyed by {@link @meshport/plugin-specmesh-common#aclBindingKey}. */
  createAcls(bindings: readonly AclBinding[]): Promise<BatchFailures>;
  /** Deletes exactly these bindings; failures are keyed by {@link @meshport/plugin-specmesh-common#aclBindingKey}. */
  deleteAcls(bindings: readonly AclBinding[]): Promise<BatchFailures>;
  /**
   * Resolves once the cluster serves these changes, or once it stops waiting;
   * never throws. A cluster applies a committed change asynchronously: right
   * after the request returns, reads may not show it yet and the authorizer may
   * not enforce it, so a plan made at once would find the work still to do.
   */
  awaitChanges?(changes: ClusterChanges): Promise<void>;
}

/**
 * A schema to register or check.
 *
 * @public
 */
export interface SchemaText {
  schemaType: DesiredSchema['schemaType'];
  schema: string;
}

/**
 * The registry side of provisioning (a Confluent-compatible API). Its errors
 * carry the HTTP `status` of an error answer, and `noAnswer: true` when the
 * registry did not answer at all (refused, reset, timed out): apply then fails
 * the remaining schema items at once instead of waiting for each.
 *
 * @public
 */
export interface SchemaRegistryAdmin {
  listSubjects(): Promise<string[]>;
  /** The latest version of a subject, `undefined` when the subject does not exist. */
  latestSchema(subject: string): Promise<LiveSubject | undefined>;
  /** The compatibility level in force for the subject (its own, else the registry's). */
  compatibilityLevel(subject: string): Promise<string | undefined>;
  /** The version under which the subject already holds this schema, if any. */
  findVersion(subject: string, schema: SchemaText): Promise<number | undefined>;
  /** Whether the schema is compatible with the subject's versions, with the registry's messages. */
  checkCompatibility(
    subject: string,
    schema: SchemaText,
  ): Promise<{ compatible: boolean; messages: string[] }>;
  setCompatibilityLevel(
    subject: string,
    level: CompatibilityLevel,
  ): Promise<void>;
  /** Registers a schema under a subject whose compatibility level is already `compatibility`. */
  register(
    subject: string,
    schema: SchemaText,
    compatibility: CompatibilityLevel,
  ): Promise<{ id: number }>;
}
