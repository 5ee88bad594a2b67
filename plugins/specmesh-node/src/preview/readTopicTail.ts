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
import {
  Consumer,
  findErrorBy,
  ListOffsetTimestamps,
  type fetchV17,
  UserError,
} from '@platformatic/kafka';
import { chargebackAdminOptions } from '../chargeback/createChargebackAdmin';
import type { KafkaConnectionConfig } from '../kafka';
import { newestFirst, recordSize, TailRecord } from './newestFirst';

type FetchResponse = fetchV17.FetchResponse;

/*
 * Reads a topic's last messages with a throwaway @platformatic/kafka
 * consumer that only sends Metadata, ListOffsets and Fetch: it never looks up
 * a coordinator, so it joins no group and commits nothing (kafkajs' consumer
 * always joins one).
 */

/**
 * What to read.
 *
 * @public
 */
export interface TopicTailRequest {
  topic: string;
  /** One partition, or every partition merged by timestamp. */
  partition?: number;
  /** Messages at most (the caller bounds it). */
  limit: number;
  /** Key, value and header bytes at most, in all. */
  maxBytes: number;
  /** How long the whole read may take; default 10 000 ms, then it fails. */
  timeoutMs?: number;
}

/**
 * The newest messages of a topic, newest first.
 *
 * @public
 */
export interface TopicTail {
  records: TailRecord[];
  /** The byte cap (or the time limit) cut the list short. */
  truncated: boolean;
  partitionCount: number;
}

/**
 * The topic is not on the cluster, or has no such partition.
 *
 * @public
 */
export class TopicTailNotFoundError extends Error {
  readonly name = 'TopicTailNotFoundError';
}

const IS_CONTROL_BATCH = 0x20;
const LOG_APPEND_TIME = 0x08;
const DEFAULT_TIMEOUT_MS = 10_000;
const FETCH_WAIT_MS = 200;

/**
 * Reads the last `limit` messages of a topic: the log end offsets first (one
 * ListOffsets per leader), then, to merge partitions, only the `limit`
 * partitions with the newest messages (ListOffsets MAX_TIMESTAMP, KIP-734):
 * no other partition can hold one of the newest `limit` messages. Each is
 * fetched from `limit` offsets before its end, leader by leader.
 *
 * @public
 */
