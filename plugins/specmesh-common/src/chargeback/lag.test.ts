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

import { collection, groupSample, topicSample } from './__testUtils__/fixtures';
import {
  estimateLagSeconds,
  groupLags,
  LagHistorySources,
  LogEndPoint,
  logEndPointOf,
} from './lag';
import type { ChargebackCollection } from './samples';

const ORDERS = 'acme.shop._public.orders';
const T0 = '2026-03-01T00:00:00.000Z';
const T1 = '2026-03-01T00:01:00.000Z';
const T2 = '2026-03-01T00:02:00.000Z';

function point(at: string, ...logEndOffsets: number[]): LogEndPoint {
  return { at, logEndOffsets };
}

describe('estimateLagSeconds', () => {
  it('is 0 when the group is at the log end', () => {
    expect(estimateLagSeconds(0, 100, [point(T1, 100)])).toBe(0);
  });

  it('interpolates the time the log end passed the committed offset', () => {
    // Log end 100 at T0, 160 at T1 (60 s later), 200 at T2: offset 130 was reached
    // half-way between T0 and T1, 90 s before T2.
    const history = [point(T0, 100), point(T1, 160), point(T2, 200)];
    expect(estimateLagSeconds(0, 130, history)).toBe(90);
  });

  it('counts from the point itself when the log end was exactly there', () => {
    const history = [point(T0, 100), point(T1, 160), point(T2, 200)];
    expect(estimateLagSeconds(0, 160, history)).toBe(60);
  });

  it('takes the latest time the log end was at or below the offset', () => {
    // The log end stayed at 100 from T0 to T1, then grew: the group fell behind at T1.
    const history = [point(T0, 100), point(T1, 100), point(T2, 200)];
    expect(estimateLagSeconds(0, 100, history)).toBe(60);
  });

  it('is null when the history does not reach back to the committed offset', () => {
    expect(
      estimateLagSeconds(0, 10, [point(T0, 100), point(T1, 160)]),
    ).toBeNull();
    expect(estimateLagSeconds(0, 10, [point(T1, 160)])).toBeNull();
  });

  it('reads only the asked partition and skips points without it', () => {
    const history: LogEndPoint[] = [
      { at: T0, logEndOffsets: [0, 50] },
      { at: T1, logEndOffsets: [0, null] },
      { at: T2, logEndOffsets: [0, 170] },
    ];
    expect(estimateLagSeconds(1, 110, history)).toBe(60);
  });

  it('does not read the history of an earlier topic of the same name', () => {
    const history: LogEndPoint[] = [
      { at: T0, topicId: 'old', logEndOffsets: [0] },
      { at: T1, topicId: 'new', logEndOffsets: [40] },
      { at: T2, topicId: 'new', logEndOffsets: [80] },
    ];
    expect(estimateLagSeconds(0, 10, history)).toBeNull();
  });

  it('is null when offsets went down (a log that was replaced)', () => {
    expect(
      estimateLagSeconds(0, 10, [point(T0, 5), point(T1, 500), point(T2, 80)]),
    ).toBeNull();
  });
});

describe('groupLags', () => {
  const topicAt = (at: string, ...ends: number[]) =>
    topicSample(
      ORDERS,
      at,
      ends.map(end => [0, end, 0]),
    );

  it('computes lag per partition and in total, and keeps unattributed groups', () => {
    const current = collection(
      T2,
      [topicAt(T2, 200, 50, 10)],
      [
        groupSample('acme.billing.orders', 'acme.billing', ORDERS, T2, [
          130,
          50,
          undefined,
        ]),
        groupSample('adhoc-reader', null, ORDERS, T2, [200]),
      ],
    );
    const history = new Map([
      [
        ORDERS,
        [
          logEndPointOf(topicAt(T0, 100, 50, 10)),
          logEndPointOf(topicAt(T1, 160, 50, 10)),
        ],
      ],
    ]);

    const [billing, adhoc] = groupLags(current, { history });

    expect(billing).toEqual({
      groupId: 'acme.billing.orders',
      consumerAppId: 'acme.billing',
      topic: ORDERS,
      ownerAppId: 'acme.shop',
      lag: 70,
      estimatedSeconds: 90,
      partitions: [
        {
          partition: 0,
          committedOffset: 130,
          logEndOffset: 200,
          lag: 70,
          estimatedSeconds: 90,
        },
        {
          partition: 1,
          committedOffset: 50,
          logEndOffset: 50,
          lag: 0,
          estimatedSeconds: 0,
        },
      ],
    });
    expect(adhoc).toMatchObject({
      groupId: 'adhoc-reader',
      consumerAppId: null,
      lag: 0,
      estimatedSeconds: 0,
    });
  });

  it('never reports a negative lag (a committed offset past a truncated log end)', () => {
    const current = collection(
      T1,
      [topicAt(T1, 5)],
      [groupSample('g', null, ORDERS, T1, [9])],
    );
    expect(groupLags(current)[0]).toMatchObject({
      lag: 0,
      estimatedSeconds: 0,
    });
  });

  it('has no estimate for a lagging group without history', () => {
    const current = collection(
      T1,
      [topicAt(T1, 100)],
      [groupSample('g', null, ORDERS, T1, [40])],
    );
    expect(groupLags(current)[0]).toMatchObject({
      lag: 60,
      estimatedSeconds: null,
    });
  });

  it('leaves out groups on topics the collection did not sample', () => {
    const current = collection(
      T1,
      [],
      [groupSample('g', null, ORDERS, T1, [40])],
    );
    expect(groupLags(current)).toEqual([]);
  });
});

