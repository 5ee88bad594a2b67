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
 * Message preview latency: 50 messages merged across a topic of 1,000
 * partitions, each holding offsets (20 Avro messages per partition by
 * default), read the way GET /topics/{topic}/messages reads them (the
 * group-less reader of -node, then decoding with the registry through the
 * backend's PreviewDecoding; the permission check is not timed). Also one
 * partition alone. The issue sets no goal: the figures are reported.
 * Runs on the running infra (MESHPORT_INFRA_FILE) or starts one; the topic
 * (one, on the shared broker) is deleted at the end.
 *
 *   bench/run preview-latency [--partitions 1000] [--per-partition 20] [--runs 30] [--limit 50]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'node:perf_hooks';
import avro from 'avsc';
import { Kafka, logLevel } from 'kafkajs';
import { startOrReuseInfra } from '@meshport/dev-infra';
import {
  ClusterConfig,
  kafkaConnectionOf,
  readTopicTail,
} from '@meshport/plugin-specmesh-node';
import { PreviewDecoding } from '../plugins/specmesh-backend/src/preview/PreviewDecoding';
import { machineLine } from './benchPostgres';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const partitions = option('partitions', 1000);
const perPartition = option('per-partition', 20);
const runs = option('runs', 30);
const limit = option('limit', 50);
const MAX_BYTES = 1_048_576;

const schema = {
  type: 'record',
  name: 'Reading',
  namespace: 'bench.preview',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'value', type: 'double' },
    { name: 'note', type: 'string' },
  ],
};

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

function summary(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${label}: median ${percentile(sorted, 50).toFixed(
    1,
  )} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms over ${
    times.length
  } runs (goal: none in the issue, reported)`;
}

async function main() {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-preview-'));
  const infra = await startOrReuseInfra({ runDir });
  const topic = `benchpreview${Date.now().toString(
    36,
  )}._protected.p${partitions}`;
  const kafka = new Kafka({
    clientId: 'bench-preview',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const registered = await fetch(
      `${infra.registry.url}/subjects/${encodeURIComponent(
        `${topic}-value`,
      )}/versions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({
          schema: JSON.stringify(schema),
          schemaType: 'AVRO',
        }),
      },
    );
    const { id } = (await registered.json()) as { id: number };
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions }],
      waitForLeaders: true,
      timeout: 120_000,
    });
    const type = avro.Type.forSchema(schema as any);
    const header = Buffer.alloc(5);
    header.writeInt32BE(id, 1);
    // A thousand partitions take the broker a while to lead: wait until
    // every one answers ListOffsets.
    for (let attempt = 1; ; attempt++) {
      try {
        const offsets = await admin.fetchTopicOffsets(topic);
        if (offsets.length === partitions) break;
      } catch (error) {
        if (attempt === 60) throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    const producer = kafka.producer({
      retry: { retries: 15, maxRetryTime: 10_000 },
    });
    await producer.connect();
    const fillStart = performance.now();
    const start = Date.now() - perPartition * partitions;
    for (let round = 0; round < perPartition; round++) {
      await producer.send({
        topic,
        messages: Array.from({ length: partitions }, (_, p) => ({
          partition: p,
          key: `sensor-${p}`,
          value: Buffer.concat([
            header,
            type.toBuffer({
              id: `r${round}-${p}`,
              value: round * 0.5,
              note: 'x'.repeat(120),
            }),
          ]),
          timestamp: String(start + round * partitions + p),
        })),
      });
    }
    await producer.disconnect();
    console.log(
      `Topic ${topic}: ${partitions} partitions × ${perPartition} Avro messages (${(
        (performance.now() - fillStart) /
        1000
      ).toFixed(1)} s to produce)`,
    );

    const cluster: ClusterConfig = {
      name: 'local',
      brokers: infra.kafka.brokers,
      ...(infra.kafka.sasl && {
        sasl: infra.kafka.sasl as ClusterConfig['sasl'],
      }),
      schemaRegistry: { url: infra.registry.url },
    } as ClusterConfig;
    const connection = kafkaConnectionOf(cluster);
    const decoding = new PreviewDecoding();
    const preview = async (partition?: number) => {
      const begin = performance.now();
      const tail = await readTopicTail(connection, {
        topic,
        limit,
        maxBytes: MAX_BYTES,
        ...(partition !== undefined && { partition }),
      });
      const messages = await decoding.decodeAll(cluster, tail.records);
      const ms = performance.now() - begin;
      return { ms, messages, truncated: tail.truncated };
    };

    const first = await preview();
    const newest = first.messages[0];
    if (
      first.messages.length !== limit ||
      newest.value?.format !== 'avro' ||
      (newest.value.data as { id: string }).id !==
        `r${perPartition - 1}-${partitions - 1}`
    ) {
      throw new Error(
        `Unexpected preview: ${
          first.messages.length
        } messages, newest ${JSON.stringify(newest?.value)}`,
      );
    }
    console.log(
      `First preview (connect, schema fetched): ${first.ms.toFixed(1)} ms`,
    );
    const merged: number[] = [];
    for (let i = 0; i < runs; i++) merged.push((await preview()).ms);
    const single: number[] = [];
    for (let i = 0; i < runs; i++)
      single.push((await preview(i % partitions)).ms);
    console.log(
      summary(
        `${limit} messages merged across ${partitions} partitions`,
        merged,
      ),
    );
    console.log(
      summary(
        `${Math.min(limit, perPartition)} messages of one partition`,
        single,
      ),
    );
    console.log(machineLine());
  } finally {
    await admin
      .deleteTopics({ topics: [topic], timeout: 60_000 })
      .catch(error => {
        console.error(`Could not delete ${topic}: ${error}`);
      });
    await admin.disconnect();
    await infra.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
