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
import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  appIdFromSpecId,
  formatProblem,
  MESHPORT_DATA_PRODUCT_ANNOTATION,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';
import {
  FileSpecFolder,
  SchemaFileReader,
} from '@meshport/plugin-specmesh-node';
import { entityNameOf } from '../naming/entityNameOf';
import { withSchemaFiles } from '../schemaFiles/withSchemaFiles';
import { SpecFileProcessorOptions } from './SpecFileProcessorOptions';
import { summarizeSpec } from './summarizeSpec';

// A top-level `asyncapi` key: at the start of a line in YAML (a nested one, as
// in a catalog-info file's inline definition, is indented), anywhere in a JSON
// object (the parse below tells whether it is top-level). Checked before
// parsing, so a catalog-info file costs a regular expression, not a second parse.
const YAML_TOP_LEVEL_ASYNCAPI = /^["']?asyncapi["']?[ \t]*:/m;
const JSON_ASYNCAPI = /^\s*\{[\s\S]*"asyncapi"\s*:/;
// A catalog descriptor, however malformed, is the catalog's own reader's.
const CATALOG_DESCRIPTOR =
  /^apiVersion[ \t]*:[\s\S]*^kind[ \t]*:|^kind[ \t]*:[\s\S]*^apiVersion[ \t]*:/m;
const GLOB_CHARACTERS = /[*?[\]{}]/;

/**
 * Reads a `file` location that points straight at an AsyncAPI spec, as in
 * repositories that hold only specs, and emits its API entity: named after
 * the app-id, `spec.type: asyncapi`, the spec's text as `spec.definition`.
 * {@link SpecmeshAsyncApiProcessor} does the rest (owner, topics, relations,
 * errors).
 *
 * @remarks
 *
 * Any other file, and glob targets, are left to the catalog's own file
 * reader. A spec without a usable `id` yields a processing error on the
 * location, since its entity cannot be named.
 *
 * The schema files the spec refers to, from its folder or below, go into
 * the `meshport.dev/schema-files` annotation (see {@link @meshport/plugin-specmesh-node#SchemaFileReader});
 * a schema ref that leaves the folder is a processing error on the location.
 *
 * @public
 */
export class AsyncApiFileLocationProcessor implements CatalogProcessor {
  private readonly schemaFiles: SchemaFileReader;
  private readonly logger?: LoggerService;

  constructor(options: SpecFileProcessorOptions = {}) {
    this.schemaFiles = options.schemaFiles ?? new SchemaFileReader();
    this.logger = options.logger;
  }

  getProcessorName(): string {
    return 'SpecmeshAsyncApiFileLocationProcessor';
  }

  // Earlier than the catalog's file reader (the default priority 20).
  getPriority(): number {
    return 10;
  }

  async readLocation(
    location: LocationSpec,
    _optional: boolean,
    emit: CatalogProcessorEmit,
  ): Promise<boolean> {
    if (location.type !== 'file' || GLOB_CHARACTERS.test(location.target)) {
      return false;
    }
    let text: string;
    try {
      text = await this.schemaFiles.readSpecText(location.target);
    } catch {
      // The file reader reports a missing file, honouring `presence`, and
      // anything not a spec this reader would take (a device, a huge file).
      return false;
    }
    if (
      !(YAML_TOP_LEVEL_ASYNCAPI.test(text) || JSON_ASYNCAPI.test(text)) ||
      CATALOG_DESCRIPTOR.test(text)
    ) {
      return false;
    }
    const { document, problems } = parseSpecText(text, location.target);
    if (document === undefined) {
      // It says `asyncapi:` but does not parse (an alias bomb, say): it is
      // a spec, and the catalog's own reader would choke on it too.
      for (const problem of problems) {
        emit(processingResult.inputError(location, formatProblem(problem)));
      }
      return true;
    }
    if (!isAsyncApiDocument(document)) {
      return false;
    }

    const appId =
      typeof document.id === 'string'
        ? appIdFromSpecId(document.id)
        : undefined;
    if (!appId) {
      const { errors } = await summarizeSpec(text, location.target);
      for (const message of errors) {
        emit(processingResult.inputError(location, message));
      }
      return true;
    }
    const entity = apiEntity(appId, text);
    const schemaFiles = await this.schemaFiles.read(
      new FileSpecFolder(location.target),
      text,
      { file: location.target },
    );
    for (const problem of schemaFiles.problems) {
      emit(processingResult.inputError(location, formatProblem(problem)));
    }
    if (schemaFiles.warning) {
      this.logger?.warn(schemaFiles.warning);
    }
    emit(
      processingResult.entity(
        location,
        withSchemaFiles(entity, schemaFiles.annotation),
      ),
    );
    return true;
  }
}

function isAsyncApiDocument(
  document: unknown,
): document is { asyncapi: unknown; id?: unknown } {
  return (
    typeof document === 'object' &&
    document !== null &&
    !Array.isArray(document) &&
    'asyncapi' in document
  );
}

function apiEntity(appId: string, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: entityNameOf(appId),
      // A spec registered on its own is a data product by construction.
      annotations: { [MESHPORT_DATA_PRODUCT_ANNOTATION]: 'true' },
    },
    // AsyncAPI has no lifecycle; a spec registered on its own is in use.
    spec: { type: 'asyncapi', lifecycle: 'production', definition },
  };
}
