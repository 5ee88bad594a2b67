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
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { DayRange, specmeshApiRef } from '../../api';
import { formatBytes, formatMoney, SpecmeshErrorPanel } from '../shared';
import { COST_CATEGORIES } from '../SpecmeshCostContent/costSummary';
import { summarizeTopicCost } from './topicCost';

/** What the topic cost over the range, by category, and who paid to read it. */
export const TopicCostField = (props: {
  topic: string;
  range: Required<DayRange>;
}) => {
  const { topic, range } = props;
  const specmeshApi = useApi(specmeshApiRef);
  const cost = useAsync(
    async () =>
      summarizeTopicCost(await specmeshApi.getTopicChargeback(topic, range)),
    [specmeshApi, topic, range.from, range.to],
  );

  if (cost.loading) return <>loading…</>;
  if (cost.error) {
    return <SpecmeshErrorPanel error={cost.error} what="see its cost" />;
  }
  const summary = cost.value!;
  if (!summary.measured) {
    return (
      <>
        No usage recorded yet: the chargeback collection measures topics every
        few minutes.
      </>
    );
  }
  const money = (amount: number) => formatMoney(amount, summary.currency);
  return (
    <>
      <Typography variant="h6" component="div">
        {money(summary.total)}
      </Typography>
      <Typography variant="body2" component="div">
        {COST_CATEGORIES.map(
          category => `${category} ${money(summary.byCategory[category])}`,
        ).join(' · ')}
      </Typography>
      <Typography variant="body2" component="div">
        {formatBytes(summary.producedBytes)} produced,{' '}
        {formatBytes(summary.consumedBytes)} consumed
      </Typography>
      {summary.readers.map(reader => (
        <Typography key={reader.party} variant="body2" component="div">
          {reader.party} pays {money(reader.amount)} for reading{' '}
          {formatBytes(reader.bytes)}
        </Typography>
      ))}
    </>
  );
};
