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
  ApiDefinitionWidget,
  ApiDocsConfig,
  defaultDefinitionWidgets,
} from '@backstage/plugin-api-docs';
import {
  isDataProductEntity,
  MESHPORT_SCHEMA_FILES_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import { SpecmeshAsyncApiDefinitionWidget } from './SpecmeshAsyncApiDefinitionWidget';

/**
 * Options of {@link createSpecmeshApiDocsConfig}.
 *
 * @public
 */
export interface SpecmeshApiDocsConfigOptions {
  /**
   * The widgets per API type; the API docs' defaults when absent. The
   * `asyncapi` one keeps its title and raw language and gets the SpecMesh
   * rendering.
   */
  definitionWidgets?: ApiDefinitionWidget[];
}

const ASYNCAPI = 'asyncapi';

/**
 * The API docs configuration with SpecMesh's AsyncAPI rendering: the
 * Definition tab of an `asyncapi` API shows its spec with the schema files
 * from the entity's `meshport.dev/schema-files` annotation inlined (Avro and
 * Protobuf converted, missing files as placeholders) instead of failing on
 * `$ref: "/schema/x.avsc"`. Every other API, AsyncAPI APIs that are not
 * data products included, renders as before.
 *
 * @public
 */
export function createSpecmeshApiDocsConfig(
  options: SpecmeshApiDocsConfigOptions = {},
): ApiDocsConfig {
  const widgets = options.definitionWidgets ?? defaultDefinitionWidgets();
  const asyncApi: Omit<ApiDefinitionWidget, 'component'> = widgets.find(
    widget => widget.type === ASYNCAPI,
  ) ?? { type: ASYNCAPI, title: 'AsyncAPI', rawLanguage: 'yaml' };
  return {
    getApiDefinitionWidget(apiEntity) {
      // Other AsyncAPI APIs than data products render as without Meshport.
      if (apiEntity.spec.type !== ASYNCAPI || !isDataProductEntity(apiEntity)) {
        return widgets.find(widget => widget.type === apiEntity.spec.type);
      }
      const schemaFiles =
        apiEntity.metadata.annotations?.[MESHPORT_SCHEMA_FILES_ANNOTATION];
      return {
        ...asyncApi,
        component: definition => (
          <SpecmeshAsyncApiDefinitionWidget
            definition={definition}
            schemaFiles={schemaFiles}
          />
        ),
      };
    },
  };
}
