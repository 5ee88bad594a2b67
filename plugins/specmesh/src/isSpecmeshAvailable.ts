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
import {
  isDataProductEntity,
  MESHPORT_APP_ID_ANNOTATION,
} from '@meshport/plugin-specmesh-common';

/**
 * Whether the SpecMesh tabs have something to show for the entity: a data
 * product by the catalog module's rule (`isDataProductEntity`: an AsyncAPI
 * API annotated `meshport.dev/data-product: "true"`, which the module also
 * sets under `dataProducts: all`) whose spec declares an app-id. Every other
 * API, AsyncAPI or not, gets no SpecMesh tab. Both frontend systems filter
 * the tabs with it.
 *
 * @public
 */
export function isSpecmeshAvailable(entity: Entity): boolean {
  return (
    isDataProductEntity(entity) &&
    Boolean(entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION])
  );
}
