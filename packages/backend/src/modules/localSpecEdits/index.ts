/*
 * Copyright 2026 The Meshport Authors
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
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'node:path';
import {
  createLocalGrantAction,
  EDITABLE_SPEC_DIRS_KEY,
} from './createLocalGrantAction';

/**
 * Demo only: approvals of access requests edit local spec files in place.
 * With `meshport.demo.editableSpecDirs` set, adds the scaffolder action
 * `demo:spec:grant-local` (used by the template specmesh-grant-access-local);
 * without it, nothing.
 */
export default createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    const folders = config.getOptionalStringArray(EDITABLE_SPEC_DIRS_KEY);
    if (!folders || folders.length === 0) {
      return;
    }
    // Relative to the backend's working directory, as file locations are.
    const resolved = folders.map(folder => resolve(folder));
    yield createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'meshport-demo-local-spec-edits',
      register(reg) {
        reg.registerInit({
          deps: {
            scaffolder: scaffolderActionsExtensionPoint,
            catalog: catalogServiceRef,
          },
          async init({ scaffolder, catalog }) {
            scaffolder.addActions(
              createLocalGrantAction({ folders: resolved, catalog }),
            );
          },
        });
      },
    });
  },
});
