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
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { specmeshPermissions } from '@meshport/plugin-specmesh-common';
import { readPrincipalMap } from './service/config';
import { DesiredStateReader } from './service/DesiredStateReader';
import { createRouter } from './service/router';

/**
 * The SpecMesh backend plugin.
 *
 * @public
 */
export const specmeshPlugin = createBackendPlugin({
  pluginId: 'specmesh',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        httpAuth,
        httpRouter,
        permissionsRegistry,
        catalog,
      }) {
        permissionsRegistry.addPermissions(specmeshPermissions);

        const desiredStates = new DesiredStateReader({
          catalog,
          principalMap: readPrincipalMap(config),
        });
        httpRouter.use(await createRouter({ httpAuth, desiredStates }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
