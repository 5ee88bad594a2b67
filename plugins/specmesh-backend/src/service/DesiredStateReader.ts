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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  computeDesiredState,
  DesiredStateResult,
  parseSpecText,
  PrincipalMap,
} from '@meshport/plugin-specmesh-common';
import { asyncApiDefinitionOf } from './asyncApiDefinition';

/**
 * Computes the desired Kafka state of the data products registered in the
 * catalog, reading each entity with the caller's own credentials so that
 * nobody learns about an entity they may not see.
 */
export class DesiredStateReader {
  private readonly catalog: CatalogService;
  private readonly principalMap: PrincipalMap;

  constructor(options: {
    catalog: CatalogService;
    principalMap?: PrincipalMap;
  }) {
    this.catalog = options.catalog;
    this.principalMap = options.principalMap ?? {};
  }

  async forEntity(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<DesiredStateResult> {
    const ref = stringifyEntityRef(entityRef);
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    const text = asyncApiDefinitionOf(entity);

    // Problems name the entity: the spec reached us as its spec.definition.
    const file = stringifyEntityRef(entity);
    const parsed = parseSpecText(text, file);
    if (parsed.document === undefined) {
      return { problems: parsed.problems };
    }
    const computed = computeDesiredState(parsed.document, {
      file,
      principalMap: this.principalMap,
    });
    return {
      state: computed.state,
      problems: [...parsed.problems, ...computed.problems],
    };
  }
}
