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
import { pageOf } from './memoryPage';

interface Row {
  name: string;
  size?: number;
}

const rows: Row[] = [
  { name: 'b', size: 2 },
  { name: 'a10', size: 10 },
  { name: 'a9' },
  { name: 'c', size: 1 },
];

describe('a page of rows in memory', () => {
  it('slices the page asked for, in the order the rows have, with fresh objects', () => {
    const { result } = pageOf(rows, { page: 1, pageSize: 3 });
    expect(result).toEqual({ data: [rows[3]], page: 1, totalCount: 4 });
    expect(result.data[0]).not.toBe(rows[3]);
  });

  it('sorts every row by the column asked for, rows without a value last whichever the direction', () => {
    const byName = pageOf(rows, {
      page: 0,
      pageSize: 4,
      orderBy: { field: 'name' },
      orderDirection: 'asc',
    });
    expect(byName.result.data.map(r => r.name)).toEqual([
      'a9',
      'a10',
      'b',
      'c',
    ]);
    const bySizeDesc = pageOf(rows, {
      page: 0,
      pageSize: 4,
      orderBy: { field: 'size' },
      orderDirection: 'desc',
    });
    expect(bySizeDesc.result.data.map(r => r.name)).toEqual([
      'a10',
      'b',
      'c',
      'a9',
    ]);
  });

  it('keeps the sorted rows while the rows and the order stay, and sorts again when they change', () => {
    const query = {
      page: 0,
      pageSize: 2,
      orderBy: { field: 'name' },
      orderDirection: 'asc',
    };
    const first = pageOf(rows, query);
    expect(pageOf(rows, { ...query, page: 1 }, first.sorted).sorted).toBe(
      first.sorted,
    );
    expect(pageOf([...rows], query, first.sorted).sorted).not.toBe(
      first.sorted,
    );
  });

  it('answers the first page when the one asked for is past the end', () => {
    const { result } = pageOf(rows.slice(0, 2), { page: 3, pageSize: 2 });
    expect(result.page).toBe(0);
    expect(result.data.map(r => r.name)).toEqual(['b', 'a10']);
  });
});
