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

import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { specmeshClientServiceRef } from '@meshport/plugin-specmesh-node';
import { createSpecmeshApplyAction } from './actions/apply';
import { createSpecmeshPlanAction } from './actions/plan';
import { createSpecmeshSpecGrantAction } from './actions/grant';
import { createSpecmeshSpecValidateAction } from './actions/validate';

/**
 * Adds the SpecMesh template actions to the scaffolder: `specmesh:spec:validate`,
 * `specmesh:plan`, `specmesh:apply` and `specmesh:spec:grant` (edits a spec's
 * grant-access tags, nothing else). Plan and apply call the SpecMesh
 * backend plugin on behalf of the person running the template; the module
 * needs no cluster configuration or credentials.
 *
 * @public
 */
export const scaffolderModuleSpecmesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'specmesh',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        specmesh: specmeshClientServiceRef,
      },
      async init({ scaffolder, specmesh }) {
        scaffolder.addActions(
          createSpecmeshSpecValidateAction(),
          createSpecmeshPlanAction({ specmesh }),
          createSpecmeshApplyAction({ specmesh }),
          createSpecmeshSpecGrantAction(),
        );
      },
    });
  },
});
