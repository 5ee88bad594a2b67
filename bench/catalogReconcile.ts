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
 * catalog-ingest's `--reconcile`: the SpecMesh backend plugin in the same
 * backend, its cluster the bench's broker (see benchInfra.ts), its reconcile
 * scheduled but run once, when the bench says so, after the ingest. The data
 * products' topics, bindings and schemas are provisioned beforehand (not
 * measured), so the reconcile reads a cluster that holds them all, as a
 * reconciled mesh's does. They are provisioned by a child process
 * (`catalog-ingest --provision-only`): provisioning 8,000 topics and schemas
 * grows a process's V8 heap, which it keeps committed after the garbage is
 * collected, and the process measured is the backend's alone.
 */
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import specmeshPlugin from '@meshport/plugin-specmesh-backend';
import {
  computeDesiredState,
  DesiredState,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';
import {
  ConfluentSchemaRegistryAdmin,
  createKafkaClient,
  KafkaClusterAdmin,
  Provisioner,
} from '@meshport/plugin-specmesh-node';
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import request from 'supertest';
import { benchInfra, infraLine } from './benchInfra';
import { provisionAll, removeAll } from './reconcileScaleSetup';

const RECONCILE_TASK = 'specmesh-reconcile';
const RSS_SAMPLE_MS = 100;

/** The process's memory after a full garbage collection, in whole MB. */
function collectedMemoryMb(): Record<keyof NodeJS.MemoryUsage, number> {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const usage = process.memoryUsage();
  return Object.fromEntries(
    Object.entries(usage).map(([key, bytes]) => [
      key,
      Math.round(bytes / 1024 / 1024),
    ]),
  ) as Record<keyof NodeJS.MemoryUsage, number>;
}

function desiredOf(text: string): DesiredState {
  const parsed = parseSpecText(text);
  const { state, problems } = computeDesiredState(parsed.document);
  if (!state) {
    throw new Error(JSON.stringify([...parsed.problems, ...problems], null, 2));
  }
  return state;
}

/** The plugin's reconcile, its cluster, and the setup and clean-up around them. */
export async function meshReconcile(specTexts: () => string[]) {
  const infra = await benchInfra();
  let scheduler: SchedulerService | undefined;
  // The test backend's scheduler runs a task only when triggered: keep the
  // plugin's, to trigger its reconcile.
  const schedulerOfSpecmesh = createBackendModule({
    pluginId: 'specmesh',
    moduleId: 'bench-scheduler',
    register(env) {
      env.registerInit({
        deps: { pluginScheduler: coreServices.scheduler },
        async init({ pluginScheduler }) {
          scheduler = pluginScheduler;
        },
      });
    },
  });
  const cluster = {
    name: 'local',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    schemaRegistry: { url: infra.registry.url },
  };
  // Made again for the set-up and clean-up, not kept: the bench's process is
  // the one measured.
  const states = () => specTexts().map(desiredOf);
  const count = specTexts().length;
  const kafka = new KafkaClusterAdmin(
    createKafkaClient({
      brokers: infra.kafka.brokers,
      sasl: infra.kafka.sasl,
    }).admin(),
  );
  const registry = new ConfluentSchemaRegistryAdmin({
    url: infra.registry.url,
  });
  let provisioned = false;
  let provisionMs = 0;

  return {
    features: [specmeshPlugin, schedulerOfSpecmesh],
    config: {
      specmesh: {
        clusters: [cluster],
        reconcile: {
          schedule: {
            frequency: { minutes: 60 },
            timeout: { minutes: 30 },
            initialDelay: { minutes: 60 },
          },
        },
      },
    },
    infraLine: infraLine(infra),
    /**
     * Provisions every data product on the broker, before the backend starts,
     * in a child process given `childArgs` (the same specs) and
     * `--provision-only`, which calls {@link provisionHere}.
     */
    async provision(childArgs: string[]): Promise<void> {
      if (count === 0) return;
      const started = performance.now();
      provisioned = true;
      // The child reuses this process's broker: benchInfra exported its file.
      execFileSync('bench/run', [...childArgs, '--provision-only'], {
        stdio: 'inherit',
      });
      provisionMs = performance.now() - started;
    },
    /** The provisioning itself, in the child process. */
    async provisionHere(): Promise<void> {
      await kafka.connect();
      try {
        await provisionAll(
          kafka,
          new Provisioner({ kafka, registry }),
          states(),
        );
      } finally {
        await kafka.disconnect();
      }
    },
    /** The reconcile once, after the ingest, and what it found: lines to print. */
    async runOnce(server: Server): Promise<string[]> {
      const run = await this.reconcile();
      const res = await request(server)
        .get('/api/specmesh/drift')
        .set('Authorization', mockCredentials.user.header());
      if (res.status !== 200) {
        throw new Error(`drift report: ${res.status} ${res.text}`);
      }
      const byStatus = new Map<string, number>();
      for (const item of (res.body.items ?? []) as { status: string }[]) {
        byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
      }
      const memory = collectedMemoryMb();
      return [
        `setup, in another process before the backend started (not measured): ${count} data products provisioned in ${(
          provisionMs / 1000
        ).toFixed(1)} s`,
        `the plugin's reconcile, once after the ingest: ${(
          run.ms / 1000
        ).toFixed(1)} s, drift table ${JSON.stringify(
          Object.fromEntries(byStatus),
        )}; peak RSS meanwhile ${run.peakRssMb.toFixed(1)} MB`,
        `after it, garbage collected: RSS ${memory.rss} MB, of which V8 heap used ${memory.heapUsed} MB, ` +
          `external ${memory.external} MB (array buffers ${memory.arrayBuffers} MB)`,
      ];
    },
    /** Runs the plugin's reconcile once: its time and the peak RSS meanwhile. */
    async reconcile(): Promise<{ ms: number; peakRssMb: number }> {
      if (!scheduler) throw new Error('the specmesh plugin did not start');
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, RSS_SAMPLE_MS);
      const started = performance.now();
      try {
        await scheduler.triggerTask(RECONCILE_TASK);
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      return { ms: performance.now() - started, peakRssMb: peak / 1024 / 1024 };
    },
    /** Deletes what provision() made; stops a broker the bench started. */
    async close(): Promise<void> {
      try {
        if (provisioned) {
          await kafka.connect();
          await removeAll(kafka, registry, infra.registry.url, states());
          await kafka.disconnect();
        }
      } finally {
        await infra.stop();
      }
    },
  };
}
