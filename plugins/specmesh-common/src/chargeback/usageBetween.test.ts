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

import { usageBetween } from './usageBetween';
import { collection, groupSample, topicSample } from './__testUtils__/fixtures';

const T0 = '2025-03-01T00:00:00.000Z';
const T1 = '2025-03-01T06:00:00.000Z';
const T2 = '2025-03-01T12:00:00.000Z';
const ORDERS = 'acme.shop._public.orders';
const AUDIT = 'acme.shop._private.audit';

describe('usageBetween', () => {
  describe('the interval', () => {
    it('runs from the previous collection to the current one', () => {
      const usage = usageBetween(collection(T0, []), collection(T1, []));
      expect(usage).toMatchObject({ from: T0, to: T1, hours: 6 });
    });

    it('is empty without a previous collection: everything is a baseline', () => {
      const current = collection(
        T1,
        [topicSample(ORDERS, T1, [[0, 500, 50_000]])],
        [groupSample('acme.billing.reader', 'acme.billing', ORDERS, T1, [400])],
      );

      const usage = usageBetween(undefined, current);

      expect(usage).toMatchObject({ from: T1, to: T1, hours: 0 });
      expect(usage.topics).toEqual([
        expect.objectContaining({
          topic: ORDERS,
          storageBytes: 0,
          partitions: 0,
          messages: 500,
          producedOffsets: 0,
          producedBytes: 0,
          notes: ['baseline'],
        }),
      ]);
      expect(usage.consumption).toEqual([
        expect.objectContaining({
          groupId: 'acme.billing.reader',
          consumedOffsets: 0,
          consumedBytes: 0,
          notes: ['baseline'],
        }),
      ]);
    });

    it('refuses collections out of order or without a valid time', () => {
      expect(() =>
        usageBetween(collection(T1, []), collection(T0, [])),
      ).toThrow(/previous collection .* is later than the current one/);
      expect(() =>
        usageBetween(collection('yesterday', []), collection(T0, [])),
      ).toThrow(/collectedAt must be an ISO 8601 instant/);
    });
  });

  describe('storage and partitions', () => {
    it('averages both ends of the interval, replicated and single copy', () => {
      const usage = usageBetween(
        collection(T0, [topicSample(ORDERS, T0, [[0, 100, 10_000]])]),
        collection(T1, [
          topicSample(ORDERS, T1, [
            [0, 200, 20_000],
            [0, 0, 0],
          ]),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        storageBytes: 45_000,
        storageBytesSingleCopy: 15_000,
        partitions: 1.5,
        messages: 200,
      });
    });
  });

  describe('production', () => {
    it('is log end growth × the partition average record size', () => {
      const usage = usageBetween(
        collection(T0, [
          topicSample(ORDERS, T0, [
            [0, 100, 10_000],
            [0, 10, 5_000],
          ]),
        ]),
        collection(T1, [
          topicSample(ORDERS, T1, [
            [0, 300, 30_000], // 100 bytes a record
            [0, 20, 10_000], // 500 bytes a record
          ]),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 210,
        producedBytes: 200 * 100 + 10 * 500,
        producedBytesBasis: 'logEndGrowth',
        notes: [],
      });
    });

    it('is not changed by retention deleting records', () => {
      const usage = usageBetween(
        collection(T0, [topicSample(ORDERS, T0, [[0, 100, 10_000]])]),
        collection(T1, [topicSample(ORDERS, T1, [[150, 250, 10_000]])]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 150,
        producedBytes: 15_000,
        messages: 100,
      });
    });

    it('counts a partition added during the interval from offset 0', () => {
      const usage = usageBetween(
        collection(T0, [topicSample(ORDERS, T0, [[0, 100, 10_000]])]),
        collection(T1, [
          topicSample(ORDERS, T1, [
            [0, 100, 10_000],
            [0, 40, 4_000],
          ]),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 40,
        producedBytes: 4_000,
      });
    });

    it('counts a log end that moved backwards as 0 and says so', () => {
      const usage = usageBetween(
        collection(T0, [
          topicSample(ORDERS, T0, [
            [0, 100, 10_000],
            [0, 100, 10_000],
          ]),
        ]),
        collection(T1, [
          topicSample(ORDERS, T1, [
            [0, 90, 9_000],
            [0, 110, 11_000],
          ]),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 10,
        producedBytes: 1_000,
        notes: ['logEndReset'],
      });
    });

    it('falls back to the topic average when the partition holds no records', () => {
      const usage = usageBetween(
        collection(T0, [
          topicSample(ORDERS, T0, [
            [0, 10, 2_000],
            [0, 5, 0],
          ]),
        ]),
        collection(T1, [
          // Partition 1: every record deleted, so only the topic knows a size.
          topicSample(ORDERS, T1, [
            [0, 10, 2_000],
            [25, 25, 0],
          ]),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 20,
        producedBytes: 20 * 200,
        notes: [],
      });
    });

    it('counts bytes as 0 when no record was ever measured, and says so', () => {
      const usage = usageBetween(
        collection(T0, [topicSample(ORDERS, T0, [[0, 0, 0]])]),
        collection(T1, [topicSample(ORDERS, T1, [[7, 7, 0]])]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 7,
        producedBytes: 0,
        notes: ['noRecordSize'],
      });
    });

    it('takes broker counters when both collections have one', () => {
      const usage = usageBetween(
        collection(T0, [
          topicSample(ORDERS, T0, [[0, 100, 10_000]], {
            producedBytesTotal: 1_000_000,
          }),
        ]),
        collection(T1, [
          topicSample(ORDERS, T1, [[0, 200, 20_000]], {
            producedBytesTotal: 1_012_345,
          }),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 100,
        producedBytes: 12_345,
        producedBytesBasis: 'brokerMetrics',
      });
    });

    it('reads a counter that went down as restarted from zero', () => {
      const usage = usageBetween(
        collection(T0, [
          topicSample(ORDERS, T0, [[0, 100, 10_000]], {
            producedBytesTotal: 1_000_000,
          }),
        ]),
        collection(T1, [
          topicSample(ORDERS, T1, [[0, 200, 20_000]], {
            producedBytesTotal: 4_000,
          }),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedBytes: 4_000,
        producedBytesBasis: 'brokerMetrics',
        notes: ['counterReset'],
      });
    });

    it('estimates from log end growth when one end has no counter', () => {
      const usage = usageBetween(
        collection(T0, [topicSample(ORDERS, T0, [[0, 100, 10_000]])]),
        collection(T1, [
          topicSample(ORDERS, T1, [[0, 200, 20_000]], {
            producedBytesTotal: 99,
          }),
        ]),
      );

      expect(usage.topics[0]).toMatchObject({
        producedBytes: 10_000,
        producedBytesBasis: 'logEndGrowth',
      });
    });
  });

  describe('topics appearing and disappearing', () => {
    it('takes a new topic as a baseline', () => {
      const usage = usageBetween(
        collection(T0, [topicSample(ORDERS, T0, [[0, 100, 10_000]])]),
        collection(T1, [
          topicSample(ORDERS, T1, [[0, 100, 10_000]]),
          topicSample(AUDIT, T1, [[0, 70, 7_000]]),
        ]),
      );

      expect(
        usage.topics.map(t => [t.topic, t.producedOffsets, t.notes]),
      ).toEqual([
        [AUDIT, 0, ['baseline']],
        [ORDERS, 0, []],
      ]);
    });

    it('takes a topic recreated under the same name as new, for its groups too', () => {
      const usage = usageBetween(
        collection(
          T0,
          [topicSample(ORDERS, T0, [[0, 900, 90_000]], { topicId: 'old' })],
          [groupSample('acme.billing.r', 'acme.billing', ORDERS, T0, [800])],
        ),
        collection(
          T1,
          [topicSample(ORDERS, T1, [[0, 50, 5_000]], { topicId: 'new' })],
          [groupSample('acme.billing.r', 'acme.billing', ORDERS, T1, [40])],
        ),
      );

      expect(usage.topics[0]).toMatchObject({
        producedOffsets: 0,
        storageBytes: 0,
        notes: ['topicRecreated'],
      });
      expect(usage.consumption[0]).toMatchObject({
        consumedOffsets: 0,
        notes: ['topicRecreated'],
      });
    });

    it('lists a deleted topic once, with nothing counted', () => {
      const usage = usageBetween(
        collection(T0, [topicSample(AUDIT, T0, [[0, 70, 7_000]])]),
        collection(T1, []),
      );

      expect(usage.topics).toEqual([
        expect.objectContaining({
          topic: AUDIT,
          ownerAppId: 'acme.shop',
          storageBytes: 0,
          messages: 0,
          notes: ['topicDeleted'],
        }),
      ]);
    });
  });

  describe('consumption', () => {
    const before = topicSample(ORDERS, T0, [
      [0, 100, 10_000],
      [0, 100, 30_000],
    ]);
    const after = topicSample(ORDERS, T1, [
      [0, 200, 20_000], // 100 bytes a record
      [0, 200, 60_000], // 300 bytes a record
    ]);

    function consumption(
      previousOffsets: Array<number | undefined> | undefined,
      currentOffsets: Array<number | undefined>,
      previousTopic = before,
      currentTopic = after,
    ) {
      const group = 'acme.billing.orders-reader';
      return usageBetween(
        collection(
          T0,
          [previousTopic],
          previousOffsets
            ? [groupSample(group, 'acme.billing', ORDERS, T0, previousOffsets)]
            : [],
        ),
        collection(
          T1,
          [currentTopic],
          [groupSample(group, 'acme.billing', ORDERS, T1, currentOffsets)],
        ),
      ).consumption;
    }

    it('is offsets consumed × the partition average record size', () => {
      expect(consumption([50, 100], [150, 110])).toEqual([
        {
          groupId: 'acme.billing.orders-reader',
          consumerAppId: 'acme.billing',
          topic: ORDERS,
          ownerAppId: 'acme.shop',
          consumedOffsets: 110,
          consumedBytes: 100 * 100 + 10 * 300,
          notes: [],
        },
      ]);
    });

    it('takes a new group as a baseline', () => {
      expect(consumption(undefined, [150, 110])[0]).toMatchObject({
        consumedOffsets: 0,
        consumedBytes: 0,
        notes: ['baseline'],
      });
    });

    it('takes a partition the group first commits on as a baseline', () => {
      expect(consumption([50, undefined], [150, 110])[0]).toMatchObject({
        consumedOffsets: 100,
        consumedBytes: 10_000,
        notes: ['baseline'],
      });
    });

    it('counts a partition added during the interval from offset 0', () => {
      const grown = topicSample(ORDERS, T1, [
        [0, 200, 20_000],
        [0, 200, 60_000],
        [0, 30, 3_000],
      ]);
      expect(
        consumption([50, 100], [50, 100, 30], before, grown)[0],
      ).toMatchObject({ consumedOffsets: 30, consumedBytes: 3_000, notes: [] });
    });

    it('counts an offset moved backwards as 0 and says so', () => {
      expect(consumption([90, 100], [10, 150])[0]).toMatchObject({
        consumedOffsets: 50,
        consumedBytes: 50 * 300,
        notes: ['offsetReset'],
      });
    });

    it('does not count records retention deleted before the group read them', () => {
      const trimmed = topicSample(ORDERS, T0, [
        [60, 100, 4_000],
        [0, 100, 30_000],
      ]);
      expect(consumption([20, 100], [100, 100], trimmed)[0]).toMatchObject({
        consumedOffsets: 40,
        consumedBytes: 4_000,
        notes: ['belowLogStart'],
      });
    });

    it('keeps groups of no known app-id, with a null consumer', () => {
      const usage = usageBetween(
        collection(
          T0,
          [before],
          [groupSample('console-consumer-42', null, ORDERS, T0, [0, 0])],
        ),
        collection(
          T1,
          [after],
          [groupSample('console-consumer-42', null, ORDERS, T1, [200, 200])],
        ),
      );

      expect(usage.consumption).toEqual([
        expect.objectContaining({
          groupId: 'console-consumer-42',
          consumerAppId: null,
          consumedOffsets: 400,
          consumedBytes: 200 * 100 + 200 * 300,
        }),
      ]);
    });

    it('refuses offsets on a topic the collection has no sample of', () => {
      expect(() =>
        usageBetween(
          collection(T0, []),
          collection(
            T1,
            [],
            [groupSample('acme.billing.r', 'acme.billing', ORDERS, T1, [5])],
          ),
        ),
      ).toThrow(
        /offsets of group "acme.billing.r" on topic "acme.shop._public.orders" but no sample of that topic/,
      );
    });
  });

  describe('restart safety', () => {
    // Constant record sizes (100 bytes) so that bytes add up across intervals exactly.
    const c0 = collection(
      T0,
      [topicSample(ORDERS, T0, [[0, 100, 10_000]])],
      [groupSample('acme.billing.r', 'acme.billing', ORDERS, T0, [40])],
    );
    const c1 = collection(
      T1,
      [topicSample(ORDERS, T1, [[0, 180, 18_000]])],
      [groupSample('acme.billing.r', 'acme.billing', ORDERS, T1, [150])],
    );
    const c2 = collection(
      T2,
      [topicSample(ORDERS, T2, [[0, 300, 30_000]])],
      [groupSample('acme.billing.r', 'acme.billing', ORDERS, T2, [290])],
    );

    it('gives the same answer for the same pair, however often it is computed', () => {
      const first = usageBetween(c0, c1);
      const again = usageBetween(structuredClone(c0), structuredClone(c1));
      expect(again).toEqual(first);
    });

    it('counts the same totals when a collection in between is missing', () => {
      const stepwise = [usageBetween(c0, c1), usageBetween(c1, c2)];
      const skipped = usageBetween(c0, c2);

      const total = (key: 'producedOffsets' | 'producedBytes') =>
        stepwise.reduce((sum, u) => sum + u.topics[0][key], 0);
      const consumed = (key: 'consumedOffsets' | 'consumedBytes') =>
        stepwise.reduce((sum, u) => sum + u.consumption[0][key], 0);

      expect(skipped.topics[0].producedOffsets).toBe(total('producedOffsets'));
      expect(skipped.topics[0].producedBytes).toBe(total('producedBytes'));
      expect(skipped.consumption[0].consumedOffsets).toBe(
        consumed('consumedOffsets'),
      );
      expect(skipped.consumption[0].consumedBytes).toBe(
        consumed('consumedBytes'),
      );
      expect(skipped.hours).toBe(stepwise[0].hours + stepwise[1].hours);
    });

    it('counts nothing twice after losing every earlier collection', () => {
      // A restart that lost its history starts over from a baseline...
      const restarted = usageBetween(undefined, c1);
      // ...and the next interval counts only what happened after it.
      const next = usageBetween(c1, c2);

      expect(restarted.topics[0].producedOffsets).toBe(0);
      expect(restarted.consumption[0].consumedOffsets).toBe(0);
      expect(next.topics[0].producedOffsets).toBe(120);
      expect(next.consumption[0].consumedOffsets).toBe(140);
    });
  });
});
