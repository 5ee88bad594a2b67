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
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';

const appIdAnnotationPath =
  `metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}` as const;

/**
 * The Topics tab on API entities that declare a SpecMesh app-id.
 *
 * @alpha
 */
export const specmeshTopicsEntityContent = EntityContentBlueprint.make({
  name: 'topics',
  params: {
    path: '/topics',
    title: 'Topics',
    // A filter predicate, the same language an adopter uses to override it in app-config.
    filter: {
      kind: 'api',
      [appIdAnnotationPath]: { $exists: true },
    },
    loader: () =>
      import('./components/SpecmeshTopicsContent').then(m => (
        <m.SpecmeshTopicsContent />
      )),
  },
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
  extensions: [specmeshTopicsEntityContent],
});
