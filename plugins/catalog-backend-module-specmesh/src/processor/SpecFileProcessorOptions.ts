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

import { LoggerService } from '@backstage/backend-plugin-api';
import { DataProductRecognition } from '@meshport/plugin-specmesh-common';
import type { SchemaFileReader } from '@meshport/plugin-specmesh-node';

/**
 * Options of {@link FileLocationDefinitionProcessor} and
 * {@link AsyncApiFileLocationProcessor}.
 *
 * @public
 */
export interface SpecFileProcessorOptions {
  /** Reads the schema files the spec refers to; one with the defaults when absent. */
  schemaFiles?: SchemaFileReader;
  /** Where to warn about schema files too large for the entity. */
  logger?: LoggerService;
}

/**
 * Options of {@link FileLocationDefinitionProcessor} and
 * {@link UrlLocationDefinitionProcessor}.
 *
 * @public
 */
export interface DefinitionProcessorOptions extends SpecFileProcessorOptions {
  /**
   * Which AsyncAPI APIs are data products, whose definition and schema files
   * these processors read (see `isDataProductEntity`); the catalog's own
   * placeholder processor reads every other one, as without Meshport.
   * Default: `annotated`.
   */
  dataProducts?: DataProductRecognition;
}
