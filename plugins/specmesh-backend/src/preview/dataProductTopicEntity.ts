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
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { MESHPORT_ACCESS_LABEL } from '@meshport/plugin-specmesh-common';
import type { TopicOwner } from '../access/TopicOwners';

/**
 * The catalog entity a topic's preview is checked against: the one its data
 * product emits, which the data product's API entity names in its `hasPart`
 * relations (derived from the spec by the catalog module).
 *
 * @remarks
 *
 * Whoever may register a catalog-info.yaml may also write a `kafka-topic`
 * Resource with the same `meshport.dev/topic` annotation, owned by
 * themselves or labelled `public`; a policy judging that entity would let
 * them read another team's topic. Such an entity is passed over, and one
 * that took the emitted entity's very name first must agree with the spec
 * on what a policy sees: its owners and its access label.
 *
 * @param candidates - the `kafka-topic` Resources annotated with the topic
 */
export function dataProductTopicEntity(
  owner: Pick<TopicOwner, 'entity' | 'entityRef' | 'topic'>,
  candidates: Entity[],
): Entity {
  const topic = owner.topic.name;
  const parts = new Set(
    targetsOf(owner.entity, RELATION_HAS_PART).map(normalizeRef),
  );
  const entity = candidates.find(candidate =>
    parts.has(normalizeRef(stringifyEntityRef(candidate))),
  );
  if (!entity) {
    throw new NotFoundError(
      `Topic ${topic} has no catalog entity you may see among those its data product ${owner.entityRef} has as parts (a Resource of type kafka-topic); the preview is checked against it`,
    );
  }
  const entityRef = stringifyEntityRef(entity);
  const refused = (what: string) =>
    new NotAllowedError(
      `${entityRef} does not agree with ${owner.entityRef}'s spec on topic ${topic}: ${what}. It was not written by the data product (registered by hand?); the preview is refused until the catalog holds the entity the spec emits`,
    );
  const owners = ownersOf(entity);
  const productOwners = ownersOf(owner.entity);
  if (owners.join(',') !== productOwners.join(',')) {
    throw refused(
      `it is owned by ${owners.join(', ') || 'no one'}, the data product by ${
        productOwners.join(', ') || 'no one'
      }`,
    );
  }
  const label = entity.metadata.labels?.[MESHPORT_ACCESS_LABEL];
  if (label !== owner.topic.access) {
    throw refused(
      `its label ${MESHPORT_ACCESS_LABEL} is '${
        label ?? ''
      }', the spec makes the topic ${owner.topic.access}`,
    );
  }
  return entity;
}

function targetsOf(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef);
}

/** An entity's owners (its `ownedBy` relations), normalized and sorted. */
export function ownersOf(entity: Entity): string[] {
  return [
    ...new Set(targetsOf(entity, RELATION_OWNED_BY).map(normalizeRef)),
  ].sort();
}

/** Entity refs compare case-insensitively, as the catalog does. */
export function normalizeRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}
