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
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SpecmeshClient, specmeshApiRef } from './api';
import { loadCostContent } from './components/SpecmeshCostContent/loadCostContent';
import { registerSpecRouteRef, rootRouteRef } from './routes';

/**
 * The SpecMesh plugin for Backstage's legacy frontend system.
 *
 * @public
 */
export const specmeshPlugin = createPlugin({
  id: 'specmesh',
  apis: [
    createApiFactory({
      api: specmeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SpecmeshClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
  externalRoutes: { registerSpec: registerSpecRouteRef },
});

/**
 * The topic explorer: every Kafka topic of the mesh, with its owner, access,
 * consumers and drift, filtered and searched in the URL.
 *
 * @public
 */
export const SpecmeshTopicExplorerPage = specmeshPlugin.provide(
  createRoutableExtension({
    name: 'SpecmeshTopicExplorerPage',
    component: () =>
      import('./components/SpecmeshTopicExplorerPage').then(
        m => m.SpecmeshTopicExplorerPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Topics tab of an API entity: the Kafka topics its AsyncAPI spec owns and
 * the topics of other data products it consumes.
 *
 * @public
 */
export const EntitySpecmeshTopicsContent = specmeshPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecmeshTopicsContent',
    component: {
      lazy: () =>
        import('./components/SpecmeshTopicsContent').then(
          m => m.SpecmeshTopicsContent,
        ),
    },
  }),
);

/**
 * The Access tab of an API entity: who can write and read each topic, as the
 * spec says and as the cluster's ACLs are, and the consumers the catalog knows.
 *
 * @public
 */
export const EntitySpecmeshAccessContent = specmeshPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecmeshAccessContent',
    component: {
      lazy: () =>
        import('./components/SpecmeshAccessContent').then(
          m => m.SpecmeshAccessContent,
        ),
    },
  }),
);

/**
 * The Provision tab of an API entity: the plan, an Apply button for those
 * allowed to provision, the result and the history of applies.
 *
 * @public
 */
export const EntitySpecmeshProvisionContent = specmeshPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecmeshProvisionContent',
    component: {
      lazy: () =>
        import('./components/SpecmeshProvisionContent').then(
          m => m.SpecmeshProvisionContent,
        ),
    },
  }),
);

/**
 * The Cost tab of an API entity: what the data product pays and who pays for
 * reading it, over a selectable range.
 *
 * @public
 */
export const EntitySpecmeshCostContent = specmeshPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecmeshCostContent',
    component: {
      lazy: () => loadCostContent().then(m => m.SpecmeshCostContent),
    },
  }),
);

/**
 * The card of a Kafka topic's Resource entity (`spec.type: kafka-topic`):
 * owner, access, grantees, consumers, schema and cost. Show it where
 * {@link isKafkaTopicEntity} holds.
 *
 * @public
 */
export const EntitySpecmeshTopicCard = specmeshPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecmeshTopicCard',
    component: {
      lazy: () =>
        import('./components/SpecmeshTopicCard').then(m => m.SpecmeshTopicCard),
    },
  }),
);

/**
 * "How to consume" for a data product's overview page: one of its topics at
 * a time, with bootstrap servers, schema, the group and transactional-id
 * prefix, client settings with placeholder secrets, and whether the signed-in
 * user's data products may read it. Show it where {@link isSpecmeshAvailable}
 * holds. The topic card has the same panel behind its "How to consume" button.
 *
 * @public
 */
export const EntitySpecmeshConsumeCard = specmeshPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecmeshConsumeCard',
    component: {
      lazy: () =>
        import('./components/SpecmeshConsumePanel').then(
          m => m.SpecmeshConsumeCard,
        ),
    },
  }),
);

/**
 * "What am I behind on" for a data product's overview page: the consumer
 * groups its app-id owns, and how far behind each is on each topic it reads
 * (messages, and an estimate in time). Show it where
 * {@link isSpecmeshAvailable} holds.
 *
 * @public
 */
export const EntitySpecmeshLagCard = specmeshPlugin.provide(
  createComponentExtension({
    name: 'EntitySpecmeshLagCard',
    component: {
      lazy: () =>
        import('./components/SpecmeshLag').then(m => m.SpecmeshLagCard),
    },
  }),
);
