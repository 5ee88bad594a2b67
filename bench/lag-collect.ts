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
 * Consumer lag's cost in a chargeback collection cycle (issue 15), on the local broker
 * (a private one: start it with MESHPORT_INFRA_RUN_DIR and MESHPORT_INFRA_FILE pointing at
 * your own run dir): 1,000 topics of 1 partition (100 app-ids × 10, 5 records each) and
 * 200 consumer groups with offsets committed behind the log end on 5 topics each. A cycle
 * is what the plugin's scheduled task does: collect, then store the collection (SQLite in
 * memory). Today's cycle stores no lag; the lag cycle also computes every group's lag and
 * time estimate (from the stored log end history) and stores lag and log ends. Cycles
 * alternate between the two, each first in every other pair, so that the broker's state
 * drifts equally for both. Prints
 * the median and p90 time and the admin requests of each, and their ratios; goal: the
 * same within 10%. Deletes every topic and group it created.
 *
 * With --moving, before each pair of cycles every topic gets one record more and every group
 * commits one offset further (outside the timed cycles), so that no estimate carries over,
 * every lagging topic's estimate is interpolated again from its log end history (held in
 * memory by the collecting process, read from the database after a restart or another
 * replica's collection) and every lag and log end row is new: the worst case for lag.
 *
 *   bench/run lag-collect [--topics 1000] [--groups 200] [--cycles 60] [--moving]
 */
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import {
  Admin,
  connectionsApiChannel,
  protocolAPIsById,
} from '@platformatic/kafka';
import type { PriceList } from '@meshport/plugin-specmesh-common';
import {
  ChargebackCollector,
  createChargebackAdmin,
} from '@meshport/plugin-specmesh-node';
import { RunningInfra, startOrReuseInfra } from '@meshport/dev-infra';
import knexFactory, { Knex } from 'knex';
import { ChargebackStore } from '../plugins/specmesh-backend/src/database/ChargebackStore';
import {
  GROUP_LAG,
  GroupLagRecord,
  lagsOfRecord,
} from '../plugins/specmesh-backend/src/database/groupLagRows';
import { migrateDatabase } from '../plugins/specmesh-backend/src/database/migrateDatabase';
import { machineLine } from './benchPostgres';
import { BENCH_TOPIC, chunks, deleteBenchTopics } from './benchTopics';

const GOAL_RATIO = 1.1;
const TOPICS_PER_APP = 10;
const TOPICS_PER_GROUP = 5;
const RECORDS_PER_TOPIC = 5;
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

