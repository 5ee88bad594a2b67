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
 * readTopicTail against the real broker of @meshport/dev-infra (Kafka 4.1,
 * SASL/PLAIN): the newest messages merged and per partition, the limit and
 * the byte cap, and no consumer group left behind.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Kafka, logLevel, Admin as KafkaAdmin } from 'kafkajs';
import {
  createTestTopics,
  RunningInfra,
  startOrReuseInfra,
  testProducer,
} from '@meshport/dev-infra';
import { readTopicTail, TopicTailNotFoundError } from './readTopicTail';

jest.setTimeout(120_000);

let infra: RunningInfra;
let runDir: string;
let kafka: Kafka;
let admin: KafkaAdmin;
const topic = `meshport.preview.it${Date.now().toString(36)}._protected.tail`;
const BASE = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-tail-it-'));
  infra = await startOrReuseInfra({ runDir });
  kafka = new Kafka({
    clientId: 'preview-tail-it',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  admin = kafka.admin();
  await admin.connect();
  await createTestTopics(admin, [{ topic, numPartitions: 3 }]);
  const producer = testProducer(kafka);
  await producer.connect();
  // Partition p gets messages i = 0..9 stamped BASE + i*3 + p: merged, the
  // newest is p2 i9, then p1 i9, p0 i9, p2 i8, ...
  for (let p = 0; p < 3; p++) {
    await producer.send({
      topic,
      messages: [...Array(10).keys()].map(i => ({
        partition: p,
        key: `k${p}-${i}`,
        value: `v${p}-${i}`.padEnd(100, '.'),
        timestamp: String(BASE + i * 3 + p),
        headers: { h: 'x' },
      })),
    });
  }
  await producer.disconnect();
});

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin?.disconnect();
  await infra?.stop();
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
});

const connection = () => ({
  clientId: 'preview-tail-it',
  brokers: infra.kafka.brokers,
  sasl: infra.kafka.sasl,
});
const keys = (records: Array<{ key: Buffer | null }>) =>
  records.map(r => r.key?.toString());

describe('readTopicTail', () => {
  it('reads the newest messages of every partition merged by timestamp, joining no group', async () => {
    const groupsBefore = (await admin.listGroups()).groups.map(g => g.groupId);
    const tail = await readTopicTail(connection(), {
      topic,
      limit: 4,
      maxBytes: 1_048_576,
    });
    expect(keys(tail.records)).toEqual(['k2-9', 'k1-9', 'k0-9', 'k2-8']);
    expect(tail.truncated).toBe(false);
    expect(tail.partitionCount).toBe(3);
    expect(tail.records[0]).toMatchObject({
      partition: 2,
      offset: 9n,
      timestamp: BigInt(BASE + 27 + 2),
    });
    // key 4 + value 100 + header key 1 + header value 1
    expect(tail.records[0].sizeBytes).toBe(106);
    const groupsAfter = (await admin.listGroups()).groups.map(g => g.groupId);
    expect(groupsAfter.sort()).toEqual(groupsBefore.sort());
    expect(groupsAfter.filter(g => g.includes('preview'))).toEqual([]);
  });

  it('reads one partition newest offset first, all of it when the limit passes its size', async () => {
    const tail = await readTopicTail(connection(), {
      topic,
      partition: 1,
      limit: 50,
      maxBytes: 1_048_576,
    });
    expect(keys(tail.records)).toEqual(
      [...Array(10).keys()].reverse().map(i => `k1-${i}`),
    );
    expect(tail.records.map(r => r.offset)).toEqual(
      [...Array(10).keys()].reverse().map(i => BigInt(i)),
    );
  });

  it('stops at the byte cap and says it did', async () => {
    const tail = await readTopicTail(connection(), {
      topic,
      limit: 10,
      maxBytes: 350,
    });
    expect(keys(tail.records)).toEqual(['k2-9', 'k1-9', 'k0-9']);
    expect(tail.truncated).toBe(true);
  });

  it('tells an unknown topic or partition from an unreachable cluster', async () => {
    await expect(
      readTopicTail(connection(), {
        topic: `${topic}-nope`,
        limit: 1,
        maxBytes: 10,
      }),
    ).rejects.toBeInstanceOf(TopicTailNotFoundError);
    await expect(
      readTopicTail(connection(), {
        topic,
        partition: 3,
        limit: 1,
        maxBytes: 10,
      }),
    ).rejects.toThrow(`Topic ${topic} has no partition 3: it has 3 (0 to 2)`);
    const down = readTopicTail(
      { ...connection(), brokers: ['127.0.0.1:1'] },
      { topic, limit: 1, maxBytes: 10, timeoutMs: 3_000 },
    );
    await expect(down).rejects.toThrow();
    await expect(down).rejects.not.toBeInstanceOf(TopicTailNotFoundError);
    await expect(down).rejects.not.toThrow(infra.kafka.sasl!.password);
  });
});
