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
  BrokerLogDirDescription,
  ClusterMetadata,
  ClusterTopicMetadata,
  DescribeLogDirsOptions,
  GroupBase,
  ListConsumerGroupOffsetsGroup,
  ListConsumerGroupOffsetsOptions,
  ListedOffsetsTopic,
  MetadataOptions,
} from '@platformatic/kafka';
import {
  ChargebackAdminClient,
  ChargebackCollector,
} from './ChargebackCollector';
import type { ProducedBytesSource } from './ProducedBytesSource';

const ORDERS = 'acme.shop._public.orders';
const LEDGER = 'acme.shop.payments._private.ledger';
const FOREIGN = 'other.team._public.things';
const APP_IDS = ['acme.shop', 'acme.shop.payments', 'acme.billing'];
const NOW = new Date('2025-03-01T12:00:00.000Z');

function topicMetadata(id: string, partitions: number): ClusterTopicMetadata {
  return {
    id,
    partitionsCount: partitions,
    partitions: Array.from({ length: partitions }, () => ({
      leader: 1,
      leaderEpoch: 0,
      replicas: [1, 2],
      isr: [1, 2],
      offlineReplicas: [],
    })),
    lastUpdate: 0,
  };
}

function partitionSize(partitionIndex: number, size: number, future = false) {
  return {
    partitionIndex,
    partitionSize: BigInt(size),
    offsetLag: 0n,
    isFutureKey: future,
  };
}

/** A two-broker cluster answering from fixed data, recording each call. */
class FakeAdmin implements ChargebackAdminClient {
  calls: string[] = [];
  topicNames = [ORDERS, LEDGER, FOREIGN];
  groups = new Map<string, GroupBase>([
    ['acme.billing.reader', group('acme.billing.reader', 'classic')],
    ['console-consumer-1', group('console-consumer-1', 'consumer')],
    ['acme.shop.sharing', group('acme.shop.sharing', 'share')],
  ]);

  async listTopics() {
    this.calls.push('listTopics');
    return this.topicNames;
  }

  async metadata(options: MetadataOptions): Promise<ClusterMetadata> {
    this.calls.push(`metadata ${options.topics?.join(',')}`);
    const known: Record<string, ClusterTopicMetadata> = {
      [ORDERS]: topicMetadata('id-orders', 2),
      [LEDGER]: topicMetadata('id-ledger', 1),
    };
    return {
      id: 'cluster',
      brokers: new Map(),
      controllerId: 1,
      topics: new Map((options.topics ?? []).map(name => [name, known[name]])),
      lastUpdate: 0,
    };
  }

  async describeLogDirs(
    options: DescribeLogDirsOptions,
  ): Promise<BrokerLogDirDescription[]> {
    this.calls.push(
      `describeLogDirs ${options.topics
        .map(t => `${t.name}:${t.partitions}`)
        .join(' ')}`,
    );
    const dir = (
      logDir: string,
      topics: BrokerLogDirDescription['results'][0]['topics'],
    ) => ({
      logDir,
      topics,
      totalBytes: 0n,
      usableBytes: 0n,
    });
    return [
      {
        broker: 1,
        throttleTimeMs: 0,
        results: [
          dir('/data', [
            { name: ORDERS, partitions: [partitionSize(0, 1_000)] },
            { name: LEDGER, partitions: [partitionSize(0, 300)] },
          ]),
        ],
      },
      {
        broker: 2,
        throttleTimeMs: 0,
        results: [
          dir('/data-a', [
            {
              name: ORDERS,
              partitions: [partitionSize(0, 900), partitionSize(1, 500)],
            },
            { name: LEDGER, partitions: [partitionSize(0, 300)] },
          ]),
          // A move between log dirs in progress: the operator's copy.
          dir('/data-b', [
            { name: ORDERS, partitions: [partitionSize(1, 450, true)] },
          ]),
        ],
      },
    ];
  }

  async listOffsets(
    options: AdminListOffsetsOptions,
  ): Promise<ListedOffsetsTopic[]> {
    const timestamp = options.topics[0].partitions[0].timestamp;
    this.calls.push(`listOffsets ${timestamp}`);
    const earliest = timestamp === -2n;
    const offsets: Record<string, number[]> = earliest
      ? { [ORDERS]: [0, 10], [LEDGER]: [0] }
      : { [ORDERS]: [10, 15], [LEDGER]: [3] };
    return options.topics.map(topic => ({
      name: topic.name,
      partitions: topic.partitions.map(p => ({
        partitionIndex: p.partitionIndex,
        offset: BigInt(offsets[topic.name][p.partitionIndex]),
        timestamp: -1n,
        leaderEpoch: 0,
      })),
    }));
  }

  async listGroups() {
    this.calls.push('listGroups');
    return this.groups;
  }

