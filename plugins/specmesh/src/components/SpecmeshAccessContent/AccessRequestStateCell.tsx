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
import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { AccessRequest, AccessRequestState } from '../../api';
import { StatusChip } from '../shared';

const STATE_LABELS: Record<
  AccessRequestState,
  { label: string; tone: 'good' | 'bad' | 'warn' | 'neutral' }
> = {
  pending: { label: 'pending', tone: 'warn' },
  approved: { label: 'approved', tone: 'neutral' },
  'proposal-failed': { label: 'proposal failed', tone: 'bad' },
  granted: { label: 'granted', tone: 'good' },
  denied: { label: 'denied', tone: 'bad' },
  withdrawn: { label: 'withdrawn', tone: 'neutral' },
  revoked: { label: 'revoked', tone: 'good' },
};

/** What an approved request still waits for, from the backend's last check. */
function waitingFor(request: AccessRequest): string | undefined {
  if (request.state !== 'approved') {
    return undefined;
  }
  const check = request.grantCheck;
  const inSpec =
    request.kind === 'grant'
      ? 'spec carries the grant'
      : 'spec drops the grant';
  const onCluster =
    request.kind === 'grant'
      ? 'cluster’s ACLs follow'
      : 'cluster’s ACLs are gone';
  if (!check) {
    return `Waiting until the owner’s ${inSpec} and the ${onCluster}.`;
  }
  const specDone =
    request.kind === 'grant' ? check.specHasGrant : !check.specHasGrant;
  if (!specDone) {
    return `Waiting until the proposal is merged and the catalog’s ${inSpec}.`;
  }
  return `The ${inSpec}; waiting until the ${onCluster} (the reconcile or an owner’s apply).`;
}

/** A request's state, its proposal's link and the decision's comment. */
export const AccessRequestStateCell = (props: { request: AccessRequest }) => {
  const { request } = props;
  const { label, tone } = STATE_LABELS[request.state] ?? {
    label: request.state,
    tone: 'neutral',
  };
  const waiting = waitingFor(request);
  return (
    <>
      <StatusChip label={label} tone={tone} />
      {request.proposal?.url && (
        <Typography variant="body2">
          <Link to={request.proposal.url}>proposal</Link>
          {request.proposal.description
            ? `: ${request.proposal.description}`
            : ''}
        </Typography>
      )}
      {!request.proposal?.url && request.proposal?.description && (
        <Typography variant="body2">{request.proposal.description}</Typography>
      )}
      {request.proposal?.error && (
        <Typography variant="body2" color="error">
          {request.proposal.error}
        </Typography>
      )}
      {waiting && (
        <Typography variant="caption" color="textSecondary">
          {waiting}
        </Typography>
      )}
      {request.decisionComment && (
        <Typography variant="body2">
          “{request.decisionComment}”
          {request.decidedBy
            ? ` (${request.decidedBy.replace(/^user:default\//, '')})`
            : ''}
        </Typography>
      )}
    </>
  );
};
