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
import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ApplyRecord } from '../../api';
import { StatusChip } from '../shared';

const STATUS_TONES = {
  running: 'neutral',
  succeeded: 'good',
  blocked: 'warn',
  failed: 'bad',
} as const;

function changedCount(record: ApplyRecord): number {
  return (record.result?.items ?? []).filter(item =>
    ['CREATED', 'UPDATED', 'DELETED'].includes(item.state),
  ).length;
}

const columns: TableColumn<ApplyRecord>[] = [
  {
    title: 'Started',
    field: 'startedAt',
    render: row => new Date(row.startedAt).toLocaleString('en-US'),
  },
  { title: 'By', field: 'actor' },
  { title: 'Cluster', field: 'cluster' },
  {
    title: 'Status',
    field: 'status',
    render: row => (
      <StatusChip tone={STATUS_TONES[row.status]} label={row.status} />
    ),
  },
  {
    title: 'Changed',
    sorting: false,
    render: row => (row.error ? row.error : `${changedCount(row)} items`),
  },
];

/** The applies of a data product, newest first. */
export const ApplyHistoryTable = (props: {
  records: ApplyRecord[];
  totalCount: number;
}) => (
  <Table<ApplyRecord>
    title="History of applies"
    subtitle={
      props.totalCount > props.records.length
        ? `The latest ${props.records.length} of ${props.totalCount}`
        : undefined
    }
    columns={columns}
    data={props.records.map(record => ({ ...record }))}
    options={{ paging: false, search: false, padding: 'dense' }}
    emptyContent={
      <Typography variant="body2" style={{ padding: 16 }}>
        This data product has never been applied from the portal.
      </Typography>
    }
  />
);
