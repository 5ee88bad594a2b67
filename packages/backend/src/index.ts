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

import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleMeshportPolicy } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider only (a demo portal).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Demo only: a second guest-like sign-in, as a data product owner (auth.providers.demo-owner).
backend.add(import('./modules/demoSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleMeshportPolicy);

// Meshport
backend.add(import('@meshport/plugin-specmesh-backend'));
backend.add(import('@meshport/plugin-catalog-backend-module-specmesh'));
backend.add(import('@meshport/plugin-scaffolder-backend-module-specmesh'));

// Demo only: the Software Template publishes data products into a local folder
// (meshport.demo.localPublishDir) instead of a git host.
backend.add(import('./modules/localPublish'));
// Demo only: approved access requests edit local spec files in place
// (meshport.demo.editableSpecDirs) instead of opening a pull request.
backend.add(import('./modules/localSpecEdits'));

backend.start();
