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

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * Returns the AsyncAPI document text of an `API` entity of `spec.type:
 * asyncapi`, or throws an InputError saying why the entity carries none.
 */
export function asyncApiDefinitionOf(entity: Entity): string {
  const ref = stringifyEntityRef(entity);
  if (entity.kind.toLocaleLowerCase('en-US') !== 'api') {
    throw new InputError(
      `Entity ${ref} is a ${entity.kind}, not an API: only API entities with spec.type 'asyncapi' carry a SpecMesh spec`,
    );
  }
  if (entity.spec?.type !== 'asyncapi') {
    throw new InputError(
      `API entity ${ref} has spec.type '${String(
        entity.spec?.type,
      )}': set spec.type to 'asyncapi' for a SpecMesh data product`,
    );
  }
  const definition = entity.spec?.definition;
  if (typeof definition !== 'string' || definition.trim() === '') {
    throw new InputError(
      `API entity ${ref} has no spec.definition text: point it at the AsyncAPI file, for example 'definition: { $text: ./asyncapi.yaml }'`,
    );
  }
  return definition;
}
