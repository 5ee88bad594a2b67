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
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The SpecMesh plugin for Backstage's legacy frontend system.
 *
 * @public
 */
export const specmeshPlugin = createPlugin({
  id: 'specmesh',
});

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
