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
import { ApiEntity } from '@backstage/catalog-model';
import {
  MESHPORT_APP_ID_ANNOTATION,
  MESHPORT_DATA_PRODUCT_ANNOTATION,
  MESHPORT_SCHEMA_FILES_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import fs from 'node:fs';
import path from 'node:path';

// The shared test vectors sit beside the repository: <repo>/../shared/vectors.
const vectorsDir = path.resolve(__dirname, '../../../../../shared/vectors');

/** The text of one of the shared AsyncAPI test vectors. */
export function readVector(fileName: string): string {
  return fs.readFileSync(path.join(vectorsDir, fileName), 'utf8');
}

/** The schema files of the shared vectors, by `$ref` as the specs write them. */
export function readVectorSchemaFiles(
  ...refs: string[]
): Record<string, string> {
  return Object.fromEntries(
    refs.map(ref => [ref, readVector(ref.replace(/^\//, ''))]),
  );
}

/**
 * An API entity of a data product as the catalog module emits it for an
 * AsyncAPI spec; with `dataProduct: false`, one of a portal's other AsyncAPI
 * APIs.
 */
export function asyncApiEntity(options: {
  definition: string;
  appId?: string;
  /** Whether it carries `meshport.dev/data-product: "true"`. Default: true. */
  dataProduct?: boolean;
  /** The schema files the catalog module read for the spec. */
  schemaFiles?: Record<string, string>;
}): ApiEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'onboarding',
      annotations: {
        ...((options.dataProduct ?? true) && {
          [MESHPORT_DATA_PRODUCT_ANNOTATION]: 'true',
        }),
        ...(options.appId && { [MESHPORT_APP_ID_ANNOTATION]: options.appId }),
        ...(options.schemaFiles && {
          [MESHPORT_SCHEMA_FILES_ANNOTATION]: JSON.stringify(
            options.schemaFiles,
          ),
        }),
      },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: 'group:default/lifestyle',
      definition: options.definition,
    },
  };
}
