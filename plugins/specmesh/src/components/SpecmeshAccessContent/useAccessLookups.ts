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
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ANY_PRINCIPAL,
  DesiredState,
  KAFKA_TOPIC_RESOURCE_TYPE,
  MESHPORT_APP_ID_ANNOTATION,
  MESHPORT_TOPIC_ANNOTATION,
  PrincipalMap,
  principalOf,
} from '@meshport/plugin-specmesh-common';
import useAsync from 'react-use/esm/useAsync';
import {
  TOPIC_ENTITY_FIELDS,
  TopicEntry,
  topicEntryOf,
} from '../shared/topicEntry';
import { inChunks } from '../shared/inChunks';
import { ConsumerRow } from './ConsumersTable';
import { allowsOnTopic, ReadTopicOwners } from './topicAccess';

// One object, so that a missing map does not change the hook's inputs on every render.
const NO_PRINCIPAL_MAP: PrincipalMap = {};

/**
 * The API entities that `dependsOn` the Resource entities of this spec's
 * topics, one row per consumer and topic, with whether the spec grants it.
 */
export function useConsumers(
  state: DesiredState | undefined,
  resourcesByTopic: Map<string, Entity> | undefined,
  /** The cluster's principal map: a consumer's grant names its principal. */
  principals: PrincipalMap = NO_PRINCIPAL_MAP,
) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<ConsumerRow[] | undefined> => {
    if (!state || !resourcesByTopic) {
      return undefined;
    }
    const topicByRef = new Map(
      [...resourcesByTopic].map(([topic, resource]) => [
        stringifyEntityRef(resource),
        topic,
      ]),
    );
    if (topicByRef.size === 0) {
      return [];
    }
    // In chunks (see inChunks); a consumer of topics in two chunks comes twice.
    const answers = await Promise.all(
      inChunks([...topicByRef.keys()]).map(refs =>
        catalogApi.getEntities({
          filter: { kind: 'API', [`relations.${RELATION_DEPENDS_ON}`]: refs },
        }),
      ),
    );
    const items = [
      ...new Map(
        answers.flatMap(a => a.items).map(e => [stringifyEntityRef(e), e]),
      ).values(),
    ];
    return items.flatMap(consumer => {
      const appId = consumer.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
      return (consumer.relations ?? [])
        .filter(relation => relation.type === RELATION_DEPENDS_ON)
        .flatMap(relation => {
          const topic = topicByRef.get(
            relation.targetRef.toLocaleLowerCase('en-US'),
          );
          if (!topic) {
            return [];
          }
          const granted = state.acls.some(
            binding =>
              (binding.principal === ANY_PRINCIPAL ||
                (appId !== undefined &&
                  binding.principal === principalOf(appId, principals))) &&
              allowsOnTopic(binding, topic, 'READ'),
          );
          return [{ entity: consumer, appId, topic, granted }];
        });
    });
  }, [catalogApi, state, resourcesByTopic, principals]);
}

/**
 * What the catalog says of the topics this spec reads: their topic entities
 * (owner app-id, access, grantees, as the catalog module's judge wrote them)
 * and which of their owners' app-ids have a data product in the catalog.
 */
export function useReadTopicOwners(state: DesiredState | undefined) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<ReadTopicOwners | undefined> => {
    if (!state) {
      return undefined;
    }
    const topics = [...new Set(state.dependencies.map(d => d.topic))];
    const appIds = [
      ...new Set(state.dependencies.flatMap(d => (d.appId ? [d.appId] : []))),
    ];
    const owners: ReadTopicOwners = {
      topics: new Map<string, TopicEntry>(),
      dataProductAppIds: new Set<string>(),
    };
    if (topics.length === 0) {
      return owners;
    }
    const [topicEntities, dataProducts] = await Promise.all([
      catalogApi.getEntities({
        filter: {
          kind: 'Resource',
          'spec.type': KAFKA_TOPIC_RESOURCE_TYPE,
          [`metadata.annotations.${MESHPORT_TOPIC_ANNOTATION}`]: topics,
        },
        fields: TOPIC_ENTITY_FIELDS,
      }),
      appIds.length === 0
        ? { items: [] }
        : catalogApi.getEntities({
            filter: {
              kind: 'API',
              [`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`]: appIds,
            },
            fields: ['metadata.annotations'],
          }),
    ]);
    for (const entity of topicEntities.items) {
      const entry = topicEntryOf(entity);
      owners.topics.set(entry.topic, entry);
    }
    for (const entity of dataProducts.items) {
      const appId = entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
      if (appId) {
        owners.dataProductAppIds.add(appId);
      }
    }
    return owners;
  }, [catalogApi, state]);
}
