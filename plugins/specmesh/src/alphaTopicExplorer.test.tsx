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
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import specmeshPlugin, { specmeshTopicExplorerPage } from './alpha';
import { fakeSpecmeshApi } from './__testUtils__/fakeSpecmeshApi';
import {
  driftVerdict,
  LEDGER,
  meshTopicResources,
} from './__testUtils__/meshTopics';
import { topicExplorerRouteRef } from './alphaRoutes';
import { specmeshApiRef } from './api';

const apis = () =>
  [
    [catalogApiRef, catalogApiMock({ entities: meshTopicResources() })],
    [
      specmeshApiRef,
      fakeSpecmeshApi({
        getMeshDrift: jest.fn(async () => ({
          items: [driftVerdict('acme.finance.accounting', 'in-sync')],
        })),
      }),
    ],
  ] as const;

describe('specmeshTopicExplorerPage', () => {
  it('is the Kafka topics page at /kafka-topics, with a title and icon for the nav', () => {
    const tester = createExtensionTester(specmeshTopicExplorerPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/kafka-topics');
    expect(tester.get(coreExtensionData.routeRef)).toBe(topicExplorerRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Kafka topics');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('lets the app move it in config', () => {
    const tester = createExtensionTester(specmeshTopicExplorerPage, {
      config: { path: '/topics' },
    });

    expect(tester.get(coreExtensionData.routePath)).toBe('/topics');
  });

  it('renders the topics of the catalog with their drift', async () => {
    const tester = createExtensionTester(specmeshTopicExplorerPage);

    renderInTestApp(tester.reactElement(), {
      apis: apis(),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    const ledger = within(
      (await screen.findByRole('link', { name: LEDGER })).closest('tr')!,
    );
    expect(await ledger.findByText('in sync')).toBeInTheDocument();
  });

  it('is the root route of the plugin, and in its app at /kafka-topics', async () => {
    expect(specmeshPlugin.routes.root).toBe(topicExplorerRouteRef);

    renderTestApp({
      features: [specmeshPlugin],
      apis: apis(),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/kafka-topics'],
    });

    expect(
      await screen.findByRole('link', { name: LEDGER }),
    ).toBeInTheDocument();
    // The app's sidebar lists the page.
    const sidebar = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(sidebar)
        .getByRole('link', { name: 'Kafka topics' })
        .getAttribute('href'),
    ).toBe('/kafka-topics');
  });
});
