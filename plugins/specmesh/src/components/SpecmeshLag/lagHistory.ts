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
import { describeLag } from './lagFormat';

/** The ranges the history offers, in days back. */
export const HISTORY_DAYS = [1, 7, 30];
/** The backend's own default. */
export const DEFAULT_HISTORY_DAYS = 7;

/** The words of a range: `Last 24 hours`, `Last 7 days`. */
export function describeRange(days: number): string {
  return days === 1 ? 'Last 24 hours' : `Last ${days} days`;
}

/**
 * At most this many points are drawn: a collection every minute for 30 days
 * is 43,200 points, more than a chart's width has pixels.
 */
export const MAX_CHART_POINTS = 500;

/** The chart's height, here so that its placeholder needs no chart code. */
export const LAG_CHART_HEIGHT = 280;

/** A point as the chart draws it: time in milliseconds. */
export interface LagChartPoint {
  at: number;
  lag: number;
  estimatedSeconds: number | null;
}

function toChartPoint(point: LagHistoryPoint): LagChartPoint {
  return {
    at: Date.parse(point.at),
    lag: point.lag,
    estimatedSeconds: point.estimatedSeconds,
  };
}

/**
 * The points to draw, oldest first. Beyond `max` points, the history is cut
 * into `max` runs of consecutive collections and each run drawn as its most
 * behind collection: peaks, what a reader of a lag chart looks for, stay.
 */
export function chartPointsOf(
  points: readonly LagHistoryPoint[],
  max = MAX_CHART_POINTS,
): LagChartPoint[] {
  if (points.length <= max) return points.map(toChartPoint);
  const chart: LagChartPoint[] = [];
  for (let run = 0; run < max; run++) {
    const start = Math.floor((run * points.length) / max);
    const end = Math.floor(((run + 1) * points.length) / max);
    let peak = points[start];
    for (let i = start + 1; i < end; i++) {
      if (points[i].lag > peak.lag) peak = points[i];
    }
    chart.push(toChartPoint(peak));
  }
  return chart;
}

/** When, as people read it: `11/24/2026, 8:00 AM`. */
export function formatTime(at: string | number): string {
  return new Date(at).toLocaleString('en-US', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

/**
 * The history in one sentence, for everyone and for screen readers: how many
 * collections over which span, how far behind now, and the worst moment.
 */
export function summarizeHistory(points: readonly LagHistoryPoint[]): string {
  if (points.length === 0) return '';
  const first = points[0];
  const latest = points[points.length - 1];
  let peak = first;
  for (const point of points) if (point.lag > peak.lag) peak = point;
  const span =
    points.length === 1
      ? `1 collection, at ${formatTime(first.at)}`
      : `${points.length} collections from ${formatTime(
          first.at,
        )} to ${formatTime(latest.at)}`;
  const now = `Latest: ${describeLag(latest)}.`;
  const worst =
    peak.lag > latest.lag
      ? ` Most behind: ${describeLag(peak)}, at ${formatTime(peak.at)}.`
      : '';
  return `${span}. ${now}${worst}`;
}

/** Whether any point has a time estimate: without one the chart draws messages only. */
export function hasEstimates(points: readonly LagChartPoint[]): boolean {
  return points.some(point => point.estimatedSeconds !== null);
}
