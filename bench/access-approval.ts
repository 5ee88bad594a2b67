/*
 * Copyright 2026 The Meshport Authors
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
 * Time from an owner's approval to working access, on the local broker (the
 * harness's, reused when running): approval → spec change (the demo's
 * local-file proposal: editGrantAccess on the spec file, written atomically)
 * → apply (the judge's desired state from the file, planned and applied as
 * the reconcile does, ACLs awaited) → first successful read by the requesting
 * app-id's SASL user through a group under its own prefix → the grant check
 * says `granted`. The waits of the demo's schedule (the catalog's refresh of
 * the file, the next reconcile) are printed from its configuration, not
 * slept through. Everything the bench creates is deleted again.
 *
 *   bench/run access-approval [--runs 3] [--private]
 */
import { ConfigReader } from '@backstage/config';
import { startInfra, startOrReuseInfra } from '@meshport/dev-infra';
import {
  connectProvisioner,
  KafkaClusterAdmin,
  readClusterConfigs,
  readPrincipalMap,
} from '@meshport/plugin-specmesh-node';
import fs from 'node:fs';
import knexFactory from 'knex';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { readFirstMessage } from '../plugins/specmesh-backend/src/access/__testUtils__/readFirstMessage';
import { benchAccessRequests, fileCatalog, spec } from './accessBench';
import { migrateDatabase } from '../plugins/specmesh-backend/src/database/migrateDatabase';
import { DataProductReader } from '../plugins/specmesh-backend/src/service/DataProductReader';
import { numberOption } from './catalogSpecs';

const WORK_GOAL_S = 30;
/**
 * The demo's waits: the catalog's default processing interval (at most; the
 * approval asks for a refresh of the owner's entity, so usually far less) and
 * app-config.yaml's reconcile.
 */
