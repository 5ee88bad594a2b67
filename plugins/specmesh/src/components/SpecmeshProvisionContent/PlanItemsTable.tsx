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
import {
  AppliedItemState,
  PlanChange,
  PlanItem,
  PlanItemState,
  SpecmeshItemKind,
} from '../../api';
import { StatusChip } from '../shared';

type AnyState = PlanItemState | AppliedItemState;

const STATE_TONES: Record<AnyState, 'good' | 'bad' | 'warn' | 'neutral'> = {
  CREATE: 'warn',
  UPDATE: 'warn',
  DELETE: 'bad',
  UNCHANGED: 'neutral',
  BLOCKED: 'bad',
  CREATED: 'good',
  UPDATED: 'good',
  DELETED: 'good',
  FAILED: 'bad',
};

const KIND_WORDS: Record<SpecmeshItemKind, string> = {
  topic: 'Topic',
  acl: 'ACL',
  schema: 'Schema',
};

function describeChange(change: PlanChange): string {
  return `${change.field}: ${change.before ?? 'unset'} → ${
    change.after ?? 'default'
  }`;
}

/** A plan item or an applied one: what, its state, and why. */
export type ProvisionRow = Omit<PlanItem, 'state'> & {
  state: AnyState;
  message?: string;
};

const columns: TableColumn<ProvisionRow>[] = [
  { title: 'Kind', field: 'kind', render: row => KIND_WORDS[row.kind] },
  { title: 'Item', field: 'key', highlight: true },
  {
    title: 'State',
    field: 'state',
    render: row => (
      <StatusChip
        tone={STATE_TONES[row.state]}
        label={row.state.toLowerCase()}
      />
    ),
  },
  {
    title: 'Details',
    sorting: false,
    render: row => (
      <>
        {row.unmanaged && (
          <Typography variant="body2" component="div">
            not declared by the spec
          </Typography>
        )}
        {(row.changes ?? []).map(change => (
          <Typography key={change.field} variant="body2" component="div">
            {describeChange(change)}
          </Typography>
        ))}
        {row.reason && (
          <Typography variant="body2" component="div">
            {row.reason}
          </Typography>
        )}
        {row.message && (
          <Typography variant="body2" component="div" color="error">
            {row.message}
          </Typography>
        )}
      </>
    ),
  },
];

/** The items of a plan or of an apply's result. */
export const PlanItemsTable = (props: {
  title: string;
  subtitle?: string;
  rows: ProvisionRow[];
}) => (
  <Table<ProvisionRow>
    title={props.title}
    subtitle={props.subtitle}
    columns={columns}
    data={props.rows.map(row => ({ ...row }))}
    options={{ paging: false, search: true, padding: 'dense' }}
    emptyContent={
      <Typography variant="body2" style={{ padding: 16 }}>
        The spec implies nothing to provision.
      </Typography>
    }
  />
);
