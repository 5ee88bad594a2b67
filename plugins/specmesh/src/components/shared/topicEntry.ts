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
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AccessLevel,
  MESHPORT_ACCESS_LABEL,
  MESHPORT_APP_ID_ANNOTATION,
  MESHPORT_GRANTEES_ANNOTATION,
  MESHPORT_PARTITIONS_ANNOTATION,
  MESHPORT_REPLICAS_ANNOTATION,
  MESHPORT_SCHEMA_SUBJECTS_ANNOTATION,
  MESHPORT_TOPIC_ANNOTATION,
} from '@meshport/plugin-specmesh-common';

/**
 * The fields of a topic entity that topicEntryOf reads, so that a catalog
 * request for many carries no more than that.
 */
export const TOPIC_ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'metadata.labels',
  'spec.owner',
  'relations',
];

/** One Kafka topic of the mesh, as its Resource entity describes it. */
export interface TopicEntry {
  /** The Resource entity's ref, `resource:default/...`. */
  entityRef: string;
  /** The exact Kafka topic name. */
  topic: string;
  description?: string;
  appId?: string;
  /** A full entity ref; absent when the entity names no owner. */
  ownerRef?: string;
  access?: AccessLevel;
  /** Absent: the spec leaves them to the cluster's default. */
  partitions?: number;
  /** Absent: the spec leaves it to the cluster's default. */
  replicas?: number;
  /** App-ids granted read access by tags; `_public` for everyone. */
  grantees: string[];
  schemaSubjects: string[];
  /** The API entity of the data product that owns the topic. */
  dataProductRef?: string;
  /** The API entities of the data products that read the topic. */
  consumerRefs: string[];
}

const ACCESS_LEVELS: readonly string[] = ['public', 'protected', 'private'];

function commaSeparated(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);
}

function targetsOf(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef);
}

function ownerRefOf(entity: Entity): string | undefined {
  // The relation holds the full ref the catalog resolved; spec.owner is as written.
  const [related] = targetsOf(entity, RELATION_OWNED_BY);
  if (related) {
    return related;
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace,
      }),
    );
  } catch {
    return undefined;
  }
}

function countOf(value: string | undefined): number | undefined {
  const count = Number(value);
  return value !== undefined && Number.isInteger(count) && count > 0
    ? count
    : undefined;
}

/** What the catalog module wrote on a topic's Resource entity, read back. */
export function topicEntryOf(entity: Entity): TopicEntry {
  const annotations = entity.metadata.annotations ?? {};
  const access = entity.metadata.labels?.[MESHPORT_ACCESS_LABEL];
  return {
    entityRef: stringifyEntityRef(entity),
    // An entity another tool wrote may lack the annotation: its name stands in.
    topic:
      annotations[MESHPORT_TOPIC_ANNOTATION] ??
      entity.metadata.title ??
      entity.metadata.name,
    description: entity.metadata.description,
    appId: annotations[MESHPORT_APP_ID_ANNOTATION],
    ownerRef: ownerRefOf(entity),
    access:
      access && ACCESS_LEVELS.includes(access)
        ? (access as AccessLevel)
        : undefined,
    partitions: countOf(annotations[MESHPORT_PARTITIONS_ANNOTATION]),
    replicas: countOf(annotations[MESHPORT_REPLICAS_ANNOTATION]),
    grantees: commaSeparated(annotations[MESHPORT_GRANTEES_ANNOTATION]),
    schemaSubjects: commaSeparated(
      annotations[MESHPORT_SCHEMA_SUBJECTS_ANNOTATION],
    ),
    // A topic is also part of its system: the data product is the API.
    dataProductRef: targetsOf(entity, RELATION_PART_OF).find(ref =>
      ref.startsWith('api:'),
    ),
    consumerRefs: [
      ...new Set(targetsOf(entity, RELATION_DEPENDENCY_OF)),
    ].sort(),
  };
}

/** The mesh's topics, by name. */
export function topicEntriesOf(entities: readonly Entity[]): TopicEntry[] {
  return entities
    .map(topicEntryOf)
    .sort((a, b) => a.topic.localeCompare(b.topic));
}
