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

// The Topics tab's tables are searched in memory: the rows are all there,
// and a keystroke asks nothing of the backend or the catalog.

const lower = (text: string) => text.toLocaleLowerCase('en-US');

/**
 * The rows whose text has every word of the search, in their order; all of
 * them when the search has no words. `textOf` is what a row shows to be found
 * by: its topic's name first.
 */
export function searchRows<Row>(
  rows: readonly Row[],
  search: string,
  textOf: (row: Row) => string,
): readonly Row[] {
  const words = lower(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter(row => {
    const text = lower(textOf(row));
    return words.every(word => text.includes(word));
  });
}

/** `200 topics`, or what a search keeps of them: `11 of 200 topics`. */
export function describeTopicTotals(shown: number, total: number): string {
  const topics = `${total} topic${total === 1 ? '' : 's'}`;
  return shown === total ? topics : `${shown} of ${topics}`;
}
