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
 * One chargeback collection cycle on the local broker (the harness's, reused when
 * running): 10,000 topics of 1 partition (1,000 app-ids × 10, a few records each) and
 * 1,000 consumer groups, each with offsets committed on 5 topics (OffsetCommit through the admin
 * API, nothing consumed). Prints the cycle time (cold, then over repeated cycles) and the
 * admin requests of a cycle by API, next to a cycle over a single app-id's 10 topics: the
 * request count must not depend on the group count, and grows with topics only by a
 * ListOffsets pair and a Metadata per 1,000 (listOffsetsInBatches). Also times the pure
 * usage and cost computation for two such collections, and the collector's own CPU time
 * in a cycle.
 * Deletes every topic and group it created.
 *
 *   bench/run chargeback-collect [--topics 10000] [--groups 1000] [--cycles 10] [--records 5]
 *     [--private [--kafka-heap 3g]]
 *
 * 10,000 partitions are more than the shared test broker's 512 MB heap holds: run
 * them on a broker of the bench's own (`--private`, see benchInfra.ts) or on one
 * started by hand with a larger heap.
 */
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import {
  Admin,
  connectionsApiChannel,
  protocolAPIsById,
} from '@platformatic/kafka';
import {
  costOfUsage,
  PriceList,
  usageBetween,
} from '@meshport/plugin-specmesh-common';
import {
  ChargebackCollector,
  createChargebackAdmin,
} from '@meshport/plugin-specmesh-node';
import type { RunningInfra } from '@meshport/dev-infra';
import { benchInfra, infraLine } from './benchInfra';
import { machineLine } from './benchPostgres';
import { BENCH_TOPIC, chunks, deleteBenchTopics } from './benchTopics';

// The goal at 10,000 topics × 1,000 groups.
const CYCLE_GOAL_MS = 5000;
const TOPICS_PER_APP = 10;
const TOPICS_PER_GROUP = 5;
const CREATE_BATCH = 250;
const HANDSHAKE = new Set(['ApiVersions', 'SaslHandshake', 'SaslAuthenticate']);
const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** Requests the admin puts on the wire, by API name, without connection handshakes. */
function countRequests(admin: Admin) {
  let counts = new Map<string, number>();
  connectionsApiChannel.start.subscribe(message => {
    const { connection, apiKey } = message as {
      connection: { ownerId?: number };
      apiKey: number;
    };
    const api = protocolAPIsById[apiKey] ?? String(apiKey);
    if (connection.ownerId === admin.instanceId && !HANDSHAKE.has(api)) {
      counts.set(api, (counts.get(api) ?? 0) + 1);
    }
  });
  return () => {
    const taken = counts;
    counts = new Map();
    return taken;
  };
}

