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

import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, isError, stringifyError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DataProductRecognition,
  isDataProductEntity,
} from '@meshport/plugin-specmesh-common';
import { formatProblem } from '@meshport/plugin-specmesh-common';
import {
  SchemaFileReader,
  UrlSpecFolder,
  urlPathInFolder,
} from '@meshport/plugin-specmesh-node';
import { withSchemaFiles } from '../schemaFiles/withSchemaFiles';
import { LRUCache } from 'lru-cache';
import { asUrlReadings, RevalidatingUrlReader } from './RevalidatingUrlReader';
import { DefinitionProcessorOptions } from './SpecFileProcessorOptions';
import { isAbsoluteUrl, textPlaceholderOf } from './textPlaceholder';

const READINGS_CACHE_KEY = 'readings';
const TRIES_AGAIN =
  'the catalog keeps the entity as it was last processed and tries again at its next refresh';

/**
 * Options of {@link UrlLocationDefinitionProcessor}.
 *
 * @public
 */
export interface UrlLocationDefinitionProcessorOptions
  extends DefinitionProcessorOptions {
  /** The backend's URL reader (`coreServices.urlReader`). */
  reader: UrlReaderService;
  /**
   * Resolves relative URLs host by host, as the catalog does for `$text`:
   * `ScmIntegrations.fromConfig(config)`.
   */
  integrations: ScmIntegrationRegistry;
}

/**
 * Resolves `spec.definition: { $text: ./asyncapi.yaml }` of data products
 * (see `isDataProductEntity`) registered through a `url` location (a `catalog-info.yaml` in GitHub,
 * GitLab, or anything the backend's URL reader can read), and reads the
 * schema files the spec refers to into the `meshport.dev/schema-files`
 * annotation, as {@link FileLocationDefinitionProcessor} does for `file`
 * locations.
 *
 * @remarks
 *
 * It runs before the catalog's placeholder processor and takes over the
 * `$text` of a spec beside `catalog-info.yaml` or below it, since only here
 * is the spec's URL known, which its schema refs are relative to. A `$text`
 * elsewhere (`../specs/x.yaml`, an absolute URL) stays the placeholder
 * processor's, which keeps it to the entity's repository; that entity
 * carries no schema files, and the log says so once.
 *
 * Schema refs resolve against the spec's URL, a leading `/` meaning its
 * folder; a ref that leads outside the folder is a processing error and is
 * not read. A schema file the reader does not find (404) is left out, as a
 * missing file is; any other failure to read one fails the entity's
 * processing, so the catalog keeps its last good state rather than drop its
 * schemas. Every file is read with the ETag of the previous run (kept in the
 * catalog's processor cache), and each URL read is a refresh key of the
 * entity, as the placeholder processor's reads are.
 *
 * @public
 */
export class UrlLocationDefinitionProcessor implements CatalogProcessor {
  private readonly reader: UrlReaderService;
  private readonly integrations: ScmIntegrationRegistry;
  private readonly schemaFiles: SchemaFileReader;
  private readonly logger?: LoggerService;
  private readonly dataProducts: DataProductRecognition;
  // Entities already logged as left to the placeholder processor.
  private readonly noted = new LRUCache<string, true>({ max: 5000 });

  constructor(options: UrlLocationDefinitionProcessorOptions) {
    this.reader = options.reader;
    this.integrations = options.integrations;
    this.schemaFiles = options.schemaFiles ?? new SchemaFileReader();
    this.logger = options.logger;
    this.dataProducts = options.dataProducts ?? 'annotated';
  }

  getProcessorName(): string {
    return 'SpecmeshUrlLocationDefinitionProcessor';
  }

  // Earlier than the placeholder processor (the default priority 20).
  getPriority(): number {
    return 10;
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    _originLocation?: LocationSpec,
    cache?: CatalogProcessorCache,
  ): Promise<Entity> {
    // Other AsyncAPI APIs are left to the catalog, as without Meshport.
    if (
      location.type !== 'url' ||
      !isDataProductEntity(entity, this.dataProducts)
    ) {
      return entity;
    }
    const placeholder = textPlaceholderOf(entity.spec?.definition);
    if (placeholder === undefined) {
      return entity;
    }

    const ref = stringifyEntityRef(entity);
    const path = isAbsoluteUrl(placeholder)
      ? undefined
      : urlPathInFolder(placeholder);
    if (path === undefined) {
      this.noteLeftToPlaceholder(location, ref, placeholder);
      return entity;
    }
    const resolveUrl = (url: string, base: string) =>
      this.integrations.resolveUrl({ url, base });
    const specUrl = resolveUrl(path, location.target);
    const reader = new RevalidatingUrlReader(
      this.reader,
      asUrlReadings(await cache?.get(READINGS_CACHE_KEY)),
    );

    let text: string;
    try {
      text = await reader.readText(specUrl);
    } catch (error) {
      const cause = stringifyError(error);
      if (isError(error) && error.name === 'NotFoundError') {
        throw new InputError(
          `${location.target}: spec.definition of ${ref} reads '${placeholder}', which is not at ${specUrl} (${cause}); fix the path, relative to the catalog-info file`,
        );
      }
      throw new Error(
        `${location.target}: spec.definition of ${ref} reads '${placeholder}', which could not be read at ${specUrl} (${cause}); ${TRIES_AGAIN}`,
      );
    }
    let schemaFiles;
    try {
      schemaFiles = await this.schemaFiles.read(
        new UrlSpecFolder(specUrl, { reader, resolveUrl }),
        text,
        { file: specUrl },
      );
    } catch (error) {
      throw new Error(
        `${specUrl}: the schema files of ${ref} could not be read (${stringifyError(
          error,
        )}); ${TRIES_AGAIN}`,
      );
    }

    for (const url of reader.urls()) {
      emit(processingResult.refresh(`url:${url}`));
    }
    for (const problem of schemaFiles.problems) {
      emit(processingResult.inputError(location, formatProblem(problem)));
    }
    if (schemaFiles.warning) {
      this.logger?.warn(schemaFiles.warning);
    }
    await cache?.set(READINGS_CACHE_KEY, reader.readings());
    return withSchemaFiles(
      { ...entity, spec: { ...entity.spec, definition: text } },
      schemaFiles.annotation,
    );
  }

  private noteLeftToPlaceholder(
    location: LocationSpec,
    ref: string,
    placeholder: string,
  ): void {
    const key = `${ref} ${location.target} ${placeholder}`;
    if (this.noted.get(key)) return;
    this.noted.set(key, true);
    this.logger?.info(
      `${location.target}: spec.definition of ${ref} reads '${placeholder}', outside the catalog-info file's folder; the catalog reads the spec, but not its schema files, so the portal shows placeholders for them and the catalog does not check them. Keep the AsyncAPI file beside catalog-info.yaml or below it to carry them.`,
    );
  }
}
