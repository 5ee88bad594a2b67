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
import { useMemo, useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { memoryPagedOptions, useMemoryPages } from '../shared/useMemoryPages';
import { describeTopicTotals, searchRows } from './topicSearch';
import { TopicSearchBar } from './TopicSearchBar';

// Pages only for a data product too large to see at once (a topic's row is
// several lines tall: its configs, schemas and readers).
const PAGE_SIZE = 25;

/**
 * A table of the Topics tab, one row a topic, searched and paged in memory:
 * a data product of hundreds of topics renders one page of them, and neither
 * a page nor a keystroke asks the backend or the catalog anything. The rows
 * carry what was fetched for all topics at once (live status, readers, the
 * topic's entity); give them anew only when that changes.
 */
export function PagedTopicsTable<Row extends object>(props: {
  title: string;
  subtitle?: string;
  columns: TableColumn<Row>[];
  rows: readonly Row[];
  /** What a row is found by: its topic's name first. Stable across renders. */
  textOf: (row: Row) => string;
  /** The search field's id and label. */
  searchId: string;
  searchLabel: string;
  totalsTestId: string;
  /** Said when there are no rows at all. */
  emptyText: string;
}) {
  const { rows, textOf } = props;
  const [search, setSearch] = useState('');
  const shown = useMemo(
    () => searchRows(rows, search, textOf),
    [rows, search, textOf],
  );
  const { tableRef, fetchPage } = useMemoryPages(shown);
  return (
    <>
      {rows.length > 0 && (
        <Box mb={1}>
          <TopicSearchBar
            id={props.searchId}
            label={props.searchLabel}
            search={search}
            onSearch={setSearch}
            totals={describeTopicTotals(shown.length, rows.length)}
            totalsTestId={props.totalsTestId}
          />
        </Box>
      )}
      <Table<Row>
        tableRef={tableRef}
        title={props.title}
        subtitle={props.subtitle}
        columns={props.columns}
        data={fetchPage}
        options={memoryPagedOptions<Row>(shown.length, PAGE_SIZE)}
        localization={{
          body: {
            emptyDataSourceMessage: (
              <Typography component="div" variant="body2">
                {rows.length === 0 ? (
                  props.emptyText
                ) : (
                  <>
                    No topic matches the search.{' '}
                    <Button
                      size="small"
                      color="primary"
                      onClick={() => setSearch('')}
                    >
                      Clear the search
                    </Button>
                  </>
                )}
              </Typography>
            ) as any,
          },
        }}
      />
    </>
  );
}
