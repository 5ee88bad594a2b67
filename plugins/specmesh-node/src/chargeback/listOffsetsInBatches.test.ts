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

import type {
  AdminListOffsetsOptions,
  ListedOffsetsTopic,
} from '@platformatic/kafka';
import {
  LIST_OFFSETS_BATCH,
  listOffsetsInBatches,
} from './listOffsetsInBatches';

/** Answers each partition with offset = its topic's number × 10 + partition. */
class RecordingAdmin {
  calls: string[][] = [];

  async listOffsets(
    options: AdminListOffsetsOptions,
  ): Promise<ListedOffsetsTopic[]> {
    this.calls.push(options.topics.map(t => t.name));
    return options.topics.map(topic => ({
      name: topic.name,
      partitions: topic.partitions.map(p => ({
        partitionIndex: p.partitionIndex,
        offset: BigInt(Number(topic.name.slice(1)) * 10 + p.partitionIndex),
        timestamp: p.timestamp ?? -1n,
        leaderEpoch: 0,
      })),
    }));
  }
}

function topics(count: number): AdminListOffsetsOptions {
  return {
    topics: Array.from({ length: count }, (_, i) => ({
      name: `t${i}`,
      partitions: [0, 1].map(partitionIndex => ({
        partitionIndex,
        timestamp: -1n,
      })),
    })),
  };
}

describe('listOffsetsInBatches', () => {
  it('reads 2,500 topics in calls of 1,000, 1,000 and 500, every answer in order', async () => {
    const admin = new RecordingAdmin();

    const listed = await listOffsetsInBatches(admin, topics(2500));

    expect(LIST_OFFSETS_BATCH).toBe(1000);
    expect(admin.calls.map(names => names.length)).toEqual([1000, 1000, 500]);
    expect(admin.calls.flat()).toEqual(topics(2500).topics.map(t => t.name));
    expect(listed).toHaveLength(2500);
    expect(listed[1234]).toEqual({
      name: 't1234',
      partitions: [
        { partitionIndex: 0, offset: 12340n, timestamp: -1n, leaderEpoch: 0 },
        { partitionIndex: 1, offset: 12341n, timestamp: -1n, leaderEpoch: 0 },
      ],
    });
  });

  it('makes one call for a cluster of fewer topics than a batch, none for no topic', async () => {
    const admin = new RecordingAdmin();

    await listOffsetsInBatches(admin, topics(3));
    expect(admin.calls).toEqual([['t0', 't1', 't2']]);

    admin.calls = [];
    expect(await listOffsetsInBatches(admin, topics(0))).toEqual([]);
    expect(admin.calls).toEqual([]);
  });

  it('passes the other options through to every call', async () => {
    const seen: AdminListOffsetsOptions[] = [];
    await listOffsetsInBatches(
      {
        listOffsets: async options => {
          seen.push(options);
          return [];
        },
      },
      { ...topics(5), isolationLevel: 1 },
      2,
    );
    expect(seen.map(o => [o.topics.length, o.isolationLevel])).toEqual([
      [2, 1],
      [2, 1],
      [1, 1],
    ]);
  });
});
