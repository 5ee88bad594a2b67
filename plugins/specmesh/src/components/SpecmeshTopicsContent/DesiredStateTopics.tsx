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
import { EmptyState } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ConsumedTopicsTable } from './ConsumedTopicsTable';
import { desiredStateOfDefinition } from './desiredStateOfDefinition';
import { OwnedTopicsTable } from './OwnedTopicsTable';
import { SpecProblemsPanel } from './SpecProblemsPanel';

/** The topics an AsyncAPI definition implies, and the rule book's findings on it. */
export const DesiredStateTopics = (props: { definition: string }) => {
  const { state, problems } = useMemo(
    () => desiredStateOfDefinition(props.definition),
    [props.definition],
  );

  return (
    <Grid container spacing={3} direction="column">
      {problems.length > 0 && (
        <Grid item>
          <SpecProblemsPanel problems={problems} />
        </Grid>
      )}
      {state ? (
        <>
          <Grid item>
            <OwnedTopicsTable state={state} />
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
