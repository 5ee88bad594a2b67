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
import { describeTopicTotals, searchRows } from './topicSearch';

const rows = [
  { name: 'acme.a._public.events_1', grantee: 'acme.reader' },
  { name: 'acme.a._private.events_17', grantee: '' },
  { name: 'acme.a._public.events_170', grantee: 'Acme.Other' },
];
const textOf = (row: (typeof rows)[number]) => `${row.name}\n${row.grantee}`;

describe('searchRows', () => {
  it('keeps every row, the same array, for a search of no words', () => {
    expect(searchRows(rows, '', textOf)).toBe(rows);
    expect(searchRows(rows, '  \t', textOf)).toBe(rows);
  });

  it('keeps the rows with every word, ignoring case, in their order', () => {
    expect(searchRows(rows, 'EVENTS_17', textOf).map(row => row.name)).toEqual([
      'acme.a._private.events_17',
      'acme.a._public.events_170',
    ]);
    expect(
      searchRows(rows, 'events_17 acme.other', textOf).map(row => row.name),
    ).toEqual(['acme.a._public.events_170']);
    expect(searchRows(rows, 'no such topic', textOf)).toEqual([]);
  });
});

describe('describeTopicTotals', () => {
  it('says how many topics there are, and how many a search keeps', () => {
    expect(describeTopicTotals(200, 200)).toBe('200 topics');
    expect(describeTopicTotals(1, 1)).toBe('1 topic');
    expect(describeTopicTotals(11, 200)).toBe('11 of 200 topics');
    expect(describeTopicTotals(0, 1)).toBe('0 of 1 topic');
  });
});
