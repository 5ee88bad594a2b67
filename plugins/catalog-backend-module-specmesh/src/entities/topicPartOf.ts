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
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { EntityRelationSpec } from '@backstage/plugin-catalog-node';
import { KAFKA_TOPIC_RESOURCE_TYPE } from '@meshport/plugin-specmesh-common';

/**
 * The annotation on a topic entity that names (as a full entity ref) the API
 * entity of the spec that owns the topic.
 */
export const MESHPORT_API_ANNOTATION = 'meshport.dev/api';

/**
 * The `partOf` relation from a topic entity to the API that owns it, which
 * the topic emits when it is processed itself, or `undefined` for any other
 * entity.
 *
 * @remarks
 *
 * The catalog marks the source of every new relation for stitching. Were the
 * API to emit this relation, each of its topics would be marked once before it
 * is even processed (a stitch that finds nothing to publish) and again after:
 * about one stitch in three of a large ingest. The API keeps `hasPart`.
 */
export function topicPartOf(entity: Entity): EntityRelationSpec | undefined {
  if (
    entity.kind !== 'Resource' ||
    entity.spec?.type !== KAFKA_TOPIC_RESOURCE_TYPE
  ) {
    return undefined;
  }
  const api = entity.metadata.annotations?.[MESHPORT_API_ANNOTATION];
  if (!api) {
    return undefined;
  }
  let target;
  try {
    target = parseEntityRef(api);
  } catch {
    return undefined;
  }
  if (target.kind.toLocaleLowerCase('en-US') !== 'api') {
    return undefined;
  }
  return {
    source: getCompoundEntityRef(entity),
    type: RELATION_PART_OF,
    target,
  };
}
