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
import { ReactNode } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { AccessLevelChip } from '../SpecmeshTopicsContent/AccessLevelChip';
import { DottedName } from './DottedName';
import { TopicDriftCell } from './TopicDriftCell';
import type { TopicRow } from './topicFilters';
import { memoryPagedOptions, useMemoryPages } from '../shared/useMemoryPages';

// The grantee a `grant-access:_public` tag names: every authenticated principal.
const PUBLIC_GRANTEE = '_public';

// Pages only for a mesh too large to see at once.
const PAGE_SIZE = 25;

const Grantees = (props: { grantees: string[] }) => {
  if (props.grantees.length === 0) {
    return <>none</>;
  }
  return (
    <>
      {props.grantees.map(grantee => (
        <div key={grantee}>
          {grantee === PUBLIC_GRANTEE ? (
            'all authenticated principals'
          ) : (
            <DottedName name={grantee} />
          )}
        </div>
      ))}
    </>
  );
};

// The theme lets table cells break words anywhere, which squeezes columns of
// long dotted names into slivers; these break after dots and at spaces.
// One object per column: the table writes the highlight's weight into it.
const cellStyle = () => ({ wordBreak: 'normal' as const });

const columns = (
  [
    {
      title: 'Topic',
      field: 'topic',
      highlight: true,
      render: row => (
        <EntityRefLink entityRef={row.entityRef}>
          <DottedName name={row.topic} />
        </EntityRefLink>
      ),
    },
    {
      title: 'App-id',
      field: 'appId',
      render: row => (row.appId ? <DottedName name={row.appId} /> : '—'),
    },
    {
      title: 'Owner',
      field: 'ownerRef',
      render: row =>
        row.ownerRef ? (
          <EntityRefLink entityRef={row.ownerRef} defaultKind="group" />
        ) : (
          '—'
        ),
    },
    {
      title: 'Access',
      field: 'access',
      render: row =>
        row.access ? <AccessLevelChip access={row.access} /> : '—',
    },
    {
      title: 'Partitions',
      field: 'partitions',
      type: 'numeric',
      render: row => row.partitions ?? 'cluster default',
    },
    {
      title: 'Grantees',
      sorting: false,
      render: row => <Grantees grantees={row.grantees} />,
    },
    {
      title: 'Consumers',
      sorting: false,
      render: row =>
        row.consumerRefs.length > 0 ? (
          <EntityRefLinks entityRefs={row.consumerRefs} defaultKind="api" />
        ) : (
          'none'
        ),
    },
    {
      title: 'Drift',
      sorting: false,
      render: row => <TopicDriftCell drift={row.drift} />,
    },
  ] satisfies TableColumn<TopicRow>[]
).map(
  (column): TableColumn<TopicRow> => ({
    ...column,
    cellStyle: cellStyle(),
  }),
);

/**
 * The topics the filters keep, one row each. The table asks for one page at a
 * time, as from a server, and gets a slice of the rows in memory: it never
 * holds, compares or renders more than a page of a mesh's thousands of topics.
 */
export const TopicExplorerTable = (props: {
  rows: TopicRow[];
  total: number;
  /** Said after the count while the catalog's pages still arrive. */
  reading?: string;
  loading: boolean;
  emptyContent: ReactNode;
}) => {
  const { rows, total, reading, loading, emptyContent } = props;
  const count =
    rows.length === total ? `${total}` : `${rows.length} of ${total}`;
  // New rows (a filter, a page of the catalog, the drift report) ask again.
  const { tableRef, fetchPage } = useMemoryPages(rows);
  return (
    <Table<TopicRow>
      tableRef={tableRef}
      title={`${count} topic${total === 1 ? '' : 's'}${reading ?? ''}`}
      columns={columns}
      data={fetchPage}
      isLoading={loading}
      // The page's own search and filters, kept in the URL, replace the table's.
      options={memoryPagedOptions<TopicRow>(rows.length, PAGE_SIZE)}
      localization={{
        body: {
          emptyDataSourceMessage: (
            <Typography component="div" variant="body2">
              {emptyContent}
            </Typography>
          ) as any,
        },
      }}
    />
  );
};
