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
 * Helpers for tests against the real broker and registry of @meshport/dev-infra.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import {
  computeDesiredState,
  DesiredState,
  PrincipalMap,
} from '@meshport/plugin-specmesh-common';
import {
  InfraConnection,
  readInfraConnection,
  startInfra,
} from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '../../kafka';

/** The pool of SASL users scripts/test starts the broker with (`meshport.test.u01`…). */
const POOL_USER = /^meshport\.test\.u\d+$/;

export interface TestInfra {
  infra: InfraConnection;
  /** `count` SASL users this test may map its app-ids onto. */
  users: string[];
  /** Stops the infra when this test started it. */
  stop(): Promise<void>;
}

/**
 * The running infra of the connection file (MESHPORT_INFRA_FILE) when it has
 * enough pool users, else a private one started for this test file.
 */
export async function sharedOrPrivateInfra(count: number): Promise<TestInfra> {
  const shared = readInfraConnection();
  const pool = Object.keys(shared?.kafka.users ?? {})
    .filter(user => POOL_USER.test(user))
    .sort();
  if (shared && pool.length >= count) {
    // The end of the pool: the start is what most tests take first.
    return {
      infra: shared,
      users: count > 0 ? pool.slice(-count) : [],
      stop: async () => {},
    };
  }
  const users = Array.from(
    { length: count },
    (_, i) => `meshport.test.u${String(i + 1).padStart(2, '0')}`,
  );
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-node-it-'));
  const started = await startInfra({ users, runDir });
  return {
    infra: started,
    users,
    stop: async () => {
      await started.stop();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/** A kafkajs client as `username` (the admin when absent), silent, with few retries. */
export function kafkaClient(
  infra: InfraConnection,
  username: string = infra.kafka.sasl.username,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  const password =
    username === infra.kafka.sasl.username
      ? infra.kafka.sasl.password
      : infra.kafka.users[username];
  return new Kafka({
    clientId: `specmesh-node-it-${username}`,
    brokers: infra.kafka.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
    sasl: { mechanism: 'plain', username, password },
    ...overrides,
  });
}

/** A fresh app-id prefix such as `it.l8x2k9abcde`. */
export function uniqueAppId(prefix = 'it'): string {
  return `${prefix}.${Date.now().toString(36)}${Math.random()
    .toString(36)
    .slice(2, 7)}`;
}

/** The desired state of a minimal AsyncAPI 2.5 spec; throws on an invalid one. */
export function desiredOf(
  appId: string,
  channels: Record<string, unknown>,
  options: {
    principalMap?: PrincipalMap;
    schemaFiles?: Record<string, string>;
    idempotentWrite?: boolean;
  } = {},
): DesiredState {
  const result = computeDesiredState(
    {
      asyncapi: '2.5.0',
      id: `urn:${appId}`,
      info: { title: appId, version: '1.0.0' },
      channels,
    },
    options,
  );
  if (!result.state) {
    throw new Error(
      `Invalid test spec: ${JSON.stringify(result.problems, null, 2)}`,
    );
  }
  return result.state;
}

/** A channel the owner writes, with an optional Kafka binding, grants and payload. */
export function owned(
  binding: {
    partitions?: number;
    replicas?: number;
    configs?: Record<string, string>;
  } = {},
  extras: { grants?: string[]; payload?: unknown } = {},
) {
  return {
    bindings: { kafka: binding },
    publish: {
      ...(extras.grants
        ? {
            tags: extras.grants.map(grantee => ({
              name: `grant-access:${grantee}`,
            })),
          }
        : {}),
      ...(extras.payload !== undefined
        ? { message: { payload: extras.payload } }
        : {}),
    },
  };
}

/**
 * Deletes the app-id's topics and the bindings on its namespace. Bindings on the
 * cluster resource stay: a pool user's may serve other tests.
 */
export async function removeNamespace(
  kafka: KafkaClusterAdmin,
  appId: string,
): Promise<void> {
  const { topics, acls } = await kafka.describeNamespace(appId, '');
  await kafka.deleteTopics(topics.map(topic => topic.name));
  await kafka.deleteAcls(
    acls.filter(binding => binding.resourceType !== 'CLUSTER'),
  );
}

export { kafkaErrorTypes as errorTypes } from '@meshport/dev-infra';

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** Retries `attempt` until it stops throwing or `timeoutMs` has passed. */
export async function eventually<T>(
  attempt: () => Promise<T>,
  timeoutMs = 15_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
