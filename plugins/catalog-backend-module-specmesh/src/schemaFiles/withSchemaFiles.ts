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

import { Entity } from '@backstage/catalog-model';
import { MESHPORT_SCHEMA_FILES_ANNOTATION } from '@meshport/plugin-specmesh-common';

/**
 * The entity with the `meshport.dev/schema-files` annotation set to
 * `annotation`, or without it when there is none. The files read from the
 * spec's folder replace whatever the entity declared.
 */
export function withSchemaFiles(
  entity: Entity,
  annotation: string | undefined,
): Entity {
  const { [MESHPORT_SCHEMA_FILES_ANNOTATION]: declared, ...otherAnnotations } =
    entity.metadata.annotations ?? {};
  if (annotation === declared) return entity;
  const annotations =
    annotation === undefined
      ? otherAnnotations
      : { ...otherAnnotations, [MESHPORT_SCHEMA_FILES_ANNOTATION]: annotation };
  const metadata: Entity['metadata'] = { ...entity.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return { ...entity, metadata };
}