describe('estimates carried over from the previous collection', () => {
  const topicAt = (at: string, ...ends: number[]) =>
    topicSample(
      ORDERS,
      at,
      ends.map(end => [0, end, 0]),
    );
  const T3 = '2026-03-01T00:03:00.000Z';
  const at = (time: string, end: number, offset: number) =>
    collection(
      time,
      [topicAt(time, end)],
      [groupSample('g', null, ORDERS, time, [offset])],
    );
  const history = [
    logEndPointOf(topicAt(T0, 100)),
    logEndPointOf(topicAt(T1, 160)),
  ];
  /** The topics a computation asks the log end history for. */
  const askedFor = (
    sampled: ChargebackCollection,
    previous?: LagHistorySources['previous'],
  ) => {
    const asked: string[] = [];
    groupLags(sampled, {
      previous,
      history: {
        get: topic => {
          asked.push(topic);
          return undefined;
        },
      },
    });
    return asked;
  };

  it('match the history walk while the group stays put', () => {
    const [atT2] = groupLags(at(T2, 200, 130), {
      history: new Map([[ORDERS, history]]),
    });
    const previous = () => ({ at: T2, partitions: atT2.partitions });
    // No history given: carried over, 60 s later.
    const [atT3] = groupLags(at(T3, 260, 130), { previous });
    expect(atT3.estimatedSeconds).toBe(150);
    const walked = groupLags(at(T3, 260, 130), {
      history: new Map([
        [ORDERS, [...history, logEndPointOf(topicAt(T2, 200))]],
      ]),
    });
    expect(walked[0].estimatedSeconds).toBe(150);
    expect(askedFor(at(T3, 260, 130), previous)).toEqual([]);
  });

  it('interpolate when the log end passed the offset since the previous collection', () => {
    const [caughtUp] = groupLags(at(T1, 130, 130));
    const previous = () => ({ at: T1, partitions: caughtUp.partitions });
    // Log end 130 at T1, 190 at T2: 130 was passed at T1, 60 s ago.
    expect(groupLags(at(T2, 190, 130), { previous })[0].estimatedSeconds).toBe(
      60,
    );
  });

  it('stay unknown while the group stays further behind than the history', () => {
    const [unknown] = groupLags(at(T1, 160, 10));
    expect(unknown.estimatedSeconds).toBeNull();
    const previous = () => ({ at: T1, partitions: unknown.partitions });
    expect(
      groupLags(at(T2, 200, 10), { previous })[0].estimatedSeconds,
    ).toBeNull();
  });

  it('need the history once the group moved, or the log end went back', () => {
    const [before] = groupLags(at(T1, 160, 100));
    const previous = () => ({ at: T1, partitions: before.partitions });
    expect(askedFor(at(T2, 200, 150), previous)).toEqual([ORDERS]);
    expect(askedFor(at(T2, 20, 10), previous)).toEqual([ORDERS]);
    expect(askedFor(at(T2, 200, 100), previous)).toEqual([]);
    expect(askedFor(at(T2, 200, 200), previous)).toEqual([]);
    expect(askedFor(at(T2, 200, 100))).toEqual([ORDERS]);
  });
});
