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
 * Provisioning on the local broker (the harness's, reused when running): 100 app-ids ×
 * 10 topics, each app-id planned and applied in turn, against the same topics and
 * bindings created
 *   - as raw batched calls: one CreateTopics and one CreateAcls per app-id, and
 *   - as a naive kafkajs loop: one CreateTopics per topic, one CreateAcls per binding.
 * Admin requests are counted on the wire (kafkajs REQUEST events; the SASL handshake
 * of each connection left out). Then plan time against a namespace of 100 and 1,000
 * existing topics on the broker, and the pure planner against a synthetic live state
 * of 100, 1,000 and 10,000 topics. Every topic and binding the bench creates is
 * deleted again.
 *
 *   bench/run provisioning [--apps 100] [--topics 10]
 */
import { performance } from 'node:perf_hooks';
import {
  AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Admin,
  ResourcePatternTypes,
} from 'kafkajs';
import {
  AclBinding,
  computeDesiredState,
  DesiredState,
} from '@meshport/plugin-specmesh-common';
import {
  createKafkaClient,
  KafkaClusterAdmin,
  KafkaConnectionConfig,
  LiveState,
  planProvisioning,
  Provisioner,
} from '@meshport/plugin-specmesh-node';
import { RunningInfra, startOrReuseInfra } from '@meshport/dev-infra';

const PLAN_GOAL_MS = 1000;
const APPLY_OVER_RAW_GOAL = 1.5;
const LOOP_OVER_APPLY_GOAL = 10;
const HANDSHAKE = new Set(['ApiVersions', 'SaslHandshake', 'SaslAuthenticate']);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** A kafkajs admin whose requests are counted by API name. */
class CountedAdmin {
  readonly admin: Admin;
  private counts = new Map<string, number>();

  constructor(connection: KafkaConnectionConfig) {
    this.admin = createKafkaClient(connection).admin();
    this.admin.on(this.admin.events.REQUEST, event => {
      const api = event.payload.apiName;
      if (!HANDSHAKE.has(api))
        this.counts.set(api, (this.counts.get(api) ?? 0) + 1);
    });
  }

  /** The requests since the last call, by API name. */
  take(): Map<string, number> {
    const counts = this.counts;
    this.counts = new Map();
    return counts;
  }
}

const total = (counts: Map<string, number>) =>
  [...counts.values()].reduce((sum, n) => sum + n, 0);

const byApi = (counts: Map<string, number>) =>
  [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([api, n]) => `${api} ${n}`)
    .join(', ');

/** An app-id's spec: `topics` owned channels across the three levels, grants on the protected ones. */
function desiredOf(appId: string, topics: number): DesiredState {
  const levels = ['_public', '_protected', '_private'];
  const channels = Object.fromEntries(
    Array.from({ length: topics }, (_, i) => {
      const level = levels[i % 3];
      return [
        `${level}.events-${i}`,
        {
          bindings: {
            kafka: { partitions: 1, configs: { 'retention.ms': '3600000' } },
          },
          publish:
            level === '_protected'
              ? { tags: [{ name: `grant-access:bench.reader${i % 5}` }] }
              : {},
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

/** kafkajs' enums are plain objects keyed by name. */
function aclEntry(binding: AclBinding): AclEntry {
  return {
    resourceType:
      AclResourceTypes[binding.resourceType as keyof typeof AclResourceTypes],
    resourceName: binding.resourceName,
    resourcePatternType: ResourcePatternTypes[binding.patternType],
    principal: binding.principal,
    host: binding.host,
    operation:
      AclOperationTypes[binding.operation as keyof typeof AclOperationTypes],
    permissionType: AclPermissionTypes[binding.permissionType],
  };
}

function topicConfig(state: DesiredState) {
  return state.topics.map(topic => ({
    topic: topic.name,
    numPartitions: topic.partitions ?? -1,
    replicationFactor: topic.replicas ?? -1,
    configEntries: Object.entries(topic.configs).map(([name, value]) => ({
      name,
      value,
    })),
  }));
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const removed = new Set<DesiredState>();

/** Deletes what these desired states created: topics in batches, bindings in one call. */
async function removeAll(admin: Admin, states: readonly DesiredState[]) {
  states.forEach(state => removed.add(state));
  const existing = new Set(
    (await admin.fetchTopicMetadata()).topics.map(topic => topic.name),
  );
  const topics = states
    .flatMap(state => state.topics.map(topic => topic.name))
    .filter(name => existing.has(name));
  for (let i = 0; i < topics.length; i += 500) {
    await admin.deleteTopics({ topics: topics.slice(i, i + 500) });
  }
  const bindings = states
    .flatMap(state => state.acls)
    .filter(binding => binding.resourceType !== 'CLUSTER');
  if (bindings.length > 0) {
    await admin.deleteAcls({ filters: bindings.map(aclEntry) });
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const s = (value: number) => `${(value / 1000).toFixed(2)} s`;

interface MethodRun {
  /** Per app-id: until the requests returned (committed by the controller). */
  commitTimes: number[];
  /** Per app-id: until the broker serves every topic and binding (committed + propagated). */
  servedTimes: number[];
  /** The requests that made the changes. */
  changeRequests: Map<string, number>;
  /** The reads that waited for the broker to serve them. */
  waitRequests: Map<string, number>;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function addTo(into: Map<string, number>, counts: Map<string, number>) {
  counts.forEach((n, api) => into.set(api, (into.get(api) ?? 0) + n));
}

async function main() {
  const apps = option('apps', 100);
  const topicsPerApp = option('topics', 10);
  const run = Date.now().toString(36);
  const infra: RunningInfra = await startOrReuseInfra();
  const connection: KafkaConnectionConfig = {
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    clientId: 'meshport-bench',
  };
  const counted = new CountedAdmin(connection);
  await counted.admin.connect();
  // Apply without its own wait, so that every method waits the same way, timed apart.
  const kafka = new KafkaClusterAdmin(counted.admin, { changeTimeoutMs: 0 });
  const waiter = new KafkaClusterAdmin(counted.admin, {
    changeTimeoutMs: 120_000,
  });
  const provisioner = new Provisioner({ kafka });
  const lines: string[] = [];
  const created: DesiredState[] = [];

  const statesFor = (method: string, count = apps, topics = topicsPerApp) =>
    Array.from({ length: count }, (_, i) =>
      desiredOf(`bench.${run}.${method}.app${i}`, topics),
    );

  /** Runs `commit` for each app-id in turn, then waits until the broker serves its work. */
  async function measure(
    states: DesiredState[],
    commit: (state: DesiredState) => Promise<void>,
  ): Promise<MethodRun> {
    const result: MethodRun = {
      commitTimes: [],
      servedTimes: [],
      changeRequests: new Map(),
      waitRequests: new Map(),
    };
    for (const state of states) {
      counted.take();
      const started = performance.now();
      await commit(state);
      const committed = performance.now();
      addTo(result.changeRequests, counted.take());
      await waiter.awaitChanges({
        createdTopics: state.topics.map(topic => topic.name),
        deletedTopics: [],
        grownTopics: [],
        createdAcls: state.acls,
        deletedAcls: [],
      });
      addTo(result.waitRequests, counted.take());
      result.commitTimes.push(committed - started);
      result.servedTimes.push(performance.now() - started);
    }
    await removeAll(counted.admin, states);
    return result;
  }

  try {
    // Warm-up: connections, metadata, JIT; not measured.
    const warm = statesFor('warm', 3);
    created.push(...warm);
    await measure(warm, async state => {
      await provisioner.apply(await provisioner.plan(state));
    });

    // 1. Raw batched: what the apply must do, with nothing around it.
    const raw = statesFor('raw');
    created.push(...raw);
    const rawRun = await measure(raw, async state => {
      await counted.admin.createTopics({
        waitForLeaders: false,
        topics: topicConfig(state),
      });
      await counted.admin.createAcls({ acl: state.acls.map(aclEntry) });
    });

    // 2. Meshport: plan (timed apart) and apply each app-id.
    const ours = statesFor('meshport');
    created.push(...ours);
    const planTimes: number[] = [];
    const planApis = new Map<string, number>();
    let planRequests = 0;
    const oursApplyTimes: number[] = [];
    let notCreated = 0;
    const oursRun = await measure(ours, async state => {
      counted.take();
      const [plan, planMs] = await timed(() => provisioner.plan(state));
      const planned = counted.take();
      planTimes.push(planMs);
      planRequests = Math.max(planRequests, total(planned));
      addTo(planApis, planned);
      const started = performance.now();
      const result = await provisioner.apply(plan);
      notCreated += result.items.filter(
        item => item.state !== 'CREATED',
      ).length;
      oursApplyTimes.push(performance.now() - started);
    });

    // 3. The naive loop: one request per topic and per binding.
    const loop = statesFor('loop');
    created.push(...loop);
    const loopRun = await measure(loop, async state => {
      for (const topic of topicConfig(state)) {
        await counted.admin.createTopics({
          waitForLeaders: false,
          topics: [topic],
        });
      }
      for (const binding of state.acls) {
        await counted.admin.createAcls({ acl: [aclEntry(binding)] });
      }
    });

    // Meshport's commit time without its plan; served = that plus the same wait.
    const oursCommit = sum(oursApplyTimes);
    const oursServed =
      oursCommit + sum(oursRun.servedTimes) - sum(oursRun.commitTimes);
    const rawCommit = sum(rawRun.commitTimes);
    const rawServed = sum(rawRun.servedTimes);
    const loopCommit = sum(loopRun.commitTimes);
    const loopServed = sum(loopRun.servedTimes);
    const topicCount = apps * topicsPerApp;
    const bindingCount = sum(ours.map(state => state.acls.length));
    const perApp = (requests: Map<string, number>) =>
      `${(total(requests) / apps).toFixed(1)} per app-id (${byApi(requests)})`;
    lines.push(
      `workload: ${apps} app-ids × ${topicsPerApp} topics = ${topicCount} topics, ${bindingCount} ACL bindings, one app-id after the other; broker ${infra.kafka.brokers.join(
        ',',
      )} (Kafka ${infra.kafka.version})`,
      '"returned": until the requests returned (the controller committed the changes);',
      '"served": until the broker serves every topic (Metadata) and binding (DescribeAcls, i.e. enforced).',
      '',
      `meshport plan (empty namespace): total ${s(
        sum(planTimes),
      )}, per app-id median ${ms(median(planTimes))}, max ${ms(
        Math.max(...planTimes),
      )}; ${planRequests} requests at most per plan (${byApi(
        planApis,
      )} over all)`,
      `meshport apply:      returned ${s(oursCommit)}, served ${s(
        oursServed,
      )}; change requests ${perApp(
        oursRun.changeRequests,
      )}; items not CREATED: ${notCreated}`,
      `raw batched:         returned ${s(rawCommit)}, served ${s(
        rawServed,
      )}; change requests ${perApp(rawRun.changeRequests)}`,
      `naive kafkajs loop:  returned ${s(loopCommit)}, served ${s(
        loopServed,
      )}; change requests ${perApp(loopRun.changeRequests)}`,
      `waiting until served took ${perApp(
        oursRun.waitRequests,
      )} after meshport's apply (the same reads for every method)`,
      '',
      `apply / raw batched: ${(oursCommit / rawCommit).toFixed(2)} returned, ${(
        oursServed / rawServed
      ).toFixed(2)} served (goal <= ${APPLY_OVER_RAW_GOAL})`,
      `naive loop / apply:  ${(loopCommit / oursCommit).toFixed(
        1,
      )} returned, ${(loopServed / oursServed).toFixed(
        1,
      )} served (goal >= ${LOOP_OVER_APPLY_GOAL})`,
    );

    // 4. Plan time as one namespace grows, on the broker (its topics exist, so the
    // plan reads their configs too), and after every app-id of the workload exists.
    lines.push('', 'plan of one app-id whose topics all exist, on the broker:');
    for (const size of [10, 100, 1000]) {
      const [state] = statesFor(`scale${size}`, 1, size);
      created.push(state);
      await provisioner.apply(await provisioner.plan(state));
      await waiter.awaitChanges({
        createdTopics: state.topics.map(topic => topic.name),
        deletedTopics: [],
        grownTopics: [],
        createdAcls: state.acls,
        deletedAcls: [],
      });
      counted.take();
      const times: number[] = [];
      let requests = new Map<string, number>();
      let notUnchanged = 0;
      for (let i = 0; i < 5; i++) {
        const [plan, planMs] = await timed(() => provisioner.plan(state));
        times.push(planMs);
        requests = counted.take();
        notUnchanged = plan.items.filter(
          item => item.state !== 'UNCHANGED',
        ).length;
      }
      lines.push(
        `  ${String(size).padStart(5)} topics: median ${ms(
          median(times),
        )} over 5 plans, max ${ms(Math.max(...times))}; ${total(
          requests,
        )} requests per plan (${byApi(
          requests,
        )}); items not UNCHANGED: ${notUnchanged}`,
      );
      await removeAll(counted.admin, [state]);
    }

    // 5. The pure planner (no I/O) against a synthetic live state that matches.
    lines.push(
      '',
      'pure planner (planProvisioning, no I/O) against a synthetic live state:',
    );
    for (const size of [100, 1000, 10000]) {
      const state = desiredOf(`bench.${run}.pure${size}`, size);
      const live: LiveState = {
        topics: state.topics.map(topic => ({
          name: topic.name,
          partitions: topic.partitions ?? 1,
          replicas: 1,
          configs: topic.configs,
        })),
        acls: state.acls,
      };
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const [, planMs] = await timed(async () =>
          planProvisioning(state, live),
        );
        times.push(planMs);
      }
      lines.push(
        `  ${String(size).padStart(5)} topics, ${
          state.acls.length
        } bindings: median ${ms(median(times))} over 5 runs`,
      );
    }
    const slowest = Math.max(...planTimes);
    lines.push(
      '',
      `slowest plan in the workload: ${ms(
        slowest,
      )} (goal <= ${PLAN_GOAL_MS} ms)`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await removeAll(
      counted.admin,
      created.filter(state => !removed.has(state)),
    ).catch(error =>
      process.stderr.write(`cleanup failed: ${(error as Error).message}\n`),
    );
    await counted.admin.disconnect();
    await infra.stop();
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
