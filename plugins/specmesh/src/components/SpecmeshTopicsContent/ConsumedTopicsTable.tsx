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
import { TableColumn } from '@backstage/core-components';
import { TopicDependency } from '@meshport/plugin-specmesh-common';
import { PagedTopicsTable } from './PagedTopicsTable';

const columns: TableColumn<TopicDependency>[] = [
  { title: 'Topic', field: 'topic', highlight: true },
  {
    title: 'Owner app-id',
    field: 'appId',
    // The owner is unknown when the topic name carries no access level segment.
    render: row => row.appId ?? 'unknown',
  },
];

const textOf = (row: TopicDependency) => `${row.topic}\n${row.appId ?? ''}`;

/** Topics of other data products that the spec reads, searched and paged in memory. */
export const ConsumedTopicsTable = (props: {
  dependencies: TopicDependency[];
}) => (
  <PagedTopicsTable<TopicDependency>
    title="Consumed topics"
    columns={columns}
    rows={props.dependencies}
    textOf={textOf}
    searchId="specmesh-consumed-topics-search"
    searchLabel="Search consumed topics"
    totalsTestId="consumed-topics-totals"
    emptyText="The spec reads no topics of other data products."
  />
);
