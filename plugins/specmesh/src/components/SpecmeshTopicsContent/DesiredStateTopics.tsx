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
import { CompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef, StatusItem } from '../../api';
import { SpecmeshErrorPanel, useTopicResources } from '../shared';
import { ConsumedTopicsTable } from './ConsumedTopicsTable';
import { desiredStateOfDefinition } from './desiredStateOfDefinition';
import { OwnedTopicsTable } from './OwnedTopicsTable';
import { SpecProblemsPanel } from './SpecProblemsPanel';

/** The topics an AsyncAPI definition implies, and the rule book's findings on it. */
export const DesiredStateTopics = (props: {
  definition: string;
  entityRef: CompoundEntityRef;
}) => {
  const { definition, entityRef } = props;
  const { state, problems } = useMemo(
    () => desiredStateOfDefinition(definition),
    [definition],
  );
  const specmeshApi = useApi(specmeshApiRef);
  const status = useAsync(async () => {
    // A spec the rule book rejects has nothing for the backend to compare.
    if (!state) {
      return undefined;
    }
    const live = await specmeshApi.getStatus(entityRef);
    const byKey = (kind: StatusItem['kind']) =>
      new Map<string, StatusItem>(
        live.items
          .filter(item => item.kind === kind)
          .map(item => [item.key, item]),
      );
    return { byTopic: byKey('topic'), bySubject: byKey('schema') };
  }, [specmeshApi, entityRef.kind, entityRef.namespace, entityRef.name, state]);
  const resources = useTopicResources(
    state?.topics.map(topic => topic.name) ?? [],
  );

  return (
    <Grid container spacing={3} direction="column">
      {problems.length > 0 && (
        <Grid item>
          <SpecProblemsPanel problems={problems} />
        </Grid>
      )}
      {status.error && (
        <Grid item>
          <SpecmeshErrorPanel error={status.error} what="see the live status" />
        </Grid>
      )}
      {state ? (
        <>
          <Grid item>
            <OwnedTopicsTable
              state={state}
              live={{
                statusLoading: status.loading,
                statusByTopic: status.value?.byTopic,
                statusBySubject: status.value?.bySubject,
                resourcesByTopic: resources.value,
              }}
            />
          </Grid>
          <Grid item>
            <ConsumedTopicsTable dependencies={state.dependencies} />
          </Grid>
        </>
      ) : (
        <Grid item>
          <EmptyState
            missing="data"
            title="No topics to show"
            description="The spec has errors that keep the rule book from deriving its topics. Fix them and the topics appear here."
          />
        </Grid>
      )}
    </Grid>
  );
};
