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
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  exited,
  guestToken,
  logLines,
  Replica,
  sharedConfig,
  sleep,
  startReplica,
  stopReplica,
  tail,
} from './replicas';

const USER = 'user:default/replica-tester';

/** The Postgres server of the test databases (scripts/lib/postgres.sh exports it). */
function postgresUrl(): string {
  const key = Object.keys(process.env).find(name =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  );
  if (!key) {
    throw new Error(
      'The two-replica test needs PostgreSQL: start it and export BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (scripts/lib/postgres.sh ensure_postgres does both)',
    );
  }
  return process.env[key]!;
}

/** A data product of three topics, owned by the test's user, in the test's catalog file. */
function writeCatalog(dir: string, appId: string): string {
  const spec = {
    asyncapi: '2.5.0',
    id: `urn:${appId}`,
    info: { title: 'Two replicas', version: '1.0.0' },
    channels: Object.fromEntries(
      ['_public.events', '_protected.orders', '_private.state'].map(name => [
        name,
        { bindings: { kafka: { partitions: 1 } }, publish: { message: {} } },
      ]),
    ),
  };
  fs.writeFileSync(path.join(dir, 'asyncapi.yaml'), yaml.stringify(spec));
  const entities = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: USER.split('/')[1] },
      spec: { memberOf: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: appId,
        annotations: { 'meshport.dev/data-product': 'true' },
      },
      spec: {
        type: 'asyncapi',
        lifecycle: 'production',
        owner: USER,
        definition: { $text: './asyncapi.yaml' },
      },
    },
  ];
  const file = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(file, entities.map(e => yaml.stringify(e)).join('---\n'));
  return file;
}

/** Two replicas of the demo backend on one fresh database set, and what the test reads. */
export class TwoReplicaFixture {
  readonly user = USER;
  readonly entityRef: string;
  private readonly tokens = new Map<Replica, string>();

  private constructor(
    readonly appId: string,
    readonly a: Replica,
    readonly b: Replica,
    readonly db: Knex,
    private readonly cleanup: {
      dir: string;
      postgres: string;
      prefix: string;
      infra: InfraConnection;
      stopInfra: () => Promise<void>;
    },
  ) {
    this.entityRef = `api:default/${appId}`;
  }

  static async start(options: {
    reconcileEverySeconds: number;
    collectEverySeconds: number;
    lockExpirySeconds: number;
  }): Promise<TwoReplicaFixture> {
    const postgres = postgresUrl();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-replicas-'));
    const infra = await startOrReuseInfra({ runDir: dir });
    const suffix = `${Date.now().toString(36)}${Math.random()
      .toString(36)
      .slice(2, 6)}`;
    const appId = `replicas.r${suffix}`;
    // One database set per test run (Backstage makes <prefix><plugin id>).
    const prefix = `meshport_replicas_${suffix}_`;
    const config = sharedConfig({
      postgres,
      prefix,
      catalogFile: writeCatalog(dir, appId),
      infra,
      user: USER,
      lockExpirySeconds: options.lockExpirySeconds,
      reconcileEvery: `PT${options.reconcileEverySeconds}S`,
      collectEvery: `PT${options.collectEverySeconds}S`,
    });
    // One after the other: Backstage's own plugins (the catalog's migrations)
    // fail a replica that starts on a fresh database while another migrates it.
    const a = await startReplica('a', dir, config);
    const b = await startReplica('b', dir, config).catch(async error => {
      stopReplica(a, 'SIGKILL');
      throw error;
    });
    const db = knexFactory({
      client: 'pg',
      connection: `${postgres}/${prefix}specmesh`,
      pool: { min: 0, max: 4 },
    });
    return new TwoReplicaFixture(appId, a, b, db, {
      dir,
      postgres,
      prefix,
      infra,
      stopInfra: () => infra.stop(),
    });
  }

