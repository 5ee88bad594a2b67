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
 * The reconcile's cycle at scale on the local broker (the harness's, reused when
 * running): `--products` generated data products of `--topics` topics each
 * (1 partition, a retention config, grants on the protected ones, `--schemas`
 * JSON schemas each) are provisioned, then one reconcile cycle's work runs as
 * the backend does it: DataProductProvisioner.statuses (one snapshot of the
 * cluster, every data product planned against it) and a drift row written for
 * each, into the plugin's tables on SQLite. Requests are counted on the wire
 * (Kafka) and per call (registry). For comparison, the same at a tenth of the
 * products, and the former path (one live read per data product) on a sample,
 * extrapolated. Everything the bench creates is deleted again.
 *
 *   bench/run reconcile-scale [--products 1000] [--topics 10] [--schemas 1]
 *     [--private [--kafka-heap 3g]]
 *   bench/run reconcile-scale --clean   (removes what an interrupted run left)
 *
 * 1,000 data products are 10,000 partitions: more than the shared test broker's
 * 512 MB heap holds. Run them on a broker of the bench's own (`--private`, see
 * benchInfra.ts) or on one started by hand with a larger heap.
 */
import {
  computeDesiredState,
  DesiredState,
} from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  ConfluentSchemaRegistryAdmin,
  createKafkaClient,
  KafkaClusterAdmin,
  Provisioner,
  SchemaRegistryAdmin,
} from '@meshport/plugin-specmesh-node';
import type { RunningInfra } from '@meshport/dev-infra';
import knexFactory from 'knex';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DriftStore } from '../plugins/specmesh-backend/src/database/DriftStore';
import { migrateDatabase } from '../plugins/specmesh-backend/src/database/migrateDatabase';
import { DataProductProvisioner } from '../plugins/specmesh-backend/src/provisioning/DataProductProvisioner';
import type { ProvisioningTarget } from '../plugins/specmesh-backend/src/service/DataProductReader';
import { benchInfra, infraLine } from './benchInfra';
import { numberOption } from './catalogSpecs';
import { provisionAll, removeAll } from './reconcileScaleSetup';

const CYCLE_GOAL_S = 60;
const HANDSHAKE = new Set(['ApiVersions', 'SaslHandshake', 'SaslAuthenticate']);
/** Data products planned one by one for the former path's figure. */
const FORMER_SAMPLE = 20;

const products = numberOption('products', 1000);
const topicsEach = numberOption('topics', 10);
const schemasEach = numberOption('schemas', 1);

const kafkaCounts = new Map<string, number>();
const registryCounts = new Map<string, number>();

function take(counts: Map<string, number>): Map<string, number> {
  const taken = new Map(counts);
  counts.clear();
  return taken;
}
const total = (counts: Map<string, number>) =>
  [...counts.values()].reduce((sum, n) => sum + n, 0);
