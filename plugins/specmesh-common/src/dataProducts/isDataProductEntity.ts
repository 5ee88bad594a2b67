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

import { MESHPORT_DATA_PRODUCT_ANNOTATION } from '../annotations';

/**
 * Which AsyncAPI APIs are SpecMesh data products, as
 * `catalog.processors.specmesh.dataProducts` sets it:
 *
 * - `annotated` (the default): those whose entity carries
 *   `meshport.dev/data-product: "true"`, so that a portal's other AsyncAPI
 *   APIs stay as they are;
 * - `all`: every `API` entity of `spec.type: asyncapi`, for portals that hold
 *   only data products.
 *
 * @public
 */
export type DataProductRecognition = 'annotated' | 'all';

/**
 * Every value {@link DataProductRecognition} takes, the default first.
 *
 * @public
 */
export const DATA_PRODUCT_RECOGNITIONS: readonly DataProductRecognition[] = [
  'annotated',
  'all',
];

/**
 * The parts of a catalog entity {@link isDataProductEntity} reads; any
 * `Entity` of `@backstage/catalog-model` is one.
 *
 * @public
 */
export interface DataProductCandidate {
  kind: string;
  metadata: { annotations?: Record<string, string> };
  spec?: { type?: unknown };
}

/**
 * Whether Meshport treats the entity as a SpecMesh data product: an `API`
 * entity of `spec.type: asyncapi` that, under the default `annotated`
 * recognition, carries `meshport.dev/data-product: "true"`. The catalog
 * module reads, annotates and judges only these, and the entity tabs show
 * only on them; every other entity passes untouched. No ordinary AsyncAPI
 * document meets the rule by accident: it asks for the annotation, not for
 * anything in the spec.
 *
 * @public
 */
export function isDataProductEntity(
  entity: DataProductCandidate,
  recognition: DataProductRecognition = 'annotated',
): boolean {
  if (
    entity.kind.toLocaleLowerCase('en-US') !== 'api' ||
    entity.spec?.type !== 'asyncapi'
  ) {
    return false;
  }
  return (
    recognition === 'all' ||
    entity.metadata.annotations?.[MESHPORT_DATA_PRODUCT_ANNOTATION] === 'true'
  );
}
