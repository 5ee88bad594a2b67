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
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef } from '../../api';
import {
  RequireSpecmeshEntity,
  SpecmeshErrorPanel,
  useTopicResources,
} from '../shared';
import { desiredStateOfDefinition } from '../SpecmeshTopicsContent/desiredStateOfDefinition';
import { AccessMatrixTable } from './AccessMatrixTable';
import { ConsumersTable } from './ConsumersTable';
import { topicAccessRows, ungrantedReads } from './topicAccess';
import { UngrantedReadsPanel } from './UngrantedReadsPanel';
import { useConsumers, useOwnerStates } from './useAccessLookups';

const AccessOfDefinition = (props: { definition: string }) => {
  const { entity } = useEntity();
  const { state } = useMemo(
    () => desiredStateOfDefinition(props.definition),
    [props.definition],
  );
  const specmeshApi = useApi(specmeshApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const status = useAsync(
    async () => (state ? specmeshApi.getStatus(entityRef) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [specmeshApi, stringifyRef(entityRef), state],
  );
  // The backend applies the cluster's principal map, which the cluster's ACLs
  // follow; the browser's own state shows until it answers, or if it cannot.
  const served = useAsync(
    async () => (state ? specmeshApi.getDesiredState(entityRef) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [specmeshApi, stringifyRef(entityRef), state],
  );
  const principals = served.value?.principals;
  const matrixState = served.value?.state ?? state;
  const resources = useTopicResources(state?.topics.map(t => t.name) ?? []);
  const consumers = useConsumers(matrixState, resources.value, principals);
  const owners = useOwnerStates(state);

  if (!state || !matrixState) {
    return (
      <EmptyState
        missing="data"
        title="No access to show"
        description="The spec has errors that keep the rule book from deriving its ACLs. The Topics tab lists them; fix them and the access matrix appears here."
      />
    );
  }

  const rows = topicAccessRows(matrixState, status.value?.items);
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
          state={matrixState}
          rows={rows}
          statusLoading={status.loading || served.loading}
          principals={principals}
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
        {owners.error && (
          <SpecmeshErrorPanel
            error={owners.error}
            what="read the owners' specs"
          />
        )}
        {owners.loading && <Progress />}
        {owners.value && (
          <UngrantedReadsPanel
            reads={ungrantedReads(state, owners.value)}
            dependencyCount={state.dependencies.length}
          />
        )}
      </Grid>
    </Grid>
  );
};

function stringifyRef(ref: { kind: string; namespace: string; name: string }) {
  return `${ref.kind}:${ref.namespace}/${ref.name}`;
}

/**
 * The Access tab of an API entity: who can write and read each topic, as
 * the spec says and as the cluster has it; who consumes the topics; and
 * which of this spec's own reads are not granted.
 */
export const SpecmeshAccessContent = () => {
  const { entity } = useEntity();
  const definition = entity.spec?.definition;
  return (
    <RequireSpecmeshEntity>
      {typeof definition === 'string' && definition.trim() !== '' ? (
        <AccessOfDefinition definition={definition} />
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