const byApi = (counts: Map<string, number>) =>
  [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([api, n]) => `${api} ${n}`)
    .join(', ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Counts each registry call, passing it on to the real registry. */
function counting(registry: SchemaRegistryAdmin): SchemaRegistryAdmin {
  return new Proxy(registry, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const key = String(name);
        registryCounts.set(key, (registryCounts.get(key) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
}

function desiredOf(index: number): DesiredState {
  const appId = `rscale.d${index % 17}.p${index}`;
  const levels = ['_public', '_protected', '_private'];
  const channels = Object.fromEntries(
    Array.from({ length: topicsEach }, (_, c) => {
      const level = levels[c % 3];
      const tags =
        level === '_protected'
          ? [{ name: `grant-access:rscale.reader${c}` }]
          : [];
      const payload =
        c < schemasEach
          ? {
              title: `Event${c}`,
              type: 'object',
              properties: { id: { type: 'string' } },
            }
          : undefined;
      return [
        `${level}.events_${c}`,
        {
          bindings: {
            kafka: { partitions: 1, configs: { 'retention.ms': '3600000' } },
          },
          publish: { tags, ...(payload ? { message: { payload } } : {}) },
        },
      ];
    }),
  );
  const { state, problems } = computeDesiredState({
    asyncapi: '2.6.0',
    id: `urn:${appId}`,
    info: { title: appId, version: '1.0.0' },
    channels,
  });
  if (!state) throw new Error(JSON.stringify(problems, null, 2));
  return state;
}

async function main() {
  const infra: RunningInfra = await benchInfra();
  const cluster: ClusterConfig = {
    name: 'local',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    schemaRegistry: { url: infra.registry.url },
  } as ClusterConfig;
  const admin = createKafkaClient({
    name: cluster.name,
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
  }).admin();
  admin.on(admin.events.REQUEST, event => {
    const api = event.payload.apiName;
    if (!HANDSHAKE.has(api))
      kafkaCounts.set(api, (kafkaCounts.get(api) ?? 0) + 1);
  });
  const kafka = new KafkaClusterAdmin(admin);
  await kafka.connect();
  const registry = new ConfluentSchemaRegistryAdmin({
    url: infra.registry.url,
  });
  const provisioner = new Provisioner({ kafka, registry: counting(registry) });
  const states = Array.from({ length: products }, (_, index) =>
    desiredOf(index),
  );
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    console.log(
      `Machine: ${os.cpus().length} cores, load ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}; ` +
        `${products} data products × ${topicsEach} topics, ${schemasEach} schema(s) each`,
    );
    console.log(infraLine(infra));
    if (process.argv.includes('--clean')) return; // only the clean-up below
    let started = performance.now();
    await provisionAll(kafka, provisioner, states);
    console.log(
      `Setup (provisioning, not measured against a goal): ${seconds(
        performance.now() - started,
      )}`,
    );

    await migrateDatabase(knex);
    const drift = new DriftStore(knex);
    const statuses = new DataProductProvisioner({
      provisioners: { forCluster: async () => provisioner },
      knownAppIds: async () => states.map(state => state.appId),
      locks: undefined as never,
      history: undefined as never,
      statusCache: { ttlMs: 10_000, maxEntries: 1000 },
    });
    const targets = (subset: DesiredState[]): ProvisioningTarget[] =>
      subset.map(desired => ({
        entityRef: `api:default/${desired.appId}`,
        cluster,
        desired,
      })) as ProvisioningTarget[];

    const cycle = async (subset: DesiredState[]) => {
      take(kafkaCounts);
      take(registryCounts);
      const begin = performance.now();
      const found = await statuses.statuses(cluster, targets(subset));
      for (const status of found) await drift.recordStatus(status);
      const ms = performance.now() - begin;
      const drifted = found.filter(
        status => status.status !== 'in-sync',
      ).length;
      return {
        ms,
        drifted,
        kafka: take(kafkaCounts),
        registry: take(registryCounts),
      };
    };

    const tenth = await cycle(states.slice(0, Math.max(1, products / 10)));
    const first = await cycle(states);
    const second = await cycle(states);
    for (const [label, run] of [
      [`cycle 1, ${products} data products`, first],
      [`cycle 2, ${products} data products`, second],
      [`cycle, ${Math.max(1, products / 10)} data products`, tenth],
    ] as const) {
      console.log(
        `Reconcile ${label}: ${seconds(run.ms)} (goal ≤ ${CYCLE_GOAL_S} s), ${
          run.drifted
        } not in sync; ` +
          `Kafka reads ${total(run.kafka)} (${byApi(
            run.kafka,
          )}), registry reads ${total(run.registry)} (${byApi(run.registry)})`,
      );
    }
    // Topics, configs and ACLs are read in batches of 1,000 topics (DescribeConfigs,
    // with the Metadata refresh kafkajs sends before each call): what a cycle may read
    // depends on the topics, never on how many data products hold them.
    const readBound = (topicCount: number) =>
      3 + 2 * Math.ceil(topicCount / 1000);
    const tenthProducts = Math.max(1, products / 10);
    const bounded =
      total(first.kafka) <= readBound(products * topicsEach) &&
      total(tenth.kafka) <= readBound(tenthProducts * topicsEach);
    console.log(
      `Kafka reads per cycle: ${total(
        first.kafka,
      )} for ${products} data products (${
        products * topicsEach
      } topics), ${total(tenth.kafka)} for ${tenthProducts} (${
        tenthProducts * topicsEach
      } topics); goal: independent of the number of data products, at most 3 + 2 per 1,000 topics ` +
        `(the topic, config and ACL reads in batches): ${
          bounded ? 'met' : 'MISSED'
        }. ` +
        `Registry: 1 subject list per cycle, then 2 reads per declared subject that exists ` +
        `and 1 per declared subject the list leaves out (new, or past the registry's list cap).`,
    );

    // The former path: one live read (and plan) per data product.
    take(kafkaCounts);
    started = performance.now();
    for (const desired of states.slice(0, FORMER_SAMPLE))
      await provisioner.plan(desired);
    const perProduct = (performance.now() - started) / FORMER_SAMPLE;
    const formerReads = total(take(kafkaCounts)) / FORMER_SAMPLE;
    console.log(
      `Former path (a read per data product), sampled on ${FORMER_SAMPLE}: ${perProduct.toFixed(
        0,
      )} ms and ${formerReads} Kafka reads each → ` +
        `≈ ${seconds(perProduct * products)} and ${Math.round(
          formerReads * products,
        )} Kafka reads per cycle of ${products}`,
    );
  } finally {
    await knex.destroy();
    await removeAll(kafka, registry, infra.registry.url, states);
    await kafka.disconnect();
    await infra.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
