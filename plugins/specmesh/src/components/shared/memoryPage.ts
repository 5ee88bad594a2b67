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

// A table of many rows held in memory, paged as if from a server: the
// Backstage table asks for one page at a time and gets a slice, so it never
// holds, compares or renders more than a page (the topic explorer at 10,000
// topics, the access matrix of a data product with hundreds).

/** What a table with remote data asks for: a page, in a column's order. */
export interface TablePageQuery {
  page: number;
  pageSize: number;
  orderBy?: { field?: unknown };
  orderDirection?: string;
}

/** The table's page: its rows and how many there are in all. */
export interface TablePage<Row> {
  data: Row[];
  page: number;
  totalCount: number;
}

/** Rows in a column's order, kept while the rows and the order stay. */
export interface SortedRows<Row> {
  source: readonly Row[];
  field?: string;
  direction?: string;
  rows: readonly Row[];
}

const collator = new Intl.Collator('en-US', { numeric: true });

function compareValues(a: unknown, b: unknown): number {
  // Rows without the value go last, whichever the direction.
  if (a === undefined || a === null)
    return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

function sortRows<Row extends object>(
  rows: readonly Row[],
  field: string | undefined,
  direction: string | undefined,
): readonly Row[] {
  if (!field || !direction) return rows;
  const sign = direction === 'desc' ? -1 : 1;
  const key = field as keyof Row;
  return [...rows].sort((a, b) => {
    const order = compareValues(a[key], b[key]);
    return order === 0 || a[key] === undefined || b[key] === undefined
      ? order
      : sign * order;
  });
}

/**
 * The page of the rows a table's query asks for, in the column order it
 * asks for: a slice, with a fresh object per row because the table writes its
 * bookkeeping into them. A page past the end (the rows shrank) is the first.
 */
export function pageOf<Row extends object>(
  rows: readonly Row[],
  query: TablePageQuery,
  previous?: SortedRows<Row>,
): { result: TablePage<Row>; sorted: SortedRows<Row> } {
  const field =
    typeof query.orderBy?.field === 'string' ? query.orderBy.field : undefined;
  const direction = query.orderDirection || undefined;
  const sorted =
    previous &&
    previous.source === rows &&
    previous.field === field &&
    previous.direction === direction
      ? previous
      : {
          source: rows,
          field,
          direction,
          rows: sortRows(rows, field, direction),
        };
  const size = Math.max(1, query.pageSize);
  const page = query.page * size < sorted.rows.length ? query.page : 0;
  return {
    result: {
      data: sorted.rows
        .slice(page * size, (page + 1) * size)
        .map(row => ({ ...row })),
      page,
      totalCount: sorted.rows.length,
    },
    sorted,
  };
}
