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
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { FileLocationDefinitionProcessor } from './processor/FileLocationDefinitionProcessor';
import { SpecmeshAsyncApiProcessor } from './processor/SpecmeshAsyncApiProcessor';

/**
 * Reads the AsyncAPI spec of every `API` entity of `spec.type: asyncapi`:
 * annotates it with its app-id, derives its owner from the app-id when
 * `spec.owner` is absent, and reports the spec's errors as processing errors.
 *
 * @public
 */
export const catalogModuleSpecmesh = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'specmesh',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(
          new FileLocationDefinitionProcessor(),
          new SpecmeshAsyncApiProcessor(),
        );
      },
    });
  },
});
