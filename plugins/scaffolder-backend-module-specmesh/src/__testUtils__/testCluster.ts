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

/*
 * The real broker and registry of @meshport/dev-infra for the action tests: the
 * running infra of the connection file (MESHPORT_INFRA_FILE) when there is one,
 * else one started for the test file. Every test takes fresh app-ids, whose
 * topics and bindings are removed afterwards.
 */
import { ConfigReader } from '@backstage/config';
import { RunningInfra, startOrReuseInfra } from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '@meshport/plugin-specmesh-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCluster {
  infra: RunningInfra;
  /**
   * `specmesh.clusters` with `local` (the default) and `staging`, which allows
   * deletion; both are the one test broker.
   */
  config: ConfigReader;
  /** The broker's admin, as the cluster's administrator. */
  kafka: KafkaClusterAdmin;
  /** A fresh app-id such as `it.scaffolder.l8x2k9abcde`, cleaned up by {@link TestCluster.cleanUp}. */
  newAppId(): string;
  /** Creates a topic outside of any plan, and waits until the broker serves it. */
  createTopic(name: string, partitions: number): Promise<void>;
  /** Removes the topics and bindings of every app-id handed out so far. */
  cleanUp(): Promise<void>;
  /** Disconnects, and stops the infra when this test file started it. */
  stop(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const runDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'scaffolder-specmesh-it-'),
  );
  const infra = await startOrReuseInfra({ runDir });
  const { brokers, sasl } = infra.kafka;
  const cluster = {
    brokers,
    sasl,
    schemaRegistry: { url: infra.registry.url },
  };
  const config = new ConfigReader({
    specmesh: {
      clusters: [
        { name: 'local', ...cluster },
        { name: 'staging', ...cluster, allowDeletion: true },
      ],
    },
  });
  const kafka = KafkaClusterAdmin.create({ brokers, sasl });
  await kafka.connect();

  const appIds: string[] = [];
  return {
    infra,
    config,
    kafka,
    newAppId() {
      const appId = `it.scaffolder.${Date.now().toString(36)}${Math.random()
        .toString(36)
        .slice(2, 7)}`;
      appIds.push(appId);
      return appId;
    },
    async createTopic(name, partitions) {
      const failures = await kafka.createTopics([
        { name, access: 'public', partitions, replicas: null, configs: {} },
      ]);
      if (failures.size > 0) {
        throw new Error(`Cannot create ${name}: ${[...failures.values()]}`);
      }
      await kafka.awaitChanges({
        createdTopics: [name],
        deletedTopics: [],
        grownTopics: [],
        createdAcls: [],
        deletedAcls: [],
      });
    },
    async cleanUp() {
      for (const appId of appIds.splice(0)) {
        const { topics, acls } = await kafka.describeNamespace(
          appId,
          `User:${appId}`,
        );
        await kafka.deleteTopics(topics.map(topic => topic.name));
        await kafka.deleteAcls(acls);
      }
    },
    async stop() {
      await kafka.disconnect();
      await infra.stop();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}
