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

export interface Config {
  /** Configuration of the Meshport demo portal. */
  meshport?: {
    permission?: {
      /**
       * Entity refs of the groups whose members may do everything, including
       * provisioning any data product. Everyone else may provision only the
       * data products they own.
       *
       * Default: `['group:default/admins']`.
       */
      adminGroups?: string[];
    };
    demo?: {
      /**
       * Demo only: the folder the Software Template's `demo:publish:local`
       * step publishes data products into, one sub-folder each, and the
       * catalog reads them from; relative to the backend's working directory.
       * Unset: the action and the catalog provider are not installed.
       */
      localPublishDir?: string;
      /**
       * Demo only: the folders whose spec files an approved access request may
       * edit in place (the action `demo:spec:grant-local` of the template
       * `specmesh-grant-access-local`); relative to the backend's working
       * directory. Unset: the action is not installed.
       */
      editableSpecDirs?: string[];
    };
  };
}
