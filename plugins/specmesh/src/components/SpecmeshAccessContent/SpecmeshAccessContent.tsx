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
import { useMemo } from 'react';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import {
  RequireSpecmeshEntity,
  SpecmeshErrorPanel,
  useDesiredStateAndStatus,
  useTopicResources,
} from '../shared';
import { AccessMatrixTable } from './AccessMatrixTable';
import {
  IncomingRequestsTable,
  OutgoingRequestsTable,
} from './AccessRequestsTables';
import { ConsumersTable } from './ConsumersTable';
import { topicAccessRows, ungrantedReads } from './topicAccess';
import { RequestAccessCard } from './RequestAccessCard';
import { UngrantedReadsPanel } from './UngrantedReadsPanel';
import { useConsumers, useReadTopicOwners } from './useAccessLookups';
import { useAccessRequestsUi } from './useAccessRequestsUi';

/**
 * The access the backend's rule book derives from the spec (its principal
 * map applied, as the cluster's ACLs follow it), beside the cluster's ACLs.
 */
const AccessOfDataProduct = () => {
  const { entity } = useEntity();
  const { desired, status } = useDesiredStateAndStatus(
    getCompoundEntityRef(entity),
  );
  const state = desired.value?.state;
  const principals = desired.value?.principals;
  const resources = useTopicResources(
    state?.topics.map(t => t.name) ?? [],
    entity,
  );
  const consumers = useConsumers(state, resources.value, principals);
  const readOwners = useReadTopicOwners(state);
  const requests = useAccessRequestsUi(stringifyEntityRef(entity));
  // Once per answer, not per render: the matrix pages and searches these.
  const statusItems = status.value?.items;
  const rows = useMemo(
    () => (state ? topicAccessRows(state, statusItems) : []),
    [state, statusItems],
  );

  if (desired.loading) {
    return <Progress />;
  }
  if (desired.error) {
    return (
      <SpecmeshErrorPanel
        error={desired.error}
        what="derive the access of this spec"
        badRequestFix="Fix what the message names on the entity or in its AsyncAPI file."
      />
    );
  }
  if (!state) {
    return (
      <EmptyState
        missing="data"
        title="No access to show"
        description="The spec has errors that keep the rule book from deriving its ACLs. The Topics tab lists them; fix them and the access matrix appears here."
      />
    );
  }

  return (
    <Grid container spacing={3} direction="column">
      {status.error && (
        <Grid item>
          <SpecmeshErrorPanel
            error={status.error}
            what="see the cluster's ACLs"
          />
        </Grid>
      )}
      <Grid item>
        <AccessMatrixTable
          state={state}
          rows={rows}
          statusLoading={status.loading}
          principals={principals}
          onRevoke={requests.canDecide ? requests.revoke : undefined}
        />
      </Grid>
      {!requests.ownsThis && (requests.own.value ?? []).length > 0 && (
        <Grid item>
          <RequestAccessCard
            state={state}
            own={requests.own.value ?? []}
            principals={principals}
            onRequest={requests.askFromOwner}
          />
        </Grid>
      )}
      <Grid item>
        <IncomingRequestsTable
          requests={requests.incoming}
          canDecide={requests.canDecide}
          onChanged={requests.refresh}
        />
      </Grid>
      <Grid item>
        {consumers.error && (
          <SpecmeshErrorPanel
            error={consumers.error}
            what="find the consumers"
          />
        )}
        {consumers.loading && <Progress />}
        {consumers.value && <ConsumersTable rows={consumers.value} />}
      </Grid>
      <Grid item>
        {readOwners.error && (
          <SpecmeshErrorPanel
            error={readOwners.error}
            what="find the owners of the topics this spec reads"
          />
        )}
        {readOwners.loading && <Progress />}
        {readOwners.value && (
          <UngrantedReadsPanel
            reads={ungrantedReads(state, readOwners.value)}
            dependencyCount={state.dependencies.length}
            onRequest={requests.ownsThis ? requests.askForThis : undefined}
          />
        )}
      </Grid>
      <Grid item>
        <OutgoingRequestsTable requests={requests.outgoing} />
      </Grid>
      {requests.dialogs}
    </Grid>
  );
};

/**
 * The Access tab of an API entity: who can write and read each topic, as
 * the spec says and as the cluster has it; who consumes the topics; which
 * of this spec's own reads are not granted; and the access requests to and
 * from this data product, with the ways to ask, decide and revoke.
 */
export const SpecmeshAccessContent = () => {
  const { entity } = useEntity();
  const definition = entity.spec?.definition;
  return (
    <RequireSpecmeshEntity>
      {typeof definition === 'string' && definition.trim() !== '' ? (
        <AccessOfDataProduct />
      ) : (
        <EmptyState
          missing="field"
          title="No AsyncAPI definition"
          description="This API entity has no spec.definition to derive access from. Register the data product's AsyncAPI file in the catalog."
        />
      )}
    </RequireSpecmeshEntity>
  );
};
