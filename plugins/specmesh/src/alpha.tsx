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
import {
  ApiBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { apiDocsConfigRef } from '@backstage/plugin-api-docs';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  KAFKA_TOPIC_RESOURCE_TYPE,
  MESHPORT_TOPIC_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import { createSpecmeshApiDocsConfig } from './apiDocs';
import { SpecmeshClient, specmeshApiRef } from './api';
import { loadCostContent } from './components/SpecmeshCostContent/loadCostContent';
import {
  registerSpecExternalRouteRef,
  topicExplorerRouteRef,
} from './alphaRoutes';
import { specmeshTopicExplorerPage } from './alphaTopicExplorer';
import { isSpecmeshAvailable } from './isSpecmeshAvailable';

export { specmeshTopicExplorerPage };

// Every tab appears where the legacy system's EntitySwitch shows them: on
// data products only (isSpecmeshAvailable), never on a portal's other
// AsyncAPI APIs. An app can still override it with a `filter` in config.
const specmeshEntityFilter = isSpecmeshAvailable;

/**
 * The Topics tab on SpecMesh data products.
 *
 * @alpha
 */
export const specmeshTopicsEntityContent = EntityContentBlueprint.make({
  name: 'topics',
  params: {
    path: '/topics',
    title: 'Topics',
    filter: specmeshEntityFilter,
    loader: () =>
      import('./components/SpecmeshTopicsContent').then(m => (
        <m.SpecmeshTopicsContent />
      )),
  },
});

/**
 * The Access tab: who can write and read each topic, as the spec says and
 * as the cluster's ACLs are; the consumers the catalog knows.
 *
 * @alpha
 */
export const specmeshAccessEntityContent = EntityContentBlueprint.make({
  name: 'access',
  params: {
    path: '/access',
    title: 'Access',
    filter: specmeshEntityFilter,
    loader: () =>
      import('./components/SpecmeshAccessContent').then(m => (
        <m.SpecmeshAccessContent />
      )),
  },
});

/**
 * The Provision tab: the plan, the Apply button for those allowed, the
 * result and the history of applies.
 *
 * @alpha
 */
export const specmeshProvisionEntityContent = EntityContentBlueprint.make({
  name: 'provision',
  params: {
    path: '/provision',
    title: 'Provision',
    filter: specmeshEntityFilter,
    loader: () =>
      import('./components/SpecmeshProvisionContent').then(m => (
        <m.SpecmeshProvisionContent />
      )),
  },
});

/**
 * The Cost tab: usage and money over a selectable range.
 *
 * @alpha
 */
export const specmeshCostEntityContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: '/cost',
    title: 'Cost',
    filter: specmeshEntityFilter,
    loader: () => loadCostContent().then(m => <m.SpecmeshCostContent />),
  },
});

/**
 * The card of a Kafka topic's Resource entity: owner, access, grantees,
 * consumers, schema and cost.
 *
 * @alpha
 */
export const specmeshTopicEntityCard = EntityCardBlueprint.make({
  name: 'topic',
  params: {
    // A content card: its fields need the main column's width.
    type: 'content',
    filter: {
      kind: 'resource',
      'spec.type': KAFKA_TOPIC_RESOURCE_TYPE,
      [`metadata.annotations.${MESHPORT_TOPIC_ANNOTATION}`]: { $exists: true },
    },
    loader: () =>
      import('./components/SpecmeshTopicCard').then(m => (
        <m.SpecmeshTopicCard />
      )),
  },
});

/**
 * "How to consume" on a data product's overview: bootstrap servers, schema,
 * prefixes and client settings for one of its topics at a time, and whether
 * the signed-in user's data products may read it.
 *
 * @alpha
 */
export const specmeshConsumeEntityCard = EntityCardBlueprint.make({
  name: 'consume',
  params: {
    type: 'content',
    filter: specmeshEntityFilter,
    loader: () =>
      import('./components/SpecmeshConsumePanel').then(m => (
        <m.SpecmeshConsumeCard />
      )),
  },
});

/**
 * "What am I behind on" on a data product's overview: the consumer groups
 * its app-id owns and how far behind each is.
 *
 * @alpha
 */
export const specmeshLagEntityCard = EntityCardBlueprint.make({
  name: 'lag',
  params: {
    type: 'content',
    filter: specmeshEntityFilter,
    loader: () =>
      import('./components/SpecmeshLag').then(m => <m.SpecmeshLagCard />),
  },
});

/**
 * The client of the SpecMesh backend, `specmeshApiRef` of the package root.
 *
 * @alpha
 */
export const specmeshClientApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: specmeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SpecmeshClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Replaces the API docs configuration (`api:api-docs/config`) with one whose
 * AsyncAPI Definition tab inlines the schema files a spec refers to, from
 * the entity's `meshport.dev/schema-files` annotation. See
 * `createSpecmeshApiDocsConfig` of the package root.
 *
 * @alpha
 */
export const specmeshApiDocsConfigApi = ApiBlueprint.make({
  name: 'config',
  params: defineParams =>
    defineParams({
      api: apiDocsConfigRef,
      deps: {},
      factory: () => createSpecmeshApiDocsConfig(),
    }),
});

/**
 * A module for the API docs plugin that renders SpecMesh specs whose schemas
 * live in files (`$ref: "/schema/x.avsc"`): add it to the app's features.
 *
 * @alpha
 */
export const specmeshApiDocsModule = createFrontendModule({
  pluginId: 'api-docs',
  extensions: [specmeshApiDocsConfigApi],
});

/**
 * The SpecMesh plugin for Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'specmesh',
  title: 'SpecMesh',
  info: { packageJson: () => import('../package.json') },
  routes: { root: topicExplorerRouteRef },
  externalRoutes: { registerSpec: registerSpecExternalRouteRef },
  extensions: [
    specmeshClientApi,
    specmeshTopicsEntityContent,
    specmeshAccessEntityContent,
    specmeshProvisionEntityContent,
    specmeshCostEntityContent,
    specmeshTopicExplorerPage,
    specmeshTopicEntityCard,
    specmeshConsumeEntityCard,
    specmeshLagEntityCard,
  ],
});