export async function readTopicTail(
  connection: KafkaConnectionConfig,
  request: TopicTailRequest,
): Promise<TopicTail> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const consumer = new Consumer({
    ...chargebackAdminOptions(connection),
    // Required by the client's options, never sent: no group call is made.
    groupId: 'meshport-preview-never-joined',
    autocommit: false,
    autocreateTopics: false,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`no answer from the cluster within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  // Fetch rounds stop early enough to answer with what they read.
  const reading = readWith(consumer, request, Date.now() + timeoutMs * 0.8);
  reading.catch(() => undefined);
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
    await consumer.close(true).catch(() => undefined);
  }
}

async function readWith(
  consumer: Consumer,
  request: TopicTailRequest,
  deadline: number,
): Promise<TopicTail> {
  const { topic, limit, maxBytes } = request;
  const metadata = await consumer
    .metadata({ topics: [topic], autocreateTopics: false, retries: 0 })
    .catch(error => {
      // The client turns UNKNOWN_TOPIC_OR_PARTITION into a UserError.
      if (
        (error instanceof UserError && /^Unknown topic /.test(error.message)) ||
        findErrorBy(error, 'apiId', 'UNKNOWN_TOPIC_OR_PARTITION')
      ) {
        throw new TopicTailNotFoundError(
          `Topic ${topic} is not on the cluster`,
        );
      }
      throw error;
    });
  const described = metadata.topics.get(topic);
  if (!described) {
    throw new TopicTailNotFoundError(`Topic ${topic} is not on the cluster`);
  }
  const partitionCount = described.partitionsCount;
  if (
    request.partition !== undefined &&
    (request.partition < 0 || request.partition >= partitionCount)
  ) {
    throw new TopicTailNotFoundError(
      `Topic ${topic} has no partition ${
        request.partition
      }: it has ${partitionCount} (0 to ${partitionCount - 1})`,
    );
  }
  const partitions =
    request.partition !== undefined
      ? [request.partition]
      : [...Array(partitionCount).keys()];
  const scope = { topics: [topic], partitions: { [topic]: partitions } };
  const [ends, starts] = await Promise.all([
    consumer.listOffsets({
      ...scope,
      timestamp: ListOffsetTimestamps.LATEST,
    }),
    consumer.listOffsets({
      ...scope,
      timestamp: ListOffsetTimestamps.EARLIEST,
    }),
  ]);
  const end = ends.get(topic) ?? [];
  const start = starts.get(topic) ?? [];
  let candidates = partitions.filter(p => (end[p] ?? 0n) > (start[p] ?? 0n));
  if (candidates.length > limit) {
    candidates = await newestPartitions(consumer, topic, candidates, limit);
  }

  const ranges = new Map<number, { from: bigint; next: bigint; end: bigint }>();
  for (const p of candidates) {
    const tail = end[p] - BigInt(limit);
    const from = tail > start[p] ? tail : start[p];
    ranges.set(p, { from, next: from, end: end[p] });
  }
  const read = await fetchRanges(consumer, {
    topicId: described.id,
    leaders: described.partitions,
    ranges,
    limit,
    maxBytes,
    deadline,
  });
  const picked = newestFirst(read.records, limit, maxBytes);
  return {
    records: picked.records,
    truncated: picked.truncated || read.incomplete,
    partitionCount,
  };
}

/** The `limit` partitions whose newest message is newest; all of them if the broker cannot tell. */
async function newestPartitions(
  consumer: Consumer,
  topic: string,
  partitions: number[],
  limit: number,
): Promise<number[]> {
  try {
    const newest = await consumer.listOffsetsWithTimestamps({
      topics: [topic],
      partitions: { [topic]: partitions },
      timestamp: ListOffsetTimestamps.MAX,
    });
    const byPartition = newest.get(topic);
    if (!byPartition) return partitions;
    return [...partitions]
      .sort((a, b) =>
        Number(
          (byPartition.get(b)?.timestamp ?? -1n) -
            (byPartition.get(a)?.timestamp ?? -1n),
        ),
      )
      .slice(0, limit);
  } catch {
    // Brokers before Kafka 3.0 have no MAX_TIMESTAMP: every partition is read.
    return partitions;
  }
}

/**
 * Fetches each partition from its `next` offset to its `end`, one Fetch per
 * leader per round, keeping only the last `limit` records of each; rounds
 * repeat until every partition reached its end or the deadline passed.
 */
async function fetchRanges(
  consumer: Consumer,
  options: {
    topicId: string;
    leaders: ReadonlyArray<{ leader: number; leaderEpoch: number }>;
    ranges: Map<number, { from: bigint; next: bigint; end: bigint }>;
    limit: number;
    maxBytes: number;
    deadline: number;
  },
): Promise<{ records: TailRecord[]; incomplete: boolean }> {
  const { topicId, leaders, ranges, limit, maxBytes, deadline } = options;
  const kept = new Map<number, TailRecord[]>();
  while (ranges.size > 0 && Date.now() < deadline) {
    const byLeader = new Map<number, number[]>();
    for (const p of ranges.keys()) {
      const leader = leaders[p].leader;
      byLeader.set(leader, [...(byLeader.get(leader) ?? []), p]);
    }
    const responses = await Promise.all(
      [...byLeader].map(([node, partitions]) =>
        consumer.fetch({
          node,
          maxWaitTime: FETCH_WAIT_MS,
          minBytes: 1,
          maxBytes,
          topics: [
            {
              topicId,
              partitions: partitions.map(p => ({
                partition: p,
                currentLeaderEpoch: leaders[p].leaderEpoch,
                fetchOffset: ranges.get(p)!.next,
                lastFetchedEpoch: -1,
                partitionMaxBytes: maxBytes,
              })),
            },
          ],
        }),
      ),
    );
    for (const response of responses) {
      collect(response, ranges, kept, limit);
    }
  }
  return { records: [...kept.values()].flat(), incomplete: ranges.size > 0 };
}

function collect(
  response: FetchResponse,
  ranges: Map<number, { from: bigint; next: bigint; end: bigint }>,
  kept: Map<number, TailRecord[]>,
  limit: number,
): void {
  for (const topic of response.responses) {
    for (const answer of topic.partitions) {
      const range = ranges.get(answer.partitionIndex);
      if (!range) continue;
      const records = kept.get(answer.partitionIndex) ?? [];
      for (const batch of answer.records ?? []) {
        const after = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
        if (after > range.next) range.next = after;
        if (batch.attributes & IS_CONTROL_BATCH) continue;
        for (const record of batch.records) {
          const offset = batch.firstOffset + BigInt(record.offsetDelta);
          if (offset < range.from || offset >= range.end) continue;
          const headers = record.headers;
          records.push({
            partition: answer.partitionIndex,
            offset,
            timestamp:
              batch.attributes & LOG_APPEND_TIME
                ? batch.maxTimestamp
                : batch.firstTimestamp + record.timestampDelta,
            key: record.key,
            value: record.value,
            headers,
            sizeBytes: recordSize({
              key: record.key,
              value: record.value,
              headers,
            }),
          });
        }
      }
      // A batch may begin before the range: only the last `limit` are kept.
      records.sort((a, b) => (a.offset < b.offset ? -1 : 1));
      kept.set(answer.partitionIndex, records.slice(-limit));
      if (range.next >= range.end) ranges.delete(answer.partitionIndex);
    }
  }
}
