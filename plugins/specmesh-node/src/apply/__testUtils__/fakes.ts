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
  DesiredTopic,
} from '@meshport/plugin-specmesh-common';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import type {
  CompatibilityLevel,
  LiveSubject,
  LiveTopic,
} from '../../plan/types';
import type {
  BatchFailures,
  KafkaProvisioningAdmin,
  SchemaRegistryAdmin,
  SchemaText,
} from '../ports';
import { namespaceBindings } from '../namespaceBindings';

/** A Kafka admin in memory: records each batch and fails the items it is told to. */
export class FakeKafka implements KafkaProvisioningAdmin {
  topics: LiveTopic[] = [];
  acls: AclBinding[] = [];
  brokerCount?: number;
  /**
   * Item key (topic name or binding key), or `<method>:<key>` for one batch
   * method only → the broker's message.
   */
  readonly failures = new Map<string, string>();
  /** A batch method name → an error it throws instead of answering. */
  readonly throwing = new Map<string, Error>();
  readonly calls: Array<{ method: string; items: unknown[] }> = [];

  /** @param journal - where both fakes write `kafka.<method>` / `registry.<method>` in call order */
  constructor(private readonly journal: string[] = []) {}

  async describeNamespace(
    appId: string,
    principal: string,
    options: { brokerCount?: boolean } = {},
  ) {
    this.calls.push({ method: 'describeNamespace', items: [appId, principal] });
    return {
      topics: this.topics.filter(topic => topic.name.startsWith(`${appId}.`)),
      ...namespaceBindings(this.acls, appId, principal),
      ...(options.brokerCount && this.brokerCount !== undefined
        ? { brokerCount: this.brokerCount }
        : {}),
    };
  }

  async createTopics(topics: readonly DesiredTopic[]) {
    return this.run(
      'createTopics',
      topics,
      topic => topic.name,
      topic => {
        this.topics.push({
          name: topic.name,
          partitions: topic.partitions ?? 1,
          replicas: topic.replicas ?? 1,
          configs: { ...topic.configs },
        });
      },
    );
  }

  async createPartitions(
    increases: ReadonlyArray<{ topic: string; count: number }>,
  ) {
    return this.run(
      'createPartitions',
      increases,
      increase => increase.topic,
      increase => {
        this.topic(increase.topic).partitions = increase.count;
      },
    );
  }

  async replaceTopicConfigs(
    updates: ReadonlyArray<{ topic: string; configs: Record<string, string> }>,
  ) {
    return this.run(
      'replaceTopicConfigs',
      updates,
      update => update.topic,
      update => {
        this.topic(update.topic).configs = { ...update.configs };
      },
    );
  }

  async deleteTopics(topics: readonly string[]) {
    return this.run(
      'deleteTopics',
      topics,
      topic => topic,
      topic => {
        this.topics = this.topics.filter(candidate => candidate.name !== topic);
      },
    );
  }

  async createAcls(bindings: readonly AclBinding[]) {
    return this.run('createAcls', bindings, aclBindingKey, binding => {
      this.acls.push(binding);
    });
  }

  async deleteAcls(bindings: readonly AclBinding[]) {
    return this.run('deleteAcls', bindings, aclBindingKey, binding => {
      this.acls = this.acls.filter(
        candidate => aclBindingKey(candidate) !== aclBindingKey(binding),
      );
    });
  }

  callsOf(method: string) {
    return this.calls.filter(call => call.method === method);
  }

  private topic(name: string): LiveTopic {
    const found = this.topics.find(topic => topic.name === name);
    if (!found) throw new Error(`no topic ${name}`);
    return found;
  }

  private async run<T>(
    method: string,
    items: readonly T[],
    keyOf: (item: T) => string,
    apply: (item: T) => void,
  ): Promise<BatchFailures> {
    this.calls.push({ method, items: [...items] });
    this.journal.push(`kafka.${method}`);
    const error = this.throwing.get(method);
    if (error) throw error;
    const failures: BatchFailures = new Map();
    for (const item of items) {
      const failure =
        this.failures.get(`${method}:${keyOf(item)}`) ??
        this.failures.get(keyOf(item));
      if (failure) failures.set(keyOf(item), failure);
      else apply(item);
    }
    return failures;
  }
}

/** A schema registry in memory, with subject-level compatibility and scripted verdicts. */
export class FakeRegistry implements SchemaRegistryAdmin {
  readonly subjects = new Map<string, LiveSubject[]>();
  readonly levels = new Map<string, string>();
  globalLevel = 'NONE';
  /** Subject → verdict of the next compatibility checks. */
  readonly verdicts = new Map<
    string,
    { compatible: boolean; messages: string[] }
  >();
  /** Method name → error thrown. */
  readonly throwing = new Map<string, Error>();
  readonly calls: Array<{ method: string; subject?: string }> = [];
  /** The most subjects a list answers, as Apicurio's `apicurio.ccompat.max-subjects`. */
  listCap = Infinity;

  constructor(private readonly journal: string[] = []) {}

  async listSubjects() {
    this.record('listSubjects');
    return [...this.subjects.keys()].slice(0, this.listCap);
  }

  async latestSchema(subject: string) {
    this.record('latestSchema', subject);
    return this.subjects.get(subject)?.at(-1);
  }

  async compatibilityLevel(subject: string) {
    this.record('compatibilityLevel', subject);
    return this.levels.get(subject) ?? this.globalLevel;
  }

  async findVersion(subject: string, schema: SchemaText) {
    this.record('findVersion', subject);
    return this.subjects
      .get(subject)
      ?.find(version => version.schema === schema.schema)?.version;
  }

  async checkCompatibility(subject: string, _schema: SchemaText) {
    this.record('checkCompatibility', subject);
    return this.verdicts.get(subject) ?? { compatible: true, messages: [] };
  }

  async setCompatibilityLevel(subject: string, level: CompatibilityLevel) {
    this.record('setCompatibilityLevel', subject);
    this.levels.set(subject, level);
  }

  async register(
    subject: string,
    schema: SchemaText,
    compatibility: CompatibilityLevel,
  ) {
    this.record('register', subject);
    if ((this.levels.get(subject) ?? this.globalLevel) !== compatibility) {
      throw new Error(`compatibility of ${subject} is not ${compatibility}`);
    }
    const versions = this.subjects.get(subject) ?? [];
    const version: LiveSubject = {
      subject,
      version: versions.length + 1,
      id: versions.length + 100,
      schemaType: schema.schemaType,
      schema: schema.schema,
    };
    this.subjects.set(subject, [...versions, version]);
    return { id: version.id! };
  }

  callsOf(method: string) {
    return this.calls.filter(call => call.method === method);
  }

  private record(method: string, subject?: string) {
    this.calls.push({ method, subject });
    this.journal.push(`registry.${method}`);
    const error = this.throwing.get(method);
    if (error) throw error;
  }
}