const CATALOG_REFRESH_MAX_S = 150;
const DEMO_RECONCILE_S = 120;
/** A pool user of the harness's broker, mapped onto the reader's app-id. */
const READER_USER = 'meshport.test.u14';
const runs = numberOption('runs', 3);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function main() {
  // --private: a broker of its own, when the shared one is busy with others' work.
  const privateDir = process.argv.includes('--private')
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'access-approval-infra-'))
    : undefined;
  const infra = privateDir
    ? await startInfra({ users: [READER_USER], runDir: privateDir })
    : await startOrReuseInfra({ users: [READER_USER] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-approval-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await migrateDatabase(knex);
  const admin = new Kafka({
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  const rows: Array<Record<string, number>> = [];
  const cleanup: string[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const suffix = `${Date.now().toString(36)}${run}`;
      const ownerAppId = `abench.o${suffix}`;
      const readerAppId = `abench.r${suffix}`;
      cleanup.push(ownerAppId, readerAppId);
      const topic = `${ownerAppId}._protected.orders`;
      const files = {
        [ownerAppId]: path.join(dir, `${ownerAppId}.yaml`),
        [readerAppId]: path.join(dir, `${readerAppId}.yaml`),
      };
      fs.writeFileSync(
        files[ownerAppId],
        spec(ownerAppId, '_protected.orders'),
      );
      fs.writeFileSync(files[readerAppId], spec(readerAppId, '_private.notes'));
      const config = new ConfigReader({
        specmesh: {
          principals: [
            { appId: readerAppId, principal: `User:${READER_USER}` },
          ],
          clusters: [
            {
              name: 'local',
              brokers: infra.kafka.brokers,
              sasl: infra.kafka.sasl,
              schemaRegistry: { url: infra.registry.url },
            },
          ],
        },
      });
      const clusters = readClusterConfigs(config);
      const catalog = fileCatalog(files);
      const dataProducts = new DataProductReader({
        catalog,
        clusters,
        principalMap: readPrincipalMap(config),
      });
      const { provisioner, disconnect } = await connectProvisioner(clusters[0]);
      // The reconcile's work for one data product: judge, plan, apply (ACLs awaited).
      const apply = async (appId: string) => {
        const entity = (await catalog.getEntityByRef(
          `api:default/${appId}`,
          {} as any,
        ))!;
        const { desired } = await dataProducts.targetOf(entity);
        const result = await provisioner.apply(await provisioner.plan(desired));
        const failed = result.items.filter(item => item.state === 'FAILED');
        if (failed.length)
          throw new Error(
            `Apply of ${appId} failed: ${JSON.stringify(failed)}`,
          );
      };
      await apply(ownerAppId);
      await apply(readerAppId);
      const producer = new Kafka({
        brokers: infra.kafka.brokers,
        sasl: infra.kafka.sasl,
        logLevel: logLevel.NOTHING,
      }).producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'order-1' }] });
      await producer.disconnect();

      const access = benchAccessRequests({
        knex,
        catalog,
        dataProducts,
        files,
      });
      const user = {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      } as any;
      const before = await readFirstMessage(infra, {
        username: READER_USER,
        groupId: `${readerAppId}.before`,
        topic,
      });
      if (before.read)
        throw new Error(
          'The reader could read before the grant: the bench measures nothing',
        );
      const { request } = await access.requests.create(
        {
          topic,
          requesterEntityRef: `api:default/${readerAppId}`,
          reason: 'bench',
        },
        user,
      );

      const t0 = performance.now();
      const decided = await access.requests.decide(
        request!.id,
        { decision: 'approve' },
        user,
      );
      if (decided.state !== 'approved')
        throw new Error(
          `Approval ended ${decided.state}: ${decided.proposal?.error}`,
        );
      const t1 = performance.now();
      await apply(ownerAppId);
      const t2 = performance.now();
      let attempt = 0;
      for (;;) {
        const outcome = await readFirstMessage(infra, {
          username: READER_USER,
          groupId: `${readerAppId}.after${attempt++}`,
          topic,
          timeoutMs: 30_000,
        });
        if (outcome.read) break;
        if (performance.now() - t2 > 60_000)
          throw new Error(
            `Still refused a minute after the apply: ${outcome.message}`,
          );
      }
      const t3 = performance.now();
      const granted = await access.requests.get(request!.id);
      const t4 = performance.now();
      if (granted.state !== 'granted')
        throw new Error(`Grant check says ${granted.state}`);
      await disconnect();
      await access.close();
      rows.push({
        proposal: t1 - t0,
        apply: t2 - t1,
        firstRead: t3 - t2,
        grantCheck: t4 - t3,
        work: t3 - t0,
        readAttempts: attempt,
      });
    }
  } finally {
    const kafka = new KafkaClusterAdmin(admin);
    for (const appId of cleanup) {
      const { topics, acls } = await kafka.describeNamespace(
        appId,
        `User:${appId}`,
      );
      await kafka.deleteTopics(topics.map(t => t.name));
      await kafka.deleteAcls(
        acls.filter(binding => binding.resourceType !== 'CLUSTER'),
      );
    }
    await admin.disconnect();
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    await infra.stop();
    if (privateDir) fs.rmSync(privateDir, { recursive: true, force: true });
  }

  const worst = (key: string) => Math.max(...rows.map(row => row[key]));
  const median = (key: string) =>
    rows.map(row => row[key]).sort((a, b) => a - b)[
      Math.floor(rows.length / 2)
    ];
  const [load1] = os.loadavg();
  console.log(
    `access-approval: ${runs} run(s), ${
      os.cpus().length
    } CPUs, load ${load1.toFixed(2)}`,
  );
  console.log(
    `  approval -> spec change (local-file proposal):  median ${seconds(
      median('proposal'),
    )}, worst ${seconds(worst('proposal'))}`,
  );
  console.log(
    `  spec change -> applied (judge, plan, apply):    median ${seconds(
      median('apply'),
    )}, worst ${seconds(worst('apply'))}`,
  );
  console.log(
    `  applied -> first successful read:                median ${seconds(
      median('firstRead'),
    )}, worst ${seconds(worst('firstRead'))} (${worst(
      'readAttempts',
    )} attempt(s) at most)`,
  );
  console.log(
    `  grant check -> granted (GET, one ACL read):      median ${seconds(
      median('grantCheck'),
    )}`,
  );
  const work = worst('work');
  console.log(
    `  approval -> first read, the work:                worst ${seconds(
      work,
    )} (goal <= ${WORK_GOAL_S} s: ${
      work <= WORK_GOAL_S * 1000 ? 'met' : 'MISSED'
    })`,
  );
  console.log(
    `  demo schedule waits (configured, not measured): next reconcile <= ${DEMO_RECONCILE_S} s; catalog refresh requested at approval (its loop's interval, <= ${CATALOG_REFRESH_MAX_S} s, if the request is lost)`,
  );
  console.log(
    `  => demo approval -> first read: work + next reconcile <= ${seconds(
      work + DEMO_RECONCILE_S * 1000,
    )} (an owner's apply once the catalog shows the grant skips the reconcile wait); without the refresh <= ${seconds(
      work + (CATALOG_REFRESH_MAX_S + DEMO_RECONCILE_S) * 1000,
    )}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
