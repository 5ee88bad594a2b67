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
import { useState } from 'react';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { specmeshEntityProvisionPermission } from '@meshport/plugin-specmesh-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { PlanResponse, specmeshApiRef } from '../../api';
import { RequireSpecmeshEntity, SpecmeshErrorPanel } from '../shared';
import { ApplyHistoryTable } from './ApplyHistoryTable';
import { PlanItemsTable } from './PlanItemsTable';

function pendingCount(plan: PlanResponse): number {
  const { CREATE, UPDATE, DELETE } = plan.summary;
  return CREATE + UPDATE + DELETE;
}

function describeSummary(plan: PlanResponse): string {
  return (['CREATE', 'UPDATE', 'DELETE', 'BLOCKED', 'UNCHANGED'] as const)
    .map(state => `${plan.summary[state]} to ${state.toLowerCase()}`)
    .join(', ')
    .replace('to unchanged', 'unchanged')
    .replace('to blocked', 'blocked');
}

const ProvisionPanel = () => {
  const { entity } = useEntity();
  const entityRef = getCompoundEntityRef(entity);
  const refString = stringifyEntityRef(entity);
  const specmeshApi = useApi(specmeshApiRef);
  const permission = usePermission({
    permission: specmeshEntityProvisionPermission,
    resourceRef: refString,
  });
  const [applyCount, setApplyCount] = useState(0);

  const plan = useAsyncRetry(
    () => specmeshApi.plan(entityRef),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [specmeshApi, refString, applyCount],
  );
  const history = useAsyncRetry(
    () => specmeshApi.listApplies(entityRef, { limit: 20 }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [specmeshApi, refString, applyCount],
  );
  const [applied, apply] = useAsyncFn(async () => {
    try {
      return await specmeshApi.apply(entityRef);
    } finally {
      setApplyCount(count => count + 1);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specmeshApi, refString]);

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        {plan.loading && !plan.value && <Progress />}
        {plan.error && (
          <SpecmeshErrorPanel
            error={plan.error}
            what="plan this data product"
          />
        )}
        {plan.value && (
          <>
            <Box display="flex" alignItems="center" mb={2}>
              <Box flexGrow={1}>
                <Typography variant="h6">
                  Plan against cluster {plan.value.cluster}
                </Typography>
                <Typography variant="body2">
                  {describeSummary(plan.value)}
                </Typography>
              </Box>
              <Button
                variant="outlined"
                onClick={plan.retry}
                disabled={applied.loading}
              >
                Plan again
              </Button>
              {permission.allowed && (
                <Box ml={1}>
                  <Button
                    variant="contained"
                    color="primary"
                    onClick={() => apply()}
                    disabled={applied.loading || pendingCount(plan.value) === 0}
                  >
                    Apply
                  </Button>
                </Box>
              )}
            </Box>
            {!permission.loading && !permission.allowed && (
              <Typography variant="body2" paragraph>
                You may view this plan but not apply it: only the data product's
                owners may provision it.
              </Typography>
            )}
            {applied.loading && (
              <Box mb={2}>
                <Typography variant="body2">
                  Applying {pendingCount(plan.value)} changes…
                </Typography>
                <LinearProgress />
              </Box>
            )}
            <PlanItemsTable
              title="Plan"
              subtitle="What an apply would change on the cluster and the schema registry"
              rows={plan.value.plan.items}
            />
          </>
        )}
      </Grid>
      {applied.error && (
        <Grid item>
          <SpecmeshErrorPanel
            error={applied.error}
            what="apply this data product"
          />
        </Grid>
      )}
      {applied.value && (
        <Grid item>
          <PlanItemsTable
            title={`Apply ${applied.value.status}`}
            subtitle={applied.value.error ?? `By ${applied.value.actor}`}
            rows={applied.value.result?.items ?? []}
          />
        </Grid>
      )}
      <Grid item>
        {history.error && (
          <SpecmeshErrorPanel
            error={history.error}
            what="read the history of applies"
          />
        )}
        {history.value && (
          <ApplyHistoryTable
            records={history.value.items}
            totalCount={history.value.totalCount}
          />
        )}
      </Grid>
    </Grid>
  );
};

/**
 * The Provision tab of an API entity: the plan an apply would carry out, an
 * Apply button for those allowed to provision, its result, and the history.
 */
export const SpecmeshProvisionContent = () => (
  <RequireSpecmeshEntity>
    <ProvisionPanel />
  </RequireSpecmeshEntity>
);
