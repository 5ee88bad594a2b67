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
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'node:path';
import { createLocalPublishAction } from './createLocalPublishAction';
import { LocalDataProductProvider } from './LocalDataProductProvider';

const PUBLISH_DIR_KEY = 'meshport.demo.localPublishDir';

/**
 * Demo only: data products published from the Software Template without a git
 * host. With `meshport.demo.localPublishDir` set, adds the scaffolder action
 * `demo:publish:local` and the catalog provider that registers what it
 * publishes; without it, nothing.
 */
export default createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    const directory = config.getOptionalString(PUBLISH_DIR_KEY);
    if (!directory) {
      return;
    }
    // Relative to the backend's working directory, as file locations are.
    const provider = new LocalDataProductProvider(resolve(directory));

    yield createBackendModule({
      pluginId: 'catalog',
      moduleId: 'meshport-demo-local-publish',
      register(reg) {
        reg.registerInit({
          deps: { catalog: catalogProcessingExtensionPoint },
          async init({ catalog }) {
            catalog.addEntityProvider(provider);
          },
        });
      },
    });
    yield createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'meshport-demo-local-publish',
      register(reg) {
        reg.registerInit({
          deps: { scaffolder: scaffolderActionsExtensionPoint },
          async init({ scaffolder }) {
            scaffolder.addActions(createLocalPublishAction({ provider }));
          },
        });
      },
    });
  },
});