  /** POSTs an apply of the data product to a replica, as its owner. */
  async apply(replica: Replica): Promise<{ status: number; body: any }> {
    let token = this.tokens.get(replica);
    if (!token) {
      token = await guestToken(replica);
      this.tokens.set(replica, token);
    }
    const response = await fetch(
      `${replica.url}/api/specmesh/entities/api/default/${this.appId}/apply`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: '{}',
      },
    );
    return { status: response.status, body: await response.json() };
  }

  async stop(): Promise<void> {
    for (const replica of [this.a, this.b]) {
      stopReplica(replica, 'SIGTERM');
      await Promise.race([exited(replica), sleep(20_000)]);
      stopReplica(replica, 'SIGKILL');
    }
    await this.db.destroy();
    const { postgres, prefix, infra, dir } = this.cleanup;
    const admin = knexFactory({
      client: 'pg',
      connection: `${postgres}/postgres`,
    });
    try {
      const { rows } = await admin.raw(
        'SELECT datname FROM pg_database WHERE datname LIKE ?',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
      }
    } finally {
      await admin.destroy();
    }
    const kafka = KafkaClusterAdmin.create({
      brokers: infra.kafka.brokers,
      sasl: infra.kafka.sasl,
    } as any);
    await kafka.connect();
    try {
      const { topics, acls } = await kafka.describeNamespace(
        this.appId,
        `User:${this.appId}`,
      );
      await kafka.deleteTopics(topics.map(topic => topic.name));
      await kafka.deleteAcls(acls);
    } finally {
      await kafka.disconnect();
    }
    await this.cleanup.stopInfra();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  /** The end of each replica's log, for a failing test's message. */
  logs(): string {
    return [this.a, this.b]
      .map(r => `--- ${r.name}\n${tail(r.log)}`)
      .join('\n');
  }
}

/** When each replica logged a line matching `pattern` between `from` and `to`. */
export function runsWithin(
  replicas: Replica[],
  pattern: RegExp,
  from: number,
  to: number,
): Date[] {
  return replicas
    .flatMap(replica => logLines(replica))
    .filter(line => pattern.test(line))
    .map(line => new Date(line.split(' ')[0]))
    .filter(at => at.getTime() >= from && at.getTime() <= to);
}

/**
 * Starts applies of `appId` through `start` until one is caught running, then
 * holds its history row (SELECT … FOR UPDATE): the apply keeps its app-id lock
 * and waits at its next history write until `release`.
 */
export async function holdRunningApply(
  db: Knex,
  appId: string,
  actor: string,
  start: () => Promise<{ status: number; body: any }>,
): Promise<{
  id: string;
  response: Promise<{ status: number; body: any }>;
  release(): Promise<void>;
  /** Ends the database sessions waiting on the held row (a killed replica's). */
  dropBlockedSessions(): Promise<void>;
}> {
  for (let attempt = 1; attempt <= 10; attempt++) {
    let settled = false;
    // A replica killed while holding the apply answers nothing: status 0.
    const response = start()
      .catch(error => ({
        status: 0,
        body: { error: { message: String(error) } },
      }))
      .finally(() => {
        settled = true;
      });
    while (!settled) {
      const trx = await db.transaction();
      const row = await trx('specmesh_applies')
        .where({ app_id: appId, actor, status: 'running' })
        .forUpdate()
        .first();
      if (row) {
        const [{ pid }] = (await trx.raw('select pg_backend_pid() as pid'))
          .rows;
        return {
          id: row.id,
          response,
          release: async () => {
            await trx.commit();
          },
          dropBlockedSessions: async () => {
            // A killed replica's statement that already waits on the held row is
            // not cancelled by Postgres when the client's socket closes: it would
            // run (and commit) on release. The host's death ends those sessions.
            await db.raw(
              'select pg_terminate_backend(pid) from pg_stat_activity where ? = any(pg_blocking_pids(pid))',
              [pid],
            );
          },
        };
      }
      await trx.rollback();
      await sleep(5);
    }
    // It ran to the end (or met the reconcile's lock) before we saw it: again.
    await response;
  }
  throw new Error(`No apply of ${appId} was caught running in 10 attempts`);
}
