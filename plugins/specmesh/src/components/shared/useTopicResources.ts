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
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { MESHPORT_TOPIC_ANNOTATION } from '@meshport/plugin-specmesh-common';
import useAsync from 'react-use/esm/useAsync';
import { inChunks } from './inChunks';

// What the tabs read of a topic's entity: its ref, title and topic name.
const RESOURCE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
];

/**
 * The `kafka-topic` Resource entities the catalog module made for the given
 * topics of a data product, by topic name. A topic without one is absent
 * from the map.
 *
 * Only the data product's parts (its `hasPart` relations) count: whoever may
 * register a catalog-info.yaml may also write a Resource annotated with the
 * same topic, and the tabs would link to it and list its readers instead.
 */
export function useTopicResources(topics: string[], dataProduct: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const key = topics.join('\n');
  const parts = partsOf(dataProduct);
  return useAsync(async () => {
    const byTopic = new Map<string, Entity>();
    if (topics.length === 0) {
      return byTopic;
    }
    // Chunks, asked at once: see inChunks.
    const answers = await Promise.all(
      inChunks(topics).map(chunk =>
        catalogApi.getEntities({
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${MESHPORT_TOPIC_ANNOTATION}`]: chunk,
          },
          fields: RESOURCE_FIELDS,
        }),
      ),
    );
    for (const resource of answers.flatMap(answer => answer.items)) {
      const topic = resource.metadata.annotations?.[MESHPORT_TOPIC_ANNOTATION];
      const ref = stringifyEntityRef(resource).toLocaleLowerCase('en-US');
      if (topic && parts.has(ref)) {
        byTopic.set(topic, resource);
      }
    }
    return byTopic;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key, [...parts].join('\n')]);
}

/** The refs of an entity's parts, lower case (refs compare case-insensitively). */
function partsOf(entity: Entity): Set<string> {
  return new Set(
    (entity.relations ?? [])
      .filter(relation => relation.type === RELATION_HAS_PART)
      .map(relation => relation.targetRef.toLocaleLowerCase('en-US')),
  );
}
