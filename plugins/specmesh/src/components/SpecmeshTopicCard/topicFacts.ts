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
  RELATION_DEPENDENCY_OF,
  RELATION_PART_OF,
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

/** What the catalog module wrote on a topic's Resource entity, read back. */
export interface TopicFacts {
  topic: string;
  appId?: string;
  access?: AccessLevel;
  grantees: string[];
  subjects: string[];
  partitions?: number;
  replicas?: number;
  owner?: string;
  /** The API entity of the data product that owns the topic. */
  dataProduct?: string;
  /** The API entities of the data products that read it. */
  consumers: string[];
}

const ACCESS_LEVELS: readonly string[] = ['public', 'protected', 'private'];

function list(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

function count(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) ? parsed : undefined;
}

/** The facts of a `kafka-topic` Resource entity; undefined for other entities. */
export function topicFactsOf(entity: Entity): TopicFacts | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const topic = annotations[MESHPORT_TOPIC_ANNOTATION];
  if (!topic) return undefined;
  const access = entity.metadata.labels?.[MESHPORT_ACCESS_LABEL];
  const relations = entity.relations ?? [];
  const owner = entity.spec?.owner;
  return {
    topic,
    appId: annotations[MESHPORT_APP_ID_ANNOTATION],
    access:
      access && ACCESS_LEVELS.includes(access)
        ? (access as AccessLevel)
        : undefined,
    grantees: list(annotations[MESHPORT_GRANTEES_ANNOTATION]),
    subjects: list(annotations[MESHPORT_SCHEMA_SUBJECTS_ANNOTATION]),
    partitions: count(annotations[MESHPORT_PARTITIONS_ANNOTATION]),
    replicas: count(annotations[MESHPORT_REPLICAS_ANNOTATION]),
    owner: typeof owner === 'string' ? owner : undefined,
    dataProduct: relations.find(
      relation =>
        relation.type === RELATION_PART_OF &&
        relation.targetRef.startsWith('api:'),
    )?.targetRef,
    consumers: relations
      .filter(relation => relation.type === RELATION_DEPENDENCY_OF)
      .map(relation => relation.targetRef)
      .sort(),
  };
}
