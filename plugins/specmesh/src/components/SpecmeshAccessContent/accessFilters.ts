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
import type { TopicAccessRow } from './topicAccess';

/** What the reader narrowed the access matrix to; absent means all. */
export interface AccessFilters {
  /** Words, each of which must be in the topic's name or in who it names. */
  q?: string;
  /** Only the rights where the spec and the cluster differ. */
  onlyDifferences?: boolean;
}

/** A right the spec grants and the cluster lacks, or the cluster has and the spec does not grant. */
export function differs(row: TopicAccessRow): boolean {
  return row.live === 'missing' || row.live === 'unexpected';
}

const lower = (text: string) => text.toLocaleLowerCase('en-US');

/**
 * The rows the filters keep, in their order. `whoOf` names a row's
 * principal as the matrix shows it, so that a search finds what is on screen.
 */
export function filterAccessRows(
  rows: readonly TopicAccessRow[],
  filters: AccessFilters,
  whoOf: (row: TopicAccessRow) => string,
): TopicAccessRow[] {
  const words = lower(filters.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 && !filters.onlyDifferences) return rows.slice();
  return rows.filter(row => {
    if (filters.onlyDifferences && !differs(row)) return false;
    if (words.length === 0) return true;
    const text = lower(`${row.topic}\n${row.principal}\n${whoOf(row)}`);
    return words.every(word => text.includes(word));
  });
}

/** How many topics the rows are about. */
export function topicCount(rows: readonly TopicAccessRow[]): number {
  return new Set(rows.map(row => row.topic)).size;
}

const plural = (count: number, one: string, many: string) =>
  count === 1 ? one : many;

/**
 * The matrix's totals: `200 topics, 600 rights`, or what the filters keep of
 * them, `11 of 200 topics, 33 of 600 rights`; `topics` is how many the spec
 * declares.
 */
export function describeTotals(
  topics: number,
  rows: readonly TopicAccessRow[],
  shown: readonly TopicAccessRow[],
): string {
  if (shown.length === rows.length) {
    return `${topics} ${plural(topics, 'topic', 'topics')}, ${
      rows.length
    } ${plural(rows.length, 'right', 'rights')}`;
  }
  return `${topicCount(shown)} of ${topics} ${plural(
    topics,
    'topic',
    'topics',
  )}, ${shown.length} of ${rows.length} ${plural(
    rows.length,
    'right',
    'rights',
  )}`;
}
