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
  MESHPORT_APP_ID_ANNOTATION,
  ownerAppIdOfTopic,
  PrincipalMap,
  principalOf,
} from '@meshport/plugin-specmesh-common';
import useAsync from 'react-use/esm/useAsync';
import { desiredStateOfDefinition } from '../SpecmeshTopicsContent/desiredStateOfDefinition';
import { ConsumerRow } from './ConsumersTable';
import { allowsOnTopic } from './topicAccess';

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
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'API',
        [`relations.${RELATION_DEPENDS_ON}`]: [...topicByRef.keys()],
      },
    });
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
 * The desired states of the data products whose topics this spec reads, by
 * app-id; `undefined` for an app-id no catalog entity (with a valid spec) has.
 */
export function useOwnerStates(state: DesiredState | undefined) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const owners = new Map<string, DesiredState | undefined>();
    const appIds = [
      ...new Set(
        (state?.dependencies ?? []).flatMap(dependency => {
          const appId = dependency.appId ?? ownerAppIdOfTopic(dependency.topic);
          return appId ? [appId] : [];
        }),
      ),
    ];
    if (appIds.length === 0) {
      return owners;
    }
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'API',
        [`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`]: appIds,
      },
    });
    for (const appId of appIds) {
      owners.set(appId, undefined);
    }
    for (const owner of items) {
      const appId = owner.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
      const definition = owner.spec?.definition;
      if (appId && typeof definition === 'string') {
        owners.set(appId, desiredStateOfDefinition(definition).state);
      }
    }
    return owners;
  }, [catalogApi, state]);
}
