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
import { InfraConnection, startOrReuseInfra } from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '@meshport/plugin-specmesh-node';
import fs from 'fs';
import { Admin, Kafka, logLevel } from 'kafkajs';
import os from 'os';
import path from 'path';

/** The shared Kafka and registry of an integration test file, and its own app-ids. */
export interface RealCluster {
  readonly infra: InfraConnection;
  readonly kafkaAdmin: Admin;
  /** A folder of this test file's, removed after it. */
  readonly runDir: string;
  /** A fresh app-id under `prefix`, whose topics and ACLs go after the test. */
  newAppId(): string;
}

/**
 * Registers the hooks that start (or reuse) the local infra for the test file,
 * connect an admin client, and delete what each test's app-ids created.
 */
export function useRealCluster(prefix: string): RealCluster {
  let infra: InfraConnection | undefined;
  let stopInfra: (() => Promise<void>) | undefined;
  let runDir: string | undefined;
  let kafkaAdmin: Admin | undefined;
  const appIds: string[] = [];

  beforeAll(async () => {
    runDir = fs.mkdtempSync(path.join(os.tmpdir(), `specmesh-${prefix}-it-`));
    const started = await startOrReuseInfra({ runDir });
    infra = started;
    stopInfra = () => started.stop();
    kafkaAdmin = new Kafka({
      clientId: `specmesh-${prefix}-it`,
      brokers: started.kafka.brokers,
      sasl: started.kafka.sasl,
      logLevel: logLevel.NOTHING,
    }).admin();
    await kafkaAdmin.connect();
  });

  afterEach(async () => {
    if (!kafkaAdmin) return;
    const kafka = new KafkaClusterAdmin(kafkaAdmin);
    for (const appId of appIds.splice(0)) {
      const { topics, acls } = await kafka.describeNamespace(
        appId,
        `User:${appId}`,
      );
      await kafka.deleteTopics(topics.map(topic => topic.name));
      await kafka.deleteAcls(acls);
    }
  });

  afterAll(async () => {
    await kafkaAdmin?.disconnect();
    await stopInfra?.();
    if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) {
      throw new Error('The cluster starts in beforeAll: use it in tests');
    }
    return value;
  };
  return {
    get infra() {
      return started(infra);
    },
    get kafkaAdmin() {
      return started(kafkaAdmin);
    },
    get runDir() {
      return started(runDir);
    },
    newAppId() {
      const appId = `${prefix}.${Date.now().toString(36)}${Math.random()
        .toString(36)
        .slice(2, 7)}`;
      appIds.push(appId);
      return appId;
    },
  };
}
