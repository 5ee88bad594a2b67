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
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ANY_PRINCIPAL, DesiredState } from '@meshport/plugin-specmesh-common';
import { StatusChip } from '../shared';
import { memoryPagedOptions, useMemoryPages } from '../shared/useMemoryPages';
import {
  AccessFilters,
  describeTotals,
  differs,
  filterAccessRows,
} from './accessFilters';
import { AccessMatrixFilters } from './AccessMatrixFilters';
import { TopicAccessRow } from './topicAccess';

// Pages only for a data product too large to see at once (a few rights a topic).
const PAGE_SIZE = 50;

/** A principal in words: the owner, everyone, or the app-id it stands for. */
export function describePrincipal(
  principal: string,
  state: DesiredState,
  principals: Record<string, string> = {},
): string {
  if (principal === ANY_PRINCIPAL) {
    return 'everyone (any authenticated principal)';
  }
  if (principal === state.principal) {
    return `owner (${state.appId})`;
  }
  const mappedFrom = Object.keys(principals).find(
    appId => principals[appId] === principal,
  );
  if (mappedFrom) {
    return `${mappedFrom} (${principal})`;
  }
  return principal.replace(/^User:/, '');
}

/** The app-id a spec's read grant names, when the row is one (not the owner, not everyone). */
export function granteeAppIdOf(
  row: TopicAccessRow,
  state: DesiredState,
  principals: Record<string, string> = {},
): string | undefined {
  if (
    row.operation !== 'READ' ||
    !row.inSpec ||
    row.principal === ANY_PRINCIPAL ||
    row.principal === state.principal
  ) {
    return undefined;
  }
  const mappedFrom = Object.keys(principals).find(
    appId => principals[appId] === row.principal,
  );
  return mappedFrom ?? row.principal.replace(/^User:/, '');
}

const LiveCell = (props: { row: TopicAccessRow; statusLoading: boolean }) => {
  const { row, statusLoading } = props;
  if (statusLoading) {
    return <Typography variant="body2">checking…</Typography>;
  }
  switch (row.live) {
    case 'in-sync':
    case 'drifted':
      return <StatusChip tone="good" label="in place" />;
    case 'missing':
      return <StatusChip tone="bad" label="missing on the cluster" />;
    case 'unexpected':
      return <StatusChip tone="warn" label="on the cluster, not in the spec" />;
    case undefined:
      return <Typography variant="body2">not checked</Typography>;
    default:
      return <StatusChip tone="neutral" label={row.live} />;
  }
};

/**
 * Who can write and read each owned topic, with the spec's and the cluster's
 * answers side by side. The rows are searched and paged in memory: a data
 * product of hundreds of topics renders one page of them.
 */
export const AccessMatrixTable = (props: {
  state: DesiredState;
  rows: TopicAccessRow[];
  statusLoading: boolean;
  /** The cluster's principal map, to name mapped principals by app-id. */
  principals?: Record<string, string>;
  /** Given (to the owners), a Revoke action on each read grant of another app-id. */
  onRevoke?: (topic: string, granteeAppId: string) => void;
}) => {
  const { state, rows, statusLoading, principals } = props;
  const [filters, setFilters] = useState<AccessFilters>({});
  const shown = useMemo(
    () =>
      filterAccessRows(rows, filters, row =>
        describePrincipal(row.principal, state, principals),
      ),
    [rows, filters, state, principals],
  );
  const differences = useMemo(() => rows.filter(differs).length, [rows]);
  const { tableRef, fetchPage } = useMemoryPages(shown);
  const columns: TableColumn<TopicAccessRow>[] = [
    { title: 'Topic', field: 'topic', highlight: true },
    {
      title: 'Can',
      field: 'operation',
      render: row => (row.operation === 'WRITE' ? 'write' : 'read'),
    },
    {
      title: 'Who',
      field: 'principal',
      render: row => describePrincipal(row.principal, state, principals),
    },
    {
      title: 'Spec',
      field: 'inSpec',
      render: row => (row.inSpec ? 'granted' : 'not granted'),
    },
    {
      title: 'Cluster',
      sorting: false,
      render: row => <LiveCell row={row} statusLoading={statusLoading} />,
    },
  ];
  const onRevoke = props.onRevoke;
  if (onRevoke) {
    columns.push({
      title: 'Revoke',
      sorting: false,
      render: row => {
        const grantee = granteeAppIdOf(row, state, principals);
        return grantee ? (
          <Button
            size="small"
            variant="outlined"
            aria-label={`Revoke ${grantee}'s read access to ${row.topic}`}
            onClick={() => onRevoke(row.topic, grantee)}
          >
            Revoke
          </Button>
        ) : null;
      },
    });
  }
  return (
    <>
      {rows.length > 0 && (
        <AccessMatrixFilters
          filters={filters}
          onChange={setFilters}
          differences={differences}
          totals={describeTotals(state.topics.length, rows, shown)}
        />
      )}
      <Table<TopicAccessRow>
        tableRef={tableRef}
        title="Who can write and read"
        subtitle="As the spec says, and as the cluster's ACLs are; differences are highlighted"
        columns={columns}
        data={fetchPage}
        options={{
          ...memoryPagedOptions<TopicAccessRow>(shown.length, PAGE_SIZE),
          rowStyle: (row: TopicAccessRow) =>
            differs(row) ? { backgroundColor: 'rgba(239, 108, 0, 0.12)' } : {},
        }}
        localization={{
          body: {
            emptyDataSourceMessage: (
              <Typography component="div" variant="body2">
                {rows.length === 0 ? (
                  'The spec declares no topics of its own.'
                ) : (
                  <>
                    No right matches.{' '}
                    <Button
                      size="small"
                      color="primary"
                      onClick={() => setFilters({})}
                    >
                      Clear the filters
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
};
