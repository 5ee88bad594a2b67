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
import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { StatusChip } from '../shared';

/** A data product the catalog knows to read some of this one's topics. */
export interface ConsumerRow {
  entity: Entity;
  appId?: string;
  topic: string;
  granted: boolean;
}

const columns: TableColumn<ConsumerRow>[] = [
  {
    title: 'Consumer',
    render: row => <EntityRefLink entityRef={row.entity} />,
  },
  { title: 'App-id', field: 'appId' },
  { title: 'Reads', field: 'topic' },
  {
    title: 'Granted by the spec',
    field: 'granted',
    render: row =>
      row.granted ? (
        <StatusChip tone="good" label="yes" />
      ) : (
        <StatusChip tone="bad" label="no: its reads will be refused" />
      ),
  },
];

/** The consumers of this data product's topics that the catalog knows. */
export const ConsumersTable = (props: { rows: ConsumerRow[] }) => (
  <Table<ConsumerRow>
    title="Consumers the catalog knows"
    subtitle="Data products whose specs read these topics"
    columns={columns}
    data={props.rows.map(row => ({ ...row }))}
    options={{ paging: false, search: false, padding: 'dense' }}
    emptyContent={
      <Typography variant="body2" style={{ padding: 16 }}>
        No data product in the catalog reads these topics yet.
      </Typography>
    }
  />
);
