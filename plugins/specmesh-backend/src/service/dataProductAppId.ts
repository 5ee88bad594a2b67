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
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';

/**
 * The app-id of a data product the caller may read in the catalog: 404 when the
 * catalog shows them no such entity, 400 when it is not a data product.
 */
export async function dataProductAppId(
  catalog: Pick<CatalogService, 'getEntityByRef'>,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<string> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
  const appId = entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
  if (!appId) {
    throw new InputError(
      `${entityRef} is not a data product: it has no ${MESHPORT_APP_ID_ANNOTATION} annotation`,
    );
  }
  return appId;
}
