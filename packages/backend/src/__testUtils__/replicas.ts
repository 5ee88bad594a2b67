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
import type { InfraConnection } from '@meshport/dev-infra';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import yaml from 'yaml';

const REPO = path.resolve(__dirname, '../../../..');
const BACKEND_DIR = path.join(REPO, 'packages/backend');
const NODE_TRANSFORM = path.join(
  REPO,
  'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
);
/** A loaded 2-core machine takes a minute to start one backend. */
const READY_TIMEOUT_MS = 240_000;

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** One demo backend process of the test, its port and its log. */
export interface Replica {
  readonly name: string;
  readonly url: string;
  readonly log: string;
  readonly process: ChildProcess;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The config every replica shares: one Postgres database set (`prefix`), the
 * test's own catalog file, the shared broker in GitOps mode, short schedules
 * and a short lock expiry, and the guest signing in as the data product's owner.
 */
export function sharedConfig(options: {
  postgres: string;
  prefix: string;
  catalogFile: string;
  infra: InfraConnection;
  user: string;
  lockExpirySeconds: number;
  reconcileEvery: string;
  collectEvery: string;
}) {
  const { mechanism, username, password } = options.infra.kafka.sasl;
  return {
    backend: {
      database: {
        client: 'pg',
        connection: options.postgres,
        prefix: options.prefix,
      },
    },
    catalog: {
      locations: [{ type: 'file', target: options.catalogFile }],
    },
    auth: { providers: { guest: { userEntityRef: options.user } } },
    specmesh: {
      clusters: [
        {
          name: 'local',
          brokers: options.infra.kafka.brokers,
          clientId: 'meshport-two-replicas-test',
          sasl: { mechanism, username, password },
          schemaRegistry: { url: options.infra.registry.url },
          autoApply: true,
        },
      ],
      // Strings: config merges app-config.yaml's objects key by key.
      reconcile: {
        schedule: {
          frequency: options.reconcileEvery,
          timeout: 'PT2M',
          initialDelay: 'PT1S',
        },
      },
      chargeback: {
        schedule: {
          frequency: options.collectEvery,
          timeout: 'PT2M',
          initialDelay: 'PT1S',
        },
      },
      applyLock: { expirySeconds: options.lockExpirySeconds },
    },
  };
}

/**
 * Starts the demo backend as `backstage-cli package start` runs it (through
 * the Node transform, no build), without its file watcher, in a process group
 * of its own; resolves once it reports ready.
 */
export async function startReplica(
  name: string,
  dir: string,
  config: object,
): Promise<Replica> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const configFile = path.join(dir, `app-config.${name}.yaml`);
  fs.writeFileSync(
    configFile,
    yaml.stringify({
      ...config,
      backend: {
        ...(config as { backend: object }).backend,
        baseUrl: url,
        listen: { port },
      },
    }),
    { mode: 0o600 },
  );
  const log = path.join(dir, `${name}.log`);
  const out = fs.openSync(log, 'a');
  const child = spawn(
    process.execPath,
    [
      '--require',
      NODE_TRANSFORM,
      'src/index',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      // Development mode, as the demo: guest sign-in needs it.
      env: { ...process.env, NODE_ENV: 'development', FORCE_COLOR: '0' },
      stdio: ['ignore', out, out],
      detached: true,
    },
  );
  fs.closeSync(out);
  const replica = { name, url, log, process: child };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (response.ok) return replica;
    } catch {
      // Not listening yet.
    }
    await sleep(1000);
  }
  stopReplica(replica, 'SIGKILL');
  throw new Error(
    `Replica ${name} did not become ready; the end of its log:\n${tail(log)}`,
  );
}

/** Signals the replica's whole process group. */
export function stopReplica(replica: Replica, signal: NodeJS.Signals): void {
  try {
    process.kill(-replica.process.pid!, signal);
  } catch {
    // Gone already.
  }
}

/** Resolves once the replica's process has exited. */
export async function exited(replica: Replica): Promise<void> {
  const child = replica.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise(resolve => child.once('exit', resolve));
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The log's lines, without colours. */
export function logLines(replica: Replica): string[] {
  return (
    fs
      .readFileSync(replica.log, 'utf8')
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
  );
}

/** A Backstage token of the guest, who signs in as the test's user. */
export async function guestToken(replica: Replica): Promise<string> {
  const response = await fetch(`${replica.url}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(`Guest sign-in on ${replica.name}: ${response.status}`);
  }
  const body = await response.json();
  return body.backstageIdentity.token;
}

/** Retries `attempt` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs = 120_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Waited ${timeoutMs / 1000} s in vain for ${what}`);
    }
    await sleep(intervalMs);
  }
}
