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
import type { LagHistoryPoint } from '../../api';
import {
  chartPointsOf,
  describeRange,
  formatTime,
  hasEstimates,
  summarizeHistory,
} from './lagHistory';

const point = (
  minute: number,
  lag: number,
  estimatedSeconds: number | null = null,
): LagHistoryPoint => ({
  at: new Date(Date.UTC(2026, 10, 24, 8, minute)).toISOString(),
  lag,
  estimatedSeconds,
});

describe('lag history', () => {
  it('draws every point of a short history, times in milliseconds', () => {
    const points = [point(0, 5, 2), point(15, 0, 0)];
    expect(chartPointsOf(points)).toEqual([
      { at: Date.UTC(2026, 10, 24, 8, 0), lag: 5, estimatedSeconds: 2 },
      { at: Date.UTC(2026, 10, 24, 8, 15), lag: 0, estimatedSeconds: 0 },
    ]);
  });

  it('draws a long history as its most behind point of each run, in order', () => {
    // Ten collections, five drawn: each pair keeps its larger lag.
    const lags = [1, 9, 3, 2, 0, 0, 7, 8, 4, 5];
    const points = lags.map((lag, minute) => point(minute, lag, lag * 10));
    const drawn = chartPointsOf(points, 5);
    expect(drawn.map(p => p.lag)).toEqual([9, 3, 0, 8, 5]);
    expect(drawn.map(p => p.estimatedSeconds)).toEqual([90, 30, 0, 80, 50]);
    expect(drawn.map(p => p.at)).toEqual(
      [1, 2, 4, 7, 9].map(minute => Date.UTC(2026, 10, 24, 8, minute)),
    );
    // However long: never more than asked for, the peak always kept.
    const many = Array.from({ length: 43_200 }, (_, i) =>
      point(i, i === 12_345 ? 1_000_000 : i % 7),
    );
    const drawnMany = chartPointsOf(many, 500);
    expect(drawnMany).toHaveLength(500);
    expect(Math.max(...drawnMany.map(p => p.lag))).toBe(1_000_000);
  });

  it('says whether any collection had a time estimate', () => {
    expect(hasEstimates(chartPointsOf([point(0, 3), point(1, 4)]))).toBe(false);
    expect(hasEstimates(chartPointsOf([point(0, 3), point(1, 0, 0)]))).toBe(
      true,
    );
  });

  it('sums the history up: span, latest, and the worst moment when it was worse', () => {
    const points = [point(0, 10, 60), point(15, 1204, 170), point(30, 3, 5)];
    expect(summarizeHistory(points)).toBe(
      `3 collections from ${formatTime(points[0].at)} to ${formatTime(
        points[2].at,
      )}. Latest: 3 messages · ≈ 5 s behind. Most behind: 1,204 messages · ≈ 3 min behind, at ${formatTime(
        points[1].at,
      )}.`,
    );
    expect(summarizeHistory([point(0, 0, 0)])).toBe(
      `1 collection, at ${formatTime(point(0, 0).at)}. Latest: caught up.`,
    );
    expect(summarizeHistory([])).toBe('');
  });

  it('names its ranges', () => {
    expect(describeRange(1)).toBe('Last 24 hours');
    expect(describeRange(30)).toBe('Last 30 days');
  });
});
