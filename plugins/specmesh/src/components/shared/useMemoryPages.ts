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
import { TableOptions } from '@backstage/core-components';
import { MutableRefObject, useCallback, useEffect, useRef } from 'react';
import { pageOf, SortedRows, TablePage, TablePageQuery } from './memoryPage';

/**
 * A Backstage table's `data` and `tableRef` for rows in memory, paged as if
 * from a server: give the table `fetchPage` as its data and `tableRef` as its
 * ref. New rows (a filter, a late answer) make the table ask again, from the
 * first page when the one it was on is gone.
 */
export function useMemoryPages<Row extends object>(
  rows: readonly Row[],
): {
  tableRef: MutableRefObject<any>;
  fetchPage: (query: TablePageQuery) => Promise<TablePage<Row>>;
} {
  const tableRef = useRef<any>();
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const sorted = useRef<SortedRows<Row>>();
  const fetchPage = useCallback((query: TablePageQuery) => {
    const page = pageOf(rowsRef.current, query, sorted.current);
    sorted.current = page.sorted;
    return Promise.resolve(page.result);
  }, []);
  const shownRows = useRef(rows);
  useEffect(() => {
    if (shownRows.current === rows) return;
    shownRows.current = rows;
    tableRef.current?.onQueryChange();
  }, [rows]);
  return { tableRef, fetchPage };
}

/**
 * The options of a table paged by {@link useMemoryPages}: its own search off (it
 * would see one page only; a search above the table replaces it), a pager only
 * beyond one page, and no loading overlay (a page cut from memory would flash one).
 */
export function memoryPagedOptions<Row extends object>(
  rowCount: number,
  pageSize: number,
): TableOptions<Row> {
  return {
    search: false,
    paging: rowCount > pageSize,
    pageSize,
    pageSizeOptions: [25, 50, 100],
    padding: 'dense',
    loadingType: 'linear',
  };
}
