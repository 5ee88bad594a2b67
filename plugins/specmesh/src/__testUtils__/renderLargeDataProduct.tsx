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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ReactElement } from 'react';
import { asyncApiEntity } from '../__fixtures__/asyncApiEntity';
import { SpecmeshApi } from '../api';
import { specmeshTestApis } from './fakeSpecmeshApi';
import { levelOf } from './largeSpec';
import { kafkaTopicResource } from './meshTopics';

/**
 * Renders a tab of the data product `appId` (its spec `definition`, see
 * largeSpec) for a signed-in user who owns nothing, with the catalog holding
 * the entity and a Resource for each of its `topics`. Returns the spy on the
 * catalog's getEntities, so that tests can count its requests.
 */
export async function renderLargeDataProduct(
  tab: ReactElement,
  options: {
    appId: string;
    definition: string;
    topics: string[];
    specmeshApi: SpecmeshApi;
  },
) {
  const { appId, definition, topics, specmeshApi } = options;
  const resources = topics.map((topic, i) =>
    kafkaTopicResource({
      topic,
      appId,
      access: levelOf(i) === '_public' ? 'public' : 'private',
    }),
  );
  const base = asyncApiEntity({ appId, definition });
  const entity: Entity = {
    ...base,
    metadata: { ...base.metadata, name: appId, namespace: 'default' },
    // Its topics' entities, as the catalog module relates them.
    relations: resources.map(resource => ({
      type: 'hasPart',
      targetRef: stringifyEntityRef(resource),
    })),
  };
  const catalogApi = catalogApiMock({ entities: [entity, ...resources] });
  const getEntities = jest.spyOn(catalogApi, 'getEntities');
  await renderInTestApp(
    <EntityProvider entity={entity}>{tab}</EntityProvider>,
    {
      apis: [
        ...specmeshTestApis({ specmeshApi }).filter(
          ([ref]) => ref !== catalogApiRef,
        ),
        [catalogApiRef, catalogApi],
        mockApis.identity({ ownershipEntityRefs: ['group:default/other'] }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { getEntities };
}
