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
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef } from '../../api';
import { SpecmeshErrorPanel } from '../shared';
import { DayRangeSelect } from '../shared/DayRangeSelect';
import {
  chartPointsOf,
  DEFAULT_HISTORY_DAYS,
  describeRange,
  HISTORY_DAYS,
  LAG_CHART_HEIGHT,
  summarizeHistory,
} from './lagHistory';

// recharts loads with the first dialog opened, not with the page.
const LagHistoryChart = lazy(() => import('./LagHistoryChart'));

const HistoryBody = (props: {
  topic: string;
  groupId: string;
  days: number;
}) => {
  const { topic, groupId, days } = props;
  const specmeshApi = useApi(specmeshApiRef);
  const history = useAsync(
    () => specmeshApi.getLagHistory(topic, groupId, { days }),
    [specmeshApi, topic, groupId, days],
  );
  if (history.loading) return <Progress />;
  if (history.error) {
    return (
      <SpecmeshErrorPanel
        error={history.error}
        what="see this group's lag history"
      />
    );
  }
  const points = history.value?.points ?? [];
  if (points.length === 0) {
    return (
      <Typography variant="body2">
        No history yet: no collection recorded this group's lag on this topic in
        the {describeRange(days).toLocaleLowerCase('en-US')}. Lag is recorded at
        every chargeback collection, so points appear after the next ones.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        {summarizeHistory(points)}
      </Typography>
      <Suspense fallback={<div style={{ height: LAG_CHART_HEIGHT }} />}>
        <LagHistoryChart
          points={chartPointsOf(points)}
          label={`Lag of group ${groupId} on ${topic}, ${describeRange(
            days,
          ).toLocaleLowerCase('en-US')}`}
        />
      </Suspense>
    </>
  );
};

/**
 * A consumer group's lag on one topic over time: messages behind and, where
 * the history could tell, how long behind. One request per range shown.
 */
export const LagHistoryDialog = (props: {
  topic: string;
  groupId: string;
  onClose: () => void;
}) => {
  const { topic, groupId, onClose } = props;
  const [days, setDays] = useState(DEFAULT_HISTORY_DAYS);
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="specmesh-lag-history-title"
    >
      <DialogTitle id="specmesh-lag-history-title">
        Lag of {groupId} on {topic}
      </DialogTitle>
      <DialogContent dividers>
        <Box mb={2}>
          <DayRangeSelect
            days={days}
            options={HISTORY_DAYS}
            onChange={setDays}
            describe={describeRange}
          />
        </Box>
        <HistoryBody topic={topic} groupId={groupId} days={days} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
