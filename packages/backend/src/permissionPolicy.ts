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
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MeshportPermissionPolicy } from './MeshportPermissionPolicy';

const DEFAULT_ADMIN_GROUPS = ['group:default/admins'];

/**
 * Installs {@link MeshportPermissionPolicy} in the permission backend.
 */
export const permissionModuleMeshportPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'meshport-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        const adminGroups =
          config.getOptionalStringArray('meshport.permission.adminGroups') ??
          DEFAULT_ADMIN_GROUPS;
        policy.setPolicy(
          new MeshportPermissionPolicy({
            adminGroups,
            userInfo,
            previewPublicTopics:
              config.getOptionalBoolean('specmesh.preview.publicTopics') ??
              false,
          }),
        );
      },
    });
  },
});
