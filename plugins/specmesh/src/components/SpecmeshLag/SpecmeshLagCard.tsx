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
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { GroupLag, specmeshApiRef } from '../../api';
import { SpecmeshErrorPanel } from '../shared';
import { byLagDescending, formatCount, formatEstimate } from './lagFormat';
import { LagHistoryButton } from './LagHistoryButton';

const partitionsBehind = (group: GroupLag) =>
  `${group.partitions.filter(p => p.lag > 0).length} of ${
    group.partitions.length
  }`;

const GroupsLagTable = (props: { groups: GroupLag[] }) => (
  <Table<GroupLag>
    data={[...props.groups].sort(byLagDescending).map(g => ({ ...g }))}
    options={{ paging: false, search: false, toolbar: false, padding: 'dense' }}
    columns={[
      {
        title: 'Group',
        field: 'groupId',
        render: g =>
          g.consumerAppId ? g.groupId : `${g.groupId} (unattributed)`,
      },
      { title: 'Topic', field: 'topic' },
      {
        title: 'Messages behind',
        field: 'lag',
        type: 'numeric',
        render: g => (g.lag === 0 ? 'caught up' : formatCount(g.lag)),
      },
      {
        title: 'Time behind',
        field: 'estimatedSeconds',
        render: g => (g.lag === 0 ? '–' : formatEstimate(g.estimatedSeconds)),
      },
      { title: 'Partitions behind', sorting: false, render: partitionsBehind },
      {
        title: 'History',
        sorting: false,
        render: g => <LagHistoryButton topic={g.topic} groupId={g.groupId} />,
      },
    ]}
  />
);

/**
 * "What am I behind on": on a data product's page, the consumer groups its
 * app-id owns and how far behind each is on each topic it reads.
 *
 * @public
 */
export const SpecmeshLagCard = () => {
  const { entity } = useEntity();
  const specmeshApi = useApi(specmeshApiRef);
  const entityRef = stringifyEntityRef(entity);
  const lag = useAsync(
    () => specmeshApi.getOwnedGroupsLag(entityRef),
    [specmeshApi, entityRef],
  );

  let body;
  if (lag.loading) body = <Progress />;
  else if (lag.error) {
    body = (
      <SpecmeshErrorPanel
        error={lag.error}
        what="see this data product's lag"
      />
    );
  } else if (!lag.value?.collectedAt) {
    body = (
      <Typography variant="body2">
        No offsets collected yet: lag appears after the first collection cycle.
      </Typography>
    );
  } else if (lag.value.groups.length === 0) {
    body = (
      <Typography variant="body2">
        No consumer group of {lag.value.appId} has committed offsets: it reads
        nothing, or not yet.
      </Typography>
    );
  } else {
    body = <GroupsLagTable groups={lag.value.groups} />;
  }
  const collectedAt = lag.value?.collectedAt;
  return (
    <InfoCard
      title="Consumer lag"
      subheader={
        collectedAt
          ? `What ${lag.value?.appId} is behind on, as of ${new Date(
              collectedAt,
            ).toLocaleString('en-US')}`
          : 'What this data product is behind on'
      }
    >
      {body}
    </InfoCard>
  );
};
