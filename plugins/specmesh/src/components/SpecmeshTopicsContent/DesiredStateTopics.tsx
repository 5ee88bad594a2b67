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
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { EntityStatus, StatusItem } from '../../api';
import {
  SpecmeshErrorPanel,
  useDesiredStateAndStatus,
  useTopicResources,
} from '../shared';
import { ConsumedTopicsTable } from './ConsumedTopicsTable';
import { OwnedTopicsTable } from './OwnedTopicsTable';
import { SpecProblemsPanel } from './SpecProblemsPanel';
import { useReadersLag } from '../SpecmeshLag/useReadersLag';
import { backendMessage } from '../SpecmeshAccessContent/backendMessage';

function statusByKey(status: EntityStatus, kind: StatusItem['kind']) {
  return new Map<string, StatusItem>(
    status.items
      .filter(item => item.kind === kind)
      .map(item => [item.key, item]),
  );
}

/**
 * The topics the backend's rule book derives from the entity's spec, its
 * findings on the spec, and the live status of each topic.
 */
export const DesiredStateTopics = (props: { entity: Entity }) => {
  const entityRef = getCompoundEntityRef(props.entity);
  const { desired, status } = useDesiredStateAndStatus(entityRef);
  const state = desired.value?.state;
  const live = useMemo(
    () =>
      status.value && {
        byTopic: statusByKey(status.value, 'topic'),
        bySubject: statusByKey(status.value, 'schema'),
      },
    [status.value],
  );
  const lag = useReadersLag(stringifyEntityRef(entityRef));
  const resources = useTopicResources(
    state?.topics.map(topic => topic.name) ?? [],
    props.entity,
  );

  if (desired.loading) {
    return <Progress />;
  }
  if (desired.error) {
    return (
      <SpecmeshErrorPanel
        error={desired.error}
        what="derive the topics of this spec"
        badRequestFix="Fix what the message names on the entity or in its AsyncAPI file."
      />
    );
  }
  const problems = desired.value?.problems ?? [];

  return (
    <Grid container spacing={3} direction="column">
      {problems.length > 0 && (
        <Grid item>
          <SpecProblemsPanel problems={problems} />
        </Grid>
      )}
      {state && lag.error && (
        <Grid item>
          <SpecmeshErrorPanel error={lag.error} what="see the readers' lag" />
        </Grid>
      )}
      {state && status.error && (
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
                statusByTopic: live?.byTopic,
                statusBySubject: live?.bySubject,
                resourcesByTopic: resources.value,
                lag: {
                  loading: lag.loading,
                  unavailable: lag.error && backendMessage(lag.error),
                  collected: Boolean(lag.value?.collectedAt),
                  readersByTopic: lag.value?.byTopic,
                },
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
