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

/*
 * A portal's own AsyncAPI APIs get no SpecMesh tab or card, in either frontend
 * system: the filters follow the catalog module's data-product rule.
 */
import { ApiEntity, Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { catalogPlugin, EntityLayout } from '@backstage/plugin-catalog';
import {
  EntityProvider,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { asyncApiEntity } from './__fixtures__/asyncApiEntity';
import {
  specmeshAccessEntityContent,
  specmeshCostEntityContent,
  specmeshProvisionEntityContent,
  specmeshTopicEntityCard,
  specmeshTopicsEntityContent,
} from './alpha';
import {
  fakeSpecmeshApi,
  specmeshTestApis,
} from './__testUtils__/fakeSpecmeshApi';
import {
  EntitySpecmeshAccessContent,
  EntitySpecmeshCostContent,
  EntitySpecmeshProvisionContent,
  EntitySpecmeshTopicsContent,
  isKafkaTopicEntity,
  isSpecmeshAvailable,
} from '.';

// As examples/ordinary-asyncapi has them: 2.6 with a urn id, 2.6 without, 3.0.
const streetlights = (id?: string) =>
  `asyncapi: '2.6.0'\n${
    id ? `id: '${id}'\n` : ''
  }info: { title: Streetlights API, version: '1.0.0' }\nchannels:\n  smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured: {}\n`;

const ordinary: Record<string, ApiEntity> = {
  '2.6 with a urn id': asyncApiEntity({
    definition: streetlights('urn:com:smartylighting:streetlights:server'),
    dataProduct: false,
  }),
  '2.6 without id': asyncApiEntity({
    definition: streetlights(),
    dataProduct: false,
  }),
  '3.0': asyncApiEntity({
    definition:
      "asyncapi: 3.0.0\ninfo: { title: Account Service, version: '1.0.0' }\n",
    dataProduct: false,
  }),
  // Hand-written, not the catalog module's: the rule asks for the data-product annotation.
  'an app-id annotation alone': asyncApiEntity({
    definition: streetlights(),
    appId: 'com.smartylighting.streetlights',
    dataProduct: false,
  }),
};

const dataProduct = asyncApiEntity({
  appId: 'acme.lifestyle.onboarding',
  definition: "asyncapi: '2.5.0'\nid: 'urn:acme.lifestyle.onboarding'\n",
});

// The filter each tab of the new frontend system applies, by its title.
const { filterFunction } = EntityContentBlueprint.dataRefs;
const tabFilters: Record<string, () => (entity: Entity) => boolean> = {
  Topics: () =>
    createExtensionTester(specmeshTopicsEntityContent).get(filterFunction)!,
  Access: () =>
    createExtensionTester(specmeshAccessEntityContent).get(filterFunction)!,
  Provision: () =>
    createExtensionTester(specmeshProvisionEntityContent).get(filterFunction)!,
  Cost: () =>
    createExtensionTester(specmeshCostEntityContent).get(filterFunction)!,
};

describe.each(Object.entries(ordinary))(
  'an ordinary AsyncAPI API (%s)',
  (_, entity) => {
    it('is not a data product by isSpecmeshAvailable, the legacy filter', () => {
      expect(isSpecmeshAvailable(entity)).toBe(false);
      expect(isKafkaTopicEntity(entity)).toBe(false);
      expect(isSpecmeshAvailable(dataProduct)).toBe(true);
    });

    it.each(Object.keys(tabFilters))(
      'gets no %s tab in the new frontend system',
      tab => {
        const appliesTo = tabFilters[tab]();
        expect(appliesTo(entity)).toBe(false);
        expect(appliesTo(dataProduct)).toBe(true);
      },
    );

    it('gets no topic card in the new frontend system', () => {
      const appliesTo = createExtensionTester(specmeshTopicEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      )!;
      expect(appliesTo(entity)).toBe(false);
    });
  },
);

describe('the legacy entity page of the README, on an ordinary AsyncAPI API', () => {
  function renderPage(entity: Entity) {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          ...specmeshTestApis({ specmeshApi: fakeSpecmeshApi({}) }),
          [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityLayout>
            <EntityLayout.Route path="/" title="Overview">
              <div>overview</div>
            </EntityLayout.Route>
            <EntityLayout.Route
              path="/topics"
              title="Topics"
              if={isSpecmeshAvailable}
            >
              <EntitySpecmeshTopicsContent />
            </EntityLayout.Route>
            <EntityLayout.Route
              path="/access"
              title="Access"
              if={isSpecmeshAvailable}
            >
              <EntitySpecmeshAccessContent />
            </EntityLayout.Route>
            <EntityLayout.Route
              path="/provision"
              title="Provision"
              if={isSpecmeshAvailable}
            >
              <EntitySpecmeshProvisionContent />
            </EntityLayout.Route>
            <EntityLayout.Route
              path="/cost"
              title="Cost"
              if={isSpecmeshAvailable}
            >
              <EntitySpecmeshCostContent />
            </EntityLayout.Route>
          </EntityLayout>
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog': catalogPlugin.routes.catalogIndex,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
  }

  it.each(Object.keys(ordinary))(
    'shows none of the four tabs (%s)',
    async name => {
      await renderPage(ordinary[name]);
      expect(
        await screen.findByRole('tab', { name: 'Overview' }),
      ).toBeVisible();
      for (const tab of ['Topics', 'Access', 'Provision', 'Cost']) {
        expect(screen.queryByRole('tab', { name: tab })).toBeNull();
      }
    },
  );

  it('shows them on a data product', async () => {
    await renderPage(dataProduct);
    for (const tab of ['Topics', 'Access', 'Provision', 'Cost']) {
      expect(await screen.findByRole('tab', { name: tab })).toBeVisible();
    }
  });
});
