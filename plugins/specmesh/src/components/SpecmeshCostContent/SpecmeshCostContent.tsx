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
import { lazy, Suspense, useState } from 'react';
import {
  CompoundEntityRef,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { DayRange, specmeshApiRef } from '../../api';
import {
  formatMoney,
  formatTrend,
  RequireSpecmeshEntity,
  SpecmeshErrorPanel,
} from '../shared';
import { DayRangeSelect } from '../shared/DayRangeSelect';
import { ConsumptionTable, TopicCostTable } from './CostTables';
import {
  consumersOf,
  costByTopic,
  currencyOf,
  dailyCosts,
  lastDays,
  paidToOthers,
  previousRange,
  totalOf,
} from './costSummary';
import { CHART_HEIGHT } from './chartSize';

// recharts is most of the tab's weight: fetch it while the tab asks for the costs, not before.
const loadChart = () => import('./DailyCostChart');
const DailyCostChart = lazy(loadChart);

const RANGE_DAYS = [7, 30, 90];

function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  URL.revokeObjectURL(url);
}

const CsvButton = (props: {
  entityRef: CompoundEntityRef;
  range: DayRange;
}) => {
  const specmeshApi = useApi(specmeshApiRef);
  const [download, run] = useAsyncFn(async () => {
    const csv = await specmeshApi.getEntityChargebackCsv(
      props.entityRef,
      props.range,
    );
    downloadText(
      csv,
      `${props.entityRef.name}-cost-${props.range.from}-${props.range.to}.csv`,
    );
  }, [specmeshApi, props.entityRef, props.range]);
  return (
    <>
      <Button
        variant="outlined"
        onClick={() => run()}
        disabled={download.loading}
      >
        Download CSV
      </Button>
      {download.error && (
        <SpecmeshErrorPanel error={download.error} what="download the CSV" />
      )}
    </>
  );
};

const CostPanel = () => {
  const { entity } = useEntity();
  const refString = stringifyEntityRef(entity);
  const specmeshApi = useApi(specmeshApiRef);
  const [days, setDays] = useState(30);

  const reports = useAsync(async () => {
    loadChart();
    const entityRef = getCompoundEntityRef(entity);
    const range = lastDays(days, new Date());
    const [current, previous] = await Promise.all([
      specmeshApi.getEntityChargeback(entityRef, range),
      specmeshApi.getEntityChargeback(entityRef, previousRange(range)),
    ]);
    return { entityRef, range, current, previous };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specmeshApi, refString, days]);

  const rangeSelector = (
    <DayRangeSelect days={days} options={RANGE_DAYS} onChange={setDays} />
  );

  if (reports.loading) {
    return (
      <>
        {rangeSelector}
        <Progress />
      </>
    );
  }
  if (reports.error) {
    return (
      <>
        {rangeSelector}
        <SpecmeshErrorPanel
          error={reports.error}
          what="see the costs of this data product"
        />
      </>
    );
  }
  const { entityRef, range, current, previous } = reports.value!;
  const currency = currencyOf(current);
  const total = totalOf(current);
  const previousTotal = totalOf(previous);
  const trend = formatTrend(total, previousTotal);
  const nothingRecorded =
    current.byDay.length === 0 &&
    current.paid.length === 0 &&
    current.consumers.length === 0;

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          {rangeSelector}
          <Box flexGrow={1} />
          <CsvButton entityRef={entityRef} range={range} />
        </Box>
      </Grid>
      {nothingRecorded ? (
        <Grid item>
          <EmptyState
            missing="data"
            title="No usage recorded in this range"
            description={`Nothing was measured for ${current.appId} from ${range.from} to ${range.to}. Chargeback measures the cluster on the backend's schedule: choose a longer range, or come back once the topics carry traffic.`}
          />
        </Grid>
      ) : (
        <>
          <Grid item>
            <InfoCard title={`Cost from ${range.from} to ${range.to}`}>
              <Typography variant="h4" component="p">
                {formatMoney(total, currency)}
              </Typography>
              <Typography variant="body2">
                {trend
                  ? `${trend} against the previous ${days} days (${formatMoney(
                      previousTotal,
                      currency,
                    )})`
                  : `Nothing was billed in the previous ${days} days.`}
              </Typography>
              <Suspense fallback={<div style={{ height: CHART_HEIGHT }} />}>
                <DailyCostChart
                  days={dailyCosts(current)}
                  currency={currency}
                />
              </Suspense>
            </InfoCard>
          </Grid>
          <Grid item>
            <TopicCostTable rows={costByTopic(current)} currency={currency} />
          </Grid>
          <Grid item>
            <ConsumptionTable
              title="Who consumes this data product"
              subtitle="What each consumer pays to read these topics"
              partyTitle="Consumer"
              rows={consumersOf(current)}
              currency={currency}
              emptyText="Nobody consumed these topics in this range."
            />
          </Grid>
          <Grid item>
            <ConsumptionTable
              title="What this data product pays others"
              subtitle="Its consumption of other data products' topics"
              partyTitle="Owner"
              rows={paidToOthers(current)}
              currency={currency}
              emptyText="This data product consumed no other data product's topics in this range."
            />
          </Grid>
        </>
      )}
    </Grid>
  );
};

/**
 * The Cost tab of an API entity: what the data product pays over a range,
 * by day and category, by topic, to others, and what its consumers pay.
 */
export const SpecmeshCostContent = () => (
  <RequireSpecmeshEntity>
    <CostPanel />
  </RequireSpecmeshEntity>
);
