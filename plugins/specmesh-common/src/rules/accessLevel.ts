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
import type { AccessLevel } from '../model';

/** What the first segment of a topic's relative name says about access. */
export type AccessLevelReading =
  | { kind: 'level'; level: AccessLevel }
  /** No level segment: treated as `protected` (secure by default), with a warning. */
  | { kind: 'missing' }
  /** Starts with `_` but is no level: a typo such as `_pubic` or `_Public`. */
  | { kind: 'typo'; segment: string };

const LEVEL_BY_SEGMENT: ReadonlyMap<string, AccessLevel> = new Map([
  ['_public', 'public'],
  ['_protected', 'protected'],
  ['_private', 'private'],
]);

/** The level segments as written in names, for messages. */
export const ACCESS_LEVEL_SEGMENTS = [
  '_public',
  '_protected',
  '_private',
] as const;

/** The access level a segment names, if it names one. */
export function accessLevelOfSegment(segment: string): AccessLevel | undefined {
  return LEVEL_BY_SEGMENT.get(segment);
}

/**
 * Reads the access level from a name relative to the owner's app-id
 * (`_public.user_signed_up`).
 */
export function readAccessLevel(relativeName: string): AccessLevelReading {
  const dot = relativeName.indexOf('.');
  const first = dot === -1 ? relativeName : relativeName.slice(0, dot);
  const level = LEVEL_BY_SEGMENT.get(first);
  if (level) return { kind: 'level', level };
  if (first.startsWith('_')) return { kind: 'typo', segment: first };
  return { kind: 'missing' };
}

/** The level segment closest to a typo, to suggest in the fix. */
export function suggestAccessLevel(typo: string): string {
  const lower = typo.toLowerCase();
  let best: string = ACCESS_LEVEL_SEGMENTS[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of ACCESS_LEVEL_SEGMENTS) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
