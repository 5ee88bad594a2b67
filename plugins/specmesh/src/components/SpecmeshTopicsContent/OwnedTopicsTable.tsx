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
import { TableColumn } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  DesiredSchema,
  DesiredState,
  DesiredTopic,
} from '@meshport/plugin-specmesh-common';
import { GroupLag, StatusItem } from '../../api';
import { ReadersLagList } from '../SpecmeshLag/ReadersLagList';
import { describeReaders, SchemaSubjectsList } from '../shared';
import { AccessLevelChip } from './AccessLevelChip';
import { PagedTopicsTable } from './PagedTopicsTable';
import { TopicStatusCell } from './TopicStatusCell';

type OwnedTopicRow = DesiredTopic & {
  grantees: string[];
  schemas: DesiredSchema[];
  resource?: Entity;
  statusItem?: StatusItem;
  readers?: GroupLag[];
};

/** What the table knows of the live cluster and the catalog, as it arrives. */
export interface OwnedTopicsLiveState {
  statusLoading: boolean;
  statusByTopic?: Map<string, StatusItem>;
  statusBySubject?: Map<string, StatusItem>;
  resourcesByTopic?: Map<string, Entity>;
  /** Readers and lag per topic, from one request for the whole data product. */
  lag?: {
    loading: boolean;
    /** Why lag cannot be shown, when it cannot. */
    unavailable?: string;
    collected: boolean;
    readersByTopic?: Map<string, GroupLag[]>;
  };
}

const LagCell = (props: {
  lag: OwnedTopicsLiveState['lag'];
  readers?: GroupLag[];
}) => {
  const { lag, readers } = props;
  if (!lag || lag.loading) return <>…</>;
  if (lag.unavailable) return <>unavailable</>;
  return <ReadersLagList readers={readers} collected={lag.collected} compact />;
};

function clusterDefaultUnlessSet(value: number | null) {
  return value ?? 'cluster default';
}

function readersOf(row: OwnedTopicRow): string {
  return describeReaders(row.access, row.grantees);
}

const ConfigsCell = (props: { configs: Record<string, string> }) => {
  const entries = Object.entries(props.configs);
  if (entries.length === 0) {
    return <>cluster defaults</>;
  }
  return (
    <>
      {entries.map(([key, value]) => (
        <Typography key={key} variant="body2" component="div">
          {key}={value}
        </Typography>
      ))}
    </>
  );
};

const columns = (live: OwnedTopicsLiveState): TableColumn<OwnedTopicRow>[] => [
  {
    title: 'Topic',
    field: 'name',
    highlight: true,
    render: row =>
      row.resource ? (
        <EntityRefLink entityRef={row.resource} title={row.name} />
      ) : (
        row.name
      ),
  },
  {
    title: 'Live status',
    sorting: false,
    render: row => (
      <TopicStatusCell item={row.statusItem} loading={live.statusLoading} />
    ),
  },
  {
    title: 'Readers and lag',
    sorting: false,
    render: row => <LagCell lag={live.lag} readers={row.readers} />,
  },
  {
    title: 'Access',
    field: 'access',
    render: row => <AccessLevelChip access={row.access} />,
  },
  {
    title: 'Partitions',
    field: 'partitions',
    render: row => clusterDefaultUnlessSet(row.partitions),
  },
  {
    title: 'Replicas',
    field: 'replicas',
    render: row => clusterDefaultUnlessSet(row.replicas),
  },
  {
    title: 'Configs',
    sorting: false,
    render: row => <ConfigsCell configs={row.configs} />,
  },
  {
    title: 'Schemas',
    sorting: false,
    render: row => (
      <SchemaSubjectsList
        schemas={row.schemas}
        statusBySubject={live.statusBySubject}
        loading={live.statusLoading}
      />
    ),
  },
  {
    title: 'Grantees',
    sorting: false,
    render: row => readersOf(row),
  },
];

/** A topic is found by its name, its schema subjects and who may read it. */
function textOf(row: OwnedTopicRow): string {
  return [
    row.name,
    ...row.schemas.map(schema => schema.subject),
    readersOf(row),
  ].join('\n');
}

/**
 * The topics the spec owns, with their settings and who may read them,
 * searched and paged in memory. What the tab fetched for all topics at once
 * (live status, readers and lag, the topics' entities) is joined to the rows
 * once per answer, not per page or keystroke.
 */
export const OwnedTopicsTable = (props: {
  state: DesiredState;
  live?: OwnedTopicsLiveState;
}) => {
  const { state } = props;
  const live = props.live ?? { statusLoading: false };
  const { statusByTopic, resourcesByTopic } = live;
  const readersByTopic = live.lag?.readersByTopic;
  // The cells read how far the answers are (checking…) from the columns.
  const rows = useMemo(() => {
    const schemasByTopic = new Map<string, DesiredSchema[]>();
    for (const schema of state.schemas) {
      const schemas = schemasByTopic.get(schema.topic) ?? [];
      schemas.push(schema);
      schemasByTopic.set(schema.topic, schemas);
    }
    return state.topics.map(
      (topic): OwnedTopicRow => ({
        ...topic,
        grantees: state.grants?.[topic.name] ?? [],
        schemas: schemasByTopic.get(topic.name) ?? [],
        resource: resourcesByTopic?.get(topic.name),
        statusItem: statusByTopic?.get(topic.name),
        readers: readersByTopic?.get(topic.name),
      }),
    );
  }, [state, statusByTopic, resourcesByTopic, readersByTopic]);
  return (
    <PagedTopicsTable<OwnedTopicRow>
      title="Owned topics"
      subtitle={`Owned by ${state.appId}, written as ${state.principal}`}
      columns={columns(live)}
      rows={rows}
      textOf={textOf}
      searchId="specmesh-owned-topics-search"
      searchLabel="Search owned topics"
      totalsTestId="owned-topics-totals"
      emptyText="The spec declares no topics of its own."
    />
  );
};