/** Requests the admin puts on the wire, without connection handshakes. */
function countRequests(admin: Admin) {
  let count = 0;
  connectionsApiChannel.start.subscribe(message => {
    const { connection, apiKey } = message as {
      connection: { ownerId?: number };
      apiKey: number;
    };
    const api = protocolAPIsById[apiKey] ?? String(apiKey);
    if (connection.ownerId === admin.instanceId && !HANDSHAKE.has(api)) {
      count += 1;
    }
  });
  return () => {
    const taken = count;
    count = 0;
    return taken;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function sqliteStore(): Promise<{ knex: Knex; store: ChargebackStore }> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await migrateDatabase(knex);
  return { knex, store: new ChargebackStore(knex) };
}

async function main() {
  const topicCount = option('topics', 1000);
  const groupCount = option('groups', 200);
  const cycles = option('cycles', 60);
  const moving = process.argv.includes('--moving');
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

  const infra: RunningInfra = await startOrReuseInfra();
  const admin = createChargebackAdmin({
    clientId: 'meshport-bench-lag',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
  });
  const kafka = new Kafka({
    clientId: 'meshport-bench-lag-producer',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  const today = await sqliteStore();
  const withLag = await sqliteStore();
  // Today's collection: the same store, without lag.
  today.store.lag.record = async () => 0;
  const created: string[] = [];
  await deleteBenchTopics(
    admin,
    (await admin.listTopics()).filter(t => BENCH_TOPIC.test(t)),
  );
  try {
    for (const batch of chunks(topics, CREATE_BATCH)) {
      await admin.createTopics({ topics: batch, partitions: 1, replicas: 1 });
      created.push(...batch);
    }
    const producer = kafka.producer({
      retry: { retries: 30, initialRetryTime: 500, maxRetryTime: 10_000 },
    });
    await producer.connect();
    for (const slice of chunks(topics, 500)) {
      await producer.sendBatch({
        acks: -1,
        topicMessages: slice.map(topic => ({
          topic,
          messages: Array.from({ length: RECORDS_PER_TOPIC }, (_, i) => ({
            value: `record ${i} of ${topic}`,
          })),
        })),
      });
    }
    await producer.disconnect();
    // Every group behind the log end (offsets 1 to 3 of 5, plus `step`).
    const commitOffsets = async (step: number) => {
      for (const batch of chunks(groups, 20)) {
        await Promise.all(
          batch.map(groupId => {
            const index = groups.indexOf(groupId);
            return admin.alterConsumerGroupOffsets({
              groupId,
              topics: Array.from({ length: TOPICS_PER_GROUP }, (_, j) => ({
                name: topics[(index * 7 + j * 13) % topics.length],
                partitionOffsets: [
                  { partition: 0, offset: BigInt(1 + (j % 3) + step) },
                ],
              })),
            });
          }),
        );
      }
    };
    await commitOffsets(0);
    const mover = kafka.producer();
    await mover.connect();
    const move = async (step: number) => {
      for (const slice of chunks(topics, 500)) {
        await mover.sendBatch({
          acks: -1,
          topicMessages: slice.map(topic => ({
            topic,
            messages: [{ value: `step ${step}` }],
          })),
        });
      }
      await commitOffsets(step);
    };

    const collector = new ChargebackCollector(admin);
    const takeRequests = countRequests(admin);
    const cycle = async (store: ChargebackStore) => {
      const started = performance.now();
      const collection = await collector.collect(appIds);
      const storing = performance.now();
      await store.recordCollection('bench', collection, PRICES);
      const ended = performance.now();
      return {
        ms: ended - started,
        storeMs: ended - storing,
        requests: takeRequests(),
      };
    };
    // Cold cycles open connections; the first of each store has no history yet.
    await cycle(today.store);
    await cycle(withLag.store);

    const times = { today: [] as number[], lag: [] as number[] };
    const storeTimes = { today: [] as number[], lag: [] as number[] };
    const requests = { today: [] as number[], lag: [] as number[] };
    for (let i = 0; i < cycles; i++) {
      if (moving) {
        await move(i + 1);
        takeRequests();
      }
      // Either store goes first every other pair: the cycle right after a move finds the
      // broker still busy with it.
      const lagFirst = i % 2 === 1 ? await cycle(withLag.store) : undefined;
      const plain = await cycle(today.store);
      const lagged = lagFirst ?? (await cycle(withLag.store));
      times.today.push(plain.ms);
      times.lag.push(lagged.ms);
      storeTimes.today.push(plain.storeMs);
      storeTimes.lag.push(lagged.storeMs);
      requests.today.push(plain.requests);
      requests.lag.push(lagged.requests);
    }
    await mover.disconnect();
    times.today.sort((a, b) => a - b);
    times.lag.sort((a, b) => a - b);
    storeTimes.today.sort((a, b) => a - b);
    storeTimes.lag.sort((a, b) => a - b);
    const latest = await withLag.store.lag.readersOf(appIds[0]);
    const groupRows: GroupLagRecord[] = await withLag
      .knex(GROUP_LAG)
      .select('group_id', 'consumer_app_id', 'topics');
    const stored = groupRows.flatMap(row => lagsOfRecord(row));
    const estimated = stored.filter(
      lag => lag.lag > 0 && lag.estimatedSeconds !== null,
    ).length;

    const median = (values: number[]) => percentile(values, 0.5);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const timeRatio = median(times.lag) / median(times.today);
    const requestRatio = sum(requests.lag) / sum(requests.today);
    const verdict = (ratio: number) => (ratio <= GOAL_RATIO ? 'met' : 'MISSED');
    console.log(
      [
        machineLine(),
        `Lag in the chargeback cycle, Kafka ${
          infra.kafka.version
        } on ${infra.kafka.brokers.join(',')}, SQLite in memory`,
        `${topicCount} topics, ${groupCount} groups × ${TOPICS_PER_GROUP} topics, every group behind${
          moving
            ? ', every group moving between cycles (every estimate interpolated again, every lag row new)'
            : ', groups staying put (estimates carried over)'
        }; ${cycles} cycles each, alternating`,
        `today's cycle (collect + store): median ${median(times.today).toFixed(
          0,
        )} ms, p90 ${percentile(times.today, 0.9).toFixed(0)} ms, ${
          requests.today[0]
        } admin requests per cycle`,
        `with lag (collect + lag + store): median ${median(times.lag).toFixed(
          0,
        )} ms, p90 ${percentile(times.lag, 0.9).toFixed(0)} ms, ${
          requests.lag[0]
        } admin requests per cycle`,
        `of which storing (SQLite in memory): median ${median(
          storeTimes.today,
        ).toFixed(0)} ms today, ${median(storeTimes.lag).toFixed(
          0,
        )} ms with lag (lag's share of the cycle: ${(
          median(storeTimes.lag) - median(storeTimes.today)
        ).toFixed(0)} ms)`,
        `time ratio ${timeRatio.toFixed(3)} (goal ≤ ${GOAL_RATIO}: ${verdict(
          timeRatio,
        )}); admin request ratio ${requestRatio.toFixed(
          3,
        )} (goal ≤ ${GOAL_RATIO}: ${verdict(requestRatio)})`,
        `stored: ${groupRows.length} group rows holding ${stored.length} group×topic lags; ${estimated} lagging ones with a time estimate; latest readers of ${appIds[0]}: ${latest.groups.length} groups`,
      ].join('\n'),
    );
  } finally {
    await admin.deleteGroups({ groups }).catch(error => {
      console.error(
        `Could not delete every bench group: ${String(error).slice(0, 300)}`,
      );
    });
    await deleteBenchTopics(admin, created);
    await admin.close();
    await today.knex.destroy();
    await withLag.knex.destroy();
    await infra.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
