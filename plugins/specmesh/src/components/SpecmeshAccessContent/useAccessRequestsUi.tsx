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
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Typography from '@material-ui/core/Typography';
import { specmeshAccessDecidePermission } from '@meshport/plugin-specmesh-common';
import { ReactNode, useEffect, useState } from 'react';
import { specmeshApiRef } from '../../api';
import { DecideDialog } from './DecideDialog';
import { RequestAccessDialog } from './RequestAccessDialog';
import {
  OwnDataProduct,
  useAccessRequests,
  useOwnDataProducts,
} from './useAccessRequests';

// While a request waits for its grant to show, look again this often.
const APPROVED_POLL_MS = 10_000;

type Asking = {
  topic: string;
  candidates: OwnDataProduct[];
  requesterEntityRef?: string;
};

/**
 * Everything the Access tab needs for requests on one data product's page:
 * the visitor's own data products, whether they may decide, the requests to
 * and from this data product, and the dialogs that ask, decide and revoke.
 */
export function useAccessRequestsUi(entityRef: string) {
  const specmeshApi = useApi(specmeshApiRef);
  const own = useOwnDataProducts();
  const decide = usePermission({
    permission: specmeshAccessDecidePermission,
    resourceRef: entityRef,
  });
  const incoming = useAccessRequests({ ownerEntityRef: entityRef });
  const outgoing = useAccessRequests({ requesterEntityRef: entityRef });
  const [asking, setAsking] = useState<Asking>();
  const [revoking, setRevoking] = useState<{ topic: string; appId: string }>();

  // An approved request turns granted when the spec and the cluster show it;
  // reading it one by one makes the backend check it now.
  // As one string, so that the effect restarts only when the set changes.
  const approvedIds = JSON.stringify(
    [...(incoming.value ?? []), ...(outgoing.value ?? [])]
      .filter(request => request.state === 'approved')
      .map(request => request.id),
  );
  const { retry: retryIncoming } = incoming;
  const { retry: retryOutgoing } = outgoing;
  useEffect(() => {
    const ids: string[] = JSON.parse(approvedIds);
    if (ids.length === 0) {
      return undefined;
    }
    const timer = setInterval(async () => {
      await Promise.all(
        ids.map(id => specmeshApi.getAccessRequest(id).catch(() => undefined)),
      );
      retryIncoming();
      retryOutgoing();
    }, APPROVED_POLL_MS);
    return () => clearInterval(timer);
  }, [approvedIds, specmeshApi, retryIncoming, retryOutgoing]);

  const ownsThis = (own.value ?? []).find(p => p.entityRef === entityRef);

  const dialogs: ReactNode = (
    <>
      {asking && (
        <RequestAccessDialog
          topic={asking.topic}
          candidates={asking.candidates}
          requesterEntityRef={asking.requesterEntityRef}
          onClose={sent => {
            setAsking(undefined);
            if (sent) {
              retryOutgoing();
              retryIncoming();
            }
          }}
        />
      )}
      {revoking && (
        <DecideDialog
          title="Revoke read access"
          confirmLabel="Revoke"
          commentRequired
          onConfirm={async comment => {
            await specmeshApi.revokeAccess({
              topic: revoking.topic,
              granteeAppId: revoking.appId,
              comment,
            });
            retryIncoming();
          }}
          onClose={() => setRevoking(undefined)}
        >
          <Typography variant="body2">
            Proposes removing grant-access:{revoking.appId} from{' '}
            <strong>{revoking.topic}</strong> in this data product’s spec; the
            cluster’s ACL goes once the change is applied.
          </Typography>
        </DecideDialog>
      )}
    </>
  );

  return {
    own,
    /** The visitor may approve, deny and revoke for this data product. */
    canDecide: !decide.loading && decide.allowed,
    incoming,
    outgoing,
    /** The visitor owns this data product, so may ask for its reads. */
    ownsThis: !!ownsThis,
    askFromOwner: (topic: string, candidates: OwnDataProduct[]) =>
      setAsking({ topic, candidates }),
    askForThis: (topic: string) =>
      ownsThis &&
      setAsking({
        topic,
        candidates: [ownsThis],
        requesterEntityRef: entityRef,
      }),
    revoke: (topic: string, appId: string) => setRevoking({ topic, appId }),
    refresh: () => {
      retryIncoming();
      retryOutgoing();
    },
    dialogs,
  };
}