  async listConsumerGroupOffsets(
    options: ListConsumerGroupOffsetsOptions,
  ): Promise<ListConsumerGroupOffsetsGroup[]> {
    this.calls.push(`listConsumerGroupOffsets ${options.groups.join(',')}`);
    const committed = (partitionIndex: number, offset: number) => ({
      partitionIndex,
      committedOffset: BigInt(offset),
      committedLeaderEpoch: -1,
      metadata: '',
    });
    return [
      {
        groupId: 'acme.billing.reader',
        topics: [
          { name: ORDERS, partitions: [committed(1, 12), committed(0, -1)] },
          { name: FOREIGN, partitions: [committed(0, 3)] },
        ],
      },
      {
        groupId: 'console-consumer-1',
        topics: [{ name: ORDERS, partitions: [committed(0, 10)] }],
      },
    ];
  }
}

function group(id: string, groupType: string): GroupBase {
  return { id, groupType, state: 'STABLE', protocolType: 'consumer' };
}

describe('ChargebackCollector', () => {
  it('samples the owned topics and the groups on them in one fixed set of calls', async () => {
    const admin = new FakeAdmin();
    const collector = new ChargebackCollector(admin, { now: () => NOW });

    const collection = await collector.collect(APP_IDS);

    expect(admin.calls.sort()).toEqual([
      `describeLogDirs ${ORDERS}:0,1 ${LEDGER}:0`,
      'listConsumerGroupOffsets acme.billing.reader,console-consumer-1',
      'listGroups',
      'listOffsets -1',
      'listOffsets -2',
      'listTopics',
      `metadata ${ORDERS},${LEDGER}`,
    ]);
    const at = NOW.toISOString();
    expect(collection).toEqual({
      collectedAt: at,
      topics: [
        {
          topic: ORDERS,
          topicId: 'id-orders',
          ownerAppId: 'acme.shop',
          partitions: 2,
          storageBytes: 1_000 + 900 + 500,
          storageBytesSingleCopy: 1_000 + 500,
          messages: 10 + 5,
          byPartition: [
            { partition: 0, logStartOffset: 0, logEndOffset: 10, bytes: 1_000 },
            { partition: 1, logStartOffset: 10, logEndOffset: 15, bytes: 500 },
          ],
          collectedAt: at,
        },
        {
          topic: LEDGER,
          topicId: 'id-ledger',
          ownerAppId: 'acme.shop.payments',
          partitions: 1,
          storageBytes: 600,
          storageBytesSingleCopy: 300,
          messages: 3,
          byPartition: [
            { partition: 0, logStartOffset: 0, logEndOffset: 3, bytes: 300 },
          ],
          collectedAt: at,
        },
      ],
      groups: [
        {
          groupId: 'acme.billing.reader',
          topic: ORDERS,
          committedOffsets: [{ partition: 1, offset: 12 }],
          consumerAppId: 'acme.billing',
          collectedAt: at,
        },
        {
          groupId: 'console-consumer-1',
          topic: ORDERS,
          committedOffsets: [{ partition: 0, offset: 10 }],
          consumerAppId: null,
          collectedAt: at,
        },
      ],
    });
  });

  it('asks nothing about topics or offsets when there is nothing to sample', async () => {
    const admin = new FakeAdmin();
    admin.topicNames = [FOREIGN];
    admin.groups = new Map();

    const collection = await new ChargebackCollector(admin).collect(APP_IDS);

    expect(admin.calls.sort()).toEqual(['listGroups', 'listTopics']);
    expect(collection.topics).toEqual([]);
    expect(collection.groups).toEqual([]);
  });

  it('adds broker byte counters when a metrics source answers', async () => {
    const asked: string[][] = [];
    const producedBytes: ProducedBytesSource = {
      async producedBytes(topics) {
        asked.push(topics);
        return new Map([[ORDERS, 123_456]]);
      },
    };

    const collection = await new ChargebackCollector(new FakeAdmin(), {
      producedBytes,
    }).collect(APP_IDS);

    expect(asked).toEqual([[ORDERS, LEDGER]]);
    expect(collection.topics.map(t => t.producedBytesTotal)).toEqual([
      123_456,
      undefined,
    ]);
  });

  it('falls back to log end growth with a warning when the metrics source fails', async () => {
    const warn = jest.fn();
    const collection = await new ChargebackCollector(new FakeAdmin(), {
      producedBytes: {
        producedBytes: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:7071');
        },
      },
      logger: { warn },
    }).collect(APP_IDS);

    expect(collection.topics).toHaveLength(2);
    expect(
      collection.topics.every(t => t.producedBytesTotal === undefined),
    ).toBe(true);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'reading produced bytes from broker metrics failed, estimating from log end growth instead: Error: connect ECONNREFUSED',
      ),
    );
  });
});