function describe(requests: Map<string, number>): string {
  const total = [...requests.values()].reduce((a, b) => a + b, 0);
  const apis = [...requests]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([api, n]) => `${api} ${n}`)
    .join(', ');
  return `${total} (${apis})`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function main() {
  const topicCount = option('topics', 10000);
  const groupCount = option('groups', 1000);
  const cycles = option('cycles', 10);
  // 0 skips producing: the cycle's requests do not depend on it, and a loaded
  // broker may take minutes to elect leaders for 10,000 new partitions.
  const recordsPerTopic = option('records', 5);
  const run = `bench${Date.now().toString(36)}`;
  const appIds = Array.from(
    { length: Math.ceil(topicCount / TOPICS_PER_APP) },
    (_, i) => `${run}.app${i}`,
  );
  const topics = Array.from(
    { length: topicCount },
    (_, i) =>
      `${appIds[Math.floor(i / TOPICS_PER_APP)]}._public.t${
        i % TOPICS_PER_APP
      }`,
  );
  const groups = Array.from(
    { length: groupCount },
    (_, i) => `${appIds[i % appIds.length]}.reader${i}`,
  );

  const infra: RunningInfra = await benchInfra();
  const admin = createChargebackAdmin({
    clientId: 'meshport-bench-chargeback',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
  });
  const kafka = new Kafka({
    clientId: 'meshport-bench-chargeback-producer',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  const created: string[] = [];
  // What an earlier run could not delete (a broker too busy to answer in time).
  await deleteBenchTopics(
    admin,
    (await admin.listTopics()).filter(t => BENCH_TOPIC.test(t)),
  );
  try {
    // Setup: topics in batches, a few records each, offsets committed for every group.
    let started = performance.now();
    for (const batch of chunks(topics, CREATE_BATCH)) {
      await admin.createTopics({ topics: batch, partitions: 1, replicas: 1 });
      created.push(...batch);
    }
    const createMs = performance.now() - started;

    started = performance.now();
    // A broker under load takes a while to elect leaders for thousands of new
    // partitions: produce in slices, with retries long enough to wait for them.
    const producer = kafka.producer({
      retry: { retries: 30, initialRetryTime: 500, maxRetryTime: 10_000 },
    });
    await producer.connect();
    for (const slice of recordsPerTopic > 0 ? chunks(topics, 500) : []) {
      await producer.sendBatch({
        acks: -1,
        topicMessages: slice.map(topic => ({
          topic,
          messages: Array.from({ length: recordsPerTopic }, (_, i) => ({
            value: `record ${i} of ${topic}`.padEnd(200, '.'),
          })),
        })),
      });
    }
    await producer.disconnect();
    const produceMs = performance.now() - started;

    started = performance.now();
    for (const batch of chunks(groups, 20)) {
      await Promise.all(
        batch.map(groupId => {
          const index = groups.indexOf(groupId);
          return admin.alterConsumerGroupOffsets({
            groupId,
            topics: Array.from({ length: TOPICS_PER_GROUP }, (_, j) => ({
              name: topics[(index * 7 + j * 13) % topics.length],
              partitionOffsets: [{ partition: 0, offset: BigInt(1 + (j % 3)) }],
            })),
          });
        }),
      );
    }
    const commitMs = performance.now() - started;

    const collector = new ChargebackCollector(admin);
    const takeRequests = countRequests(admin);

    // Cold: the first cycle opens connections and negotiates API versions.
    started = performance.now();
    const first = await collector.collect(appIds);
    const coldMs = performance.now() - started;
    takeRequests();

    const times: number[] = [];
    let requests = new Map<string, number>();
    let last = first;
    for (let i = 0; i < cycles; i++) {
      started = performance.now();
      last = await collector.collect(appIds);
      times.push(performance.now() - started);
      requests = takeRequests();
    }
    times.sort((a, b) => a - b);

    const small = await collector.collect(appIds.slice(0, 1));
    const smallRequests = takeRequests();

    started = performance.now();
    const usage = usageBetween(first, last);
    const cost = costOfUsage(usage, PRICES);
    const modelMs = performance.now() - started;

    const sampledGroups = new Set(last.groups.map(g => g.groupId)).size;
    const cpu = process.cpuUsage();
    started = performance.now();
    await collector.collect(appIds);
    const cycleCpu = process.cpuUsage(cpu);
    const cpuCycleMs = performance.now() - started;
    takeRequests();
    const median = percentile(times, 0.5);
    console.log(
      [
        machineLine(),
        `Chargeback collection, ${infraLine(infra)}`,
        `setup: ${topicCount} topics created in ${createMs.toFixed(
          0,
        )} ms (batches of ${CREATE_BATCH}), ` +
          `${
            topicCount * recordsPerTopic
          } records produced in ${produceMs.toFixed(0)} ms, ` +
          `offsets of ${groupCount} groups × ${TOPICS_PER_GROUP} topics committed in ${commitMs.toFixed(
            0,
          )} ms`,
        `sampled: ${last.topics.length} topics, ${last.groups.length} group×topic samples of ${sampledGroups} groups`,
        `cycle, cold: ${coldMs.toFixed(0)} ms`,
        `cycle, warm × ${cycles}: median ${median.toFixed(
          0,
        )} ms, p90 ${percentile(times, 0.9).toFixed(0)} ms, ` +
          `max ${times[times.length - 1].toFixed(
            0,
          )} ms (goal ≤ ${CYCLE_GOAL_MS} ms: ${
            times[times.length - 1] <= CYCLE_GOAL_MS ? 'met' : 'MISSED'
          })`,
        `collector process CPU in one cycle: ${(
          (cycleCpu.user + cycleCpu.system) /
          1000
        ).toFixed(0)} ms of ${cpuCycleMs.toFixed(0)} ms wall`,
        `admin requests per cycle, ${last.topics.length} topics: ${describe(
          requests,
        )}`,
        `admin requests per cycle, ${small.topics.length} topics: ${describe(
          smallRequests,
        )}`,
        `usage + cost of the interval (pure): ${modelMs.toFixed(1)} ms, ${
          cost.lines.length
        } cost lines`,
      ].join('\n'),
    );
  } finally {
    await admin.deleteGroups({ groups }).catch(error => {
      // Groups the run never got to create are reported one by one: say how many.
      const message = String(error);
      console.error(
        `Could not delete every bench group: ${message.slice(0, 300)}${
          message.length > 300 ? '…' : ''
        }`,
      );
    });
    await deleteBenchTopics(admin, created);
    await admin.close();
    await infra.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
