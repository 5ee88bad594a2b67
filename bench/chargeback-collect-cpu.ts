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
 * The chargeback collector's own CPU time in one cycle at full size, against a
 * fake cluster that answers each admin call with what a broker answers (the
 * shapes of @platformatic/kafka's admin): 10,000 topics of 1 partition (1,000
 * app-ids × 10) beside 1,000 foreign topics, and 1,000 consumer groups with
 * offsets on 5 topics each. The answers are built once, before timing, as a
 * recording would replay them: what is timed is the collector's work (owner
 * attribution, request building, readings into samples), not the broker's.
 * For the real broker's round trips, see chargeback-collect.
 *
 *   bench/run chargeback-collect-cpu [--topics 10000] [--groups 1000] [--cycles 10]
 */
import { performance } from 'node:perf_hooks';
import type {
  BrokerLogDirDescription,
  ClusterMetadata,
  GroupBase,
  ListConsumerGroupOffsetsGroup,
  ListedOffsetsTopic,
} from '@platformatic/kafka';
import {
  ChargebackAdminClient,
  ChargebackCollector,
} from '@meshport/plugin-specmesh-node';
import { machineLine } from './benchPostgres';
import { numberOption } from './catalogSpecs';

const CYCLE_GOAL_MS = 5000;
const TOPICS_PER_APP = 10;
const TOPICS_PER_GROUP = 5;

function fakeCluster(topicCount: number, groupCount: number) {
  const appIds = Array.from(
    { length: Math.ceil(topicCount / TOPICS_PER_APP) },
    (_, i) => `acme.domain${i % 17}.app${i}`,
  );
  const owned = Array.from(
    { length: topicCount },
    (_, i) =>
      `${appIds[Math.floor(i / TOPICS_PER_APP)]}._public.t${
        i % TOPICS_PER_APP
      }`,
  );
  const foreign = Array.from(
    { length: Math.ceil(topicCount / 10) },
    (_, i) => `legacy.topic${i}`,
  );
  const all = [...owned, ...foreign];
  const offsets = (timestamp: bigint): ListedOffsetsTopic[] =>
    all.map((name, i) => ({
      name,
      partitions: [
        {
          partitionIndex: 0,
          timestamp,
          offset: BigInt(timestamp === -2n ? i % 7 : 1000 + i),
          leaderEpoch: 0,
        },
      ],
    }));
  const metadata: ClusterMetadata = {
    id: 'fake',
    brokers: new Map(),
    controllerId: 1,
    lastUpdate: 0,
    topics: new Map(
      all.map((name, i) => [
        name,
        {
          id: `id-${i}`,
          partitions: [
            {
              leader: 1,
              leaderEpoch: 0,
              replicas: [1],
              isr: [1],
              offlineReplicas: [],
            },
          ],
          partitionsCount: 1,
          lastUpdate: 0,
        },
      ]),
    ),
  };
  const logDirs = [
    {
      broker: 1,
      throttleTimeMs: 0,
      results: [
        {
          logDir: '/var/lib/kafka',
          totalBytes: 1e12,
          usableBytes: 5e11,
          topics: all.map((name, i) => ({
            name,
            partitions: [
              {
                partitionIndex: 0,
                partitionSize: BigInt(1_000_000 + i),
                offsetLag: 0n,
                isFutureKey: false,
              },
            ],
          })),
        },
      ],
    },
  ] as unknown as BrokerLogDirDescription[];
  const groupIds = Array.from(
    { length: groupCount },
    (_, i) => `${appIds[i % appIds.length]}.reader${i}`,
  );
  const groups = new Map<string, GroupBase>(
    groupIds.map(id => [
      id,
      { id, state: 'EMPTY', protocolType: 'consumer', groupType: 'classic' },
    ]),
  );
  const groupOffsets: ListConsumerGroupOffsetsGroup[] = groupIds.map(
    (groupId, g) => ({
      groupId,
      topics: Array.from({ length: TOPICS_PER_GROUP }, (_, j) => ({
        name: owned[(g * 7 + j * 13) % owned.length],
        partitions: [
          {
            partitionIndex: 0,
            committedOffset: BigInt(500 + j),
            committedLeaderEpoch: 0,
            metadata: null,
          },
        ],
      })),
    }),
  ) as unknown as ListConsumerGroupOffsetsGroup[];
  const earliest = offsets(-2n);
  const latest = offsets(-1n);
  const admin: ChargebackAdminClient = {
    listTopics: async () => all,
    metadata: async () => metadata,
    describeLogDirs: async () => logDirs,
    listOffsets: async options =>
      options.topics[0]?.partitions[0]?.timestamp === -2n ? earliest : latest,
    listGroups: async () => groups,
    listConsumerGroupOffsets: async () => groupOffsets,
  };
  return { admin, appIds };
}

async function main() {
  const topicCount = numberOption('topics', 10000);
  const groupCount = numberOption('groups', 1000);
  const cycles = numberOption('cycles', 10);
  const { admin, appIds } = fakeCluster(topicCount, groupCount);
  const collector = new ChargebackCollector(admin);
  await collector.collect(appIds);

  const cpuMs: number[] = [];
  const wallMs: number[] = [];
  let samples = 0;
  for (let i = 0; i < cycles; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const collection = await collector.collect(appIds);
    wallMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    samples = collection.topics.length + collection.groups.length;
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const worstCpu = Math.max(...cpuMs);
  console.log(
    [
      machineLine(),
      `fake cluster: ${topicCount} owned topics + ${Math.ceil(
        topicCount / 10,
      )} foreign, ${groupCount} groups × ${TOPICS_PER_GROUP} topics; ${samples} samples per cycle`,
      `collector CPU per cycle × ${cycles}: median ${median(cpuMs).toFixed(
        0,
      )} ms, max ${worstCpu.toFixed(0)} ms (wall median ${median(
        wallMs,
      ).toFixed(0)} ms; goal for the whole cycle ≤ ${CYCLE_GOAL_MS} ms: ${
        worstCpu <= CYCLE_GOAL_MS ? 'met by the collector' : 'MISSED'
      })`,
    ].join('\n'),
  );
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
