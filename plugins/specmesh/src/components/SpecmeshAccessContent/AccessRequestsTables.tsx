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
import { Progress, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { AccessRequest, specmeshApiRef } from '../../api';
import { SpecmeshErrorPanel } from '../shared';
import { AccessRequestStateCell } from './AccessRequestStateCell';
import { DecideDialog } from './DecideDialog';

type Decision = { request: AccessRequest; decision: 'approve' | 'deny' };

const who = (ref: string) => ref.replace(/^user:default\//, '');

const AskedCell = (props: { request: AccessRequest }) => (
  <>
    <Typography variant="body2">{who(props.request.createdBy)}</Typography>
    <Typography variant="caption" color="textSecondary">
      {new Date(props.request.createdAt).toLocaleString('en-US')}
    </Typography>
  </>
);

/**
 * The requests for this data product's topics, pending first: who asks, for
 * which topic and why; Approve and Deny for the people who may decide.
 */
export const IncomingRequestsTable = (props: {
  requests: { loading: boolean; error?: Error; value?: AccessRequest[] };
  canDecide: boolean;
  onChanged: () => void;
}) => {
  const specmeshApi = useApi(specmeshApiRef);
  const [deciding, setDeciding] = useState<Decision>();
  const { requests, canDecide } = props;
  if (requests.loading && !requests.value) {
    return <Progress />;
  }
  if (requests.error) {
    return (
      <SpecmeshErrorPanel
        error={requests.error}
        what="list the access requests"
      />
    );
  }
  const rows = [...(requests.value ?? [])].sort(
    (a, b) => Number(b.state === 'pending') - Number(a.state === 'pending'),
  );
  const columns: TableColumn<AccessRequest>[] = [
    { title: 'Topic', field: 'topic' },
    {
      title: 'For',
      render: r => (
        <>
          <EntityRefLink entityRef={r.requesterEntityRef}>
            {r.requesterAppId}
          </EntityRefLink>
          {r.kind === 'revoke' && (
            <Typography variant="caption"> (revocation)</Typography>
          )}
        </>
      ),
    },
    { title: 'Reason', field: 'reason' },
    { title: 'Asked by', render: r => <AskedCell request={r} /> },
    { title: 'State', render: r => <AccessRequestStateCell request={r} /> },
  ];
  if (canDecide) {
    columns.push({
      title: 'Decide',
      render: r =>
        r.state === 'pending' ? (
          <>
            <Button
              size="small"
              color="primary"
              variant="outlined"
              onClick={() => setDeciding({ request: r, decision: 'approve' })}
            >
              Approve
            </Button>{' '}
            <Button
              size="small"
              variant="outlined"
              onClick={() => setDeciding({ request: r, decision: 'deny' })}
            >
              Deny
            </Button>
          </>
        ) : null,
    });
  }
  const approving = deciding?.decision === 'approve';
  return (
    <>
      <Table<AccessRequest>
        title="Access requests for this data product"
        subtitle={
          canDecide
            ? 'An approval proposes the grant as a change to this spec; the cluster follows once it is applied'
            : 'Members of the owner group decide'
        }
        columns={columns}
        data={rows.map(r => ({ ...r }))}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No one has asked for access to this data product’s topics.
          </Typography>
        }
      />
      {deciding && (
        <DecideDialog
          title={`${approving ? 'Approve' : 'Deny'} read access`}
          confirmLabel={approving ? 'Approve' : 'Deny'}
          commentRequired={!approving}
          onConfirm={async comment => {
            await specmeshApi.decideAccessRequest(deciding.request.id, {
              decision: deciding.decision,
              comment: comment || undefined,
            });
            props.onChanged();
          }}
          onClose={() => setDeciding(undefined)}
        >
          <Typography variant="body2">
            {deciding.request.requesterAppId} asks to read{' '}
            <strong>{deciding.request.topic}</strong>: “
            {deciding.request.reason}”
          </Typography>
          {approving && (
            <Typography variant="body2">
              Approving proposes a grant-access:
              {deciding.request.requesterAppId} tag on the topic in this data
              product’s spec.
            </Typography>
          )}
        </DecideDialog>
      )}
    </>
  );
};

/** This data product's own requests for other data products' topics. */
export const OutgoingRequestsTable = (props: {
  requests: { loading: boolean; error?: Error; value?: AccessRequest[] };
}) => {
  const { requests } = props;
  if (requests.loading && !requests.value) {
    return <Progress />;
  }
  if (requests.error) {
    return (
      <SpecmeshErrorPanel
        error={requests.error}
        what="list this data product’s requests"
      />
    );
  }
  const columns: TableColumn<AccessRequest>[] = [
    { title: 'Topic', field: 'topic' },
    {
      title: 'Owner',
      render: r => (
        <EntityRefLink entityRef={r.ownerEntityRef}>
          {r.ownerAppId}
        </EntityRefLink>
      ),
    },
    { title: 'Reason', field: 'reason' },
    { title: 'Asked by', render: r => <AskedCell request={r} /> },
    { title: 'State', render: r => <AccessRequestStateCell request={r} /> },
  ];
  return (
    <Table<AccessRequest>
      title="This data product’s access requests"
      subtitle="Its requests to read other data products’ topics, with the owners’ decisions"
      columns={columns}
      data={(requests.value ?? []).map(r => ({ ...r }))}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          This data product has not asked for access to any topic.
        </Typography>
      }
    />
  );
};
