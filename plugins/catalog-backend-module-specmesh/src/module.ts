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
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readSpecmeshCatalogConfig } from './config';
import { AsyncApiFileLocationProcessor } from './processor/AsyncApiFileLocationProcessor';
import { FileLocationDefinitionProcessor } from './processor/FileLocationDefinitionProcessor';
import { SpecmeshAsyncApiProcessor } from './processor/SpecmeshAsyncApiProcessor';
import { UrlLocationDefinitionProcessor } from './processor/UrlLocationDefinitionProcessor';
import { SchemaFileReader } from '@meshport/plugin-specmesh-node';

/**
 * Reads the AsyncAPI spec of every SpecMesh data product (an `API` entity of
 * `spec.type: asyncapi` annotated `meshport.dev/data-product: "true"`, or
 * every AsyncAPI API with `catalog.processors.specmesh.dataProducts: all`,
 * and every spec a `file` location points straight at; the other AsyncAPI
 * APIs pass through untouched): annotates it with its app-id, derives its owner (and system) from the
 * app-id when the entity names none, emits a `kafka-topic` Resource entity per
 * owned topic with relations to the APIs that own and read it, carries the
 * spec's schema files (read from `file` and `url` locations) in the
 * `meshport.dev/schema-files` annotation, and reports the spec's errors as
 * processing errors. Configured by `catalog.processors.specmesh`.
 *
 * @public
 */
export const catalogModuleSpecmesh = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'specmesh',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        reader: coreServices.urlReader,
      },
      async init({ catalog, config, logger, reader }) {
        const { schemaFilesMaxBytes, cacheSize, dataProducts, readLimits } =
          readSpecmeshCatalogConfig(config);
        const schemaFiles = new SchemaFileReader({
          limits: readLimits,
          annotationMaxBytes: schemaFilesMaxBytes,
          cacheSize,
        });
        catalog.addProcessor(
          new AsyncApiFileLocationProcessor({ schemaFiles, logger }),
          new FileLocationDefinitionProcessor({
            schemaFiles,
            logger,
            dataProducts,
          }),
          new UrlLocationDefinitionProcessor({
            reader,
            integrations: ScmIntegrations.fromConfig(config),
            schemaFiles,
            logger,
            dataProducts,
          }),
          SpecmeshAsyncApiProcessor.fromConfig(config),
        );
      },
    });
  },
});
