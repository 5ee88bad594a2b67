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
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DataProductRecognition,
  isDataProductEntity,
} from '@meshport/plugin-specmesh-common';
import { formatProblem } from '@meshport/plugin-specmesh-common';
import { SchemaFileReader } from '@meshport/plugin-specmesh-node';
import { dirname } from 'node:path';
import { withSchemaFiles } from '../schemaFiles/withSchemaFiles';
import { DefinitionProcessorOptions } from './SpecFileProcessorOptions';
import { isAbsoluteUrl, textPlaceholderOf } from './textPlaceholder';

/**
 * Resolves `spec.definition: { $text: ./asyncapi.yaml }` of data products
 * (see `isDataProductEntity`) registered through a `file` location, next to
 * their catalog-info file.
 *
 * @remarks
 *
 * The catalog's placeholder processor resolves relative `$text` paths against
 * URL locations only; against a `file` location it fails with "Invalid URL".
 * This processor runs before it, for AsyncAPI entities at file locations
 * only, and never reads outside the catalog-info file's folder.
 *
 * It also reads the schema files the spec refers to, from the spec's folder
 * or below, into the `meshport.dev/schema-files` annotation (see
 * {@link @meshport/plugin-specmesh-node#SchemaFileReader}); a schema ref that leaves the folder is a
 * processing error.
 *
 * @public
 */
export class FileLocationDefinitionProcessor implements CatalogProcessor {
  private readonly schemaFiles: SchemaFileReader;
  private readonly logger?: LoggerService;
  private readonly dataProducts: DataProductRecognition;

  constructor(options: DefinitionProcessorOptions = {}) {
    this.schemaFiles = options.schemaFiles ?? new SchemaFileReader();
    this.logger = options.logger;
    this.dataProducts = options.dataProducts ?? 'annotated';
  }

  getProcessorName(): string {
    return 'SpecmeshFileLocationDefinitionProcessor';
  }

  // Earlier than the placeholder processor (the default priority 20).
  getPriority(): number {
    return 10;
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    // Other AsyncAPI APIs are left to the catalog, as without Meshport.
    if (
      location.type !== 'file' ||
      !isDataProductEntity(entity, this.dataProducts)
    ) {
      return entity;
    }
    const relativePath = textPlaceholderOf(entity.spec?.definition);
    // Absolute URLs are the placeholder processor's to read.
    if (relativePath === undefined || isAbsoluteUrl(relativePath)) {
      return entity;
    }

    const ref = stringifyEntityRef(entity);
    const folder = dirname(location.target);
    let path: string;
    try {
      path = resolveSafeChildPath(folder, relativePath);
    } catch {
      throw new InputError(
        `${location.target}: spec.definition of ${ref} reads '${relativePath}', outside the folder ${folder}; keep the AsyncAPI file beside catalog-info.yaml or below it`,
      );
    }
    let spec;
    try {
      spec = await this.schemaFiles.readSpecFile(path);
    } catch (error) {
      throw new InputError(
        `${
          location.target
        }: spec.definition of ${ref} reads '${relativePath}', which could not be read (${
          (error as Error).message
        }); fix the path, relative to the catalog-info file`,
      );
    }
    for (const problem of spec.problems) {
      emit(processingResult.inputError(location, formatProblem(problem)));
    }
    if (spec.warning) {
      this.logger?.warn(spec.warning);
    }
    return withSchemaFiles(
      { ...entity, spec: { ...entity.spec, definition: spec.text } },
      spec.annotation,
    );
  }
}
