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
import { formatBytes, formatMoney } from '../shared';
import { Consumption, TopicCost } from './costSummary';

const empty = (text: string) => (
  <Typography variant="body2" style={{ padding: 16 }}>
    {text}
  </Typography>
);

/** What each owned topic costs, by category. */
export const TopicCostTable = (props: {
  rows: TopicCost[];
  currency: string;
}) => {
  const money = (amount: number) => formatMoney(amount, props.currency);
  const columns: TableColumn<TopicCost>[] = [
    { title: 'Topic', field: 'topic', highlight: true },
    {
      title: 'Storage',
      field: 'storage',
      type: 'numeric',
      render: row => money(row.storage),
    },
    {
      title: 'Partitions',
      field: 'partitions',
      type: 'numeric',
      render: row => money(row.partitions),
    },
    {
      title: 'Production',
      field: 'production',
      type: 'numeric',
      render: row => money(row.production),
    },
    {
      title: 'Total',
      field: 'total',
      type: 'numeric',
      render: row => money(row.total),
    },
  ];
  return (
    <Table<TopicCost>
      title="By topic"
      columns={columns}
      data={props.rows.map(row => ({ ...row }))}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={empty(
        'No cost recorded for this data product’s topics in this range.',
      )}
    />
  );
};

/** Who consumes what and pays how much; used both ways round. */
export const ConsumptionTable = (props: {
  title: string;
  subtitle: string;
  partyTitle: string;
  rows: Consumption[];
  currency: string;
  emptyText: string;
}) => {
  const columns: TableColumn<Consumption>[] = [
    { title: props.partyTitle, field: 'party', highlight: true },
    { title: 'Topics', render: row => row.topics.join(', ') },
    {
      title: 'Consumed',
      field: 'bytes',
      type: 'numeric',
      render: row => formatBytes(row.bytes),
    },
    {
      title: 'Cost',
      field: 'amount',
      type: 'numeric',
      render: row => formatMoney(row.amount, props.currency),
    },
  ];
  return (
    <Table<Consumption>
      title={props.title}
      subtitle={props.subtitle}
      columns={columns}
      data={props.rows.map(row => ({ ...row }))}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={empty(props.emptyText)}
    />
  );
};
