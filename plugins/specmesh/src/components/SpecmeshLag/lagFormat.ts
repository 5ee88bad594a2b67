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
import type { GroupLag } from '../../api';

const COUNT = new Intl.NumberFormat('en-US');

/** A count as people read it: `1,204`. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A duration rounded to what a reader acts on: `45 s`, `3 min`, `2.5 h`, `4 d`. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return '< 1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const hours = seconds / 3600;
  if (hours < 24)
    return `${
      hours < 10 ? hours.toFixed(1).replace(/\.0$/, '') : Math.round(hours)
    } h`;
  return `${Math.round(hours / 24)} d`;
}

/** The time estimate of a lag: `≈ 3 min`, `< 1 s`, or `unknown` when history cannot tell. */
export function formatEstimate(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  return seconds < 1 ? '< 1 s' : `≈ ${formatDuration(seconds)}`;
}

/** Messages behind, with the time estimate when history gives one. */
export function describeLag(
  lag: Pick<GroupLag, 'lag' | 'estimatedSeconds'>,
): string {
  if (lag.lag === 0) return 'caught up';
  const messages = `${formatCount(lag.lag)} ${
    lag.lag === 1 ? 'message' : 'messages'
  }`;
  if (lag.estimatedSeconds === null) return `${messages} behind (time unknown)`;
  return `${messages} · ${formatEstimate(lag.estimatedSeconds)} behind`;
}

/** Who a group reads for: its data product's app-id, or that no spec claims it. */
export function describeReader(
  group: Pick<GroupLag, 'groupId' | 'consumerAppId'>,
): string {
  return group.consumerAppId
    ? `${group.consumerAppId} (group ${group.groupId})`
    : `unattributed group ${group.groupId}`;
}

/** The readers most behind first, then by group id: the first line is the one to act on. */
export function byLagDescending(a: GroupLag, b: GroupLag): number {
  return b.lag - a.lag || a.groupId.localeCompare(b.groupId);
}
