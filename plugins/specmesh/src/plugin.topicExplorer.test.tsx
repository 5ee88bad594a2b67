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
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { fakeSpecmeshApi, pending } from './__testUtils__/fakeSpecmeshApi';
import { specmeshApiRef } from './api';
import { SpecmeshTopicExplorerPage, specmeshPlugin } from './plugin';
import { registerSpecRouteRef, rootRouteRef } from './routes';

describe('the legacy topic explorer page', () => {
  it('is the root route of the plugin, with an external route to register specs', () => {
    expect(specmeshPlugin.routes.root).toBe(rootRouteRef);
    expect(specmeshPlugin.externalRoutes.registerSpec).toBe(
      registerSpecRouteRef,
    );
  });

  it('renders where the app mounts it, linking to the page it binds for registering specs', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApiMock({ entities: [] })],
          [
            specmeshApiRef,
            fakeSpecmeshApi({ getMeshDrift: jest.fn(() => pending()) }),
          ],
        ]}
      >
        <Routes>
          <Route path="/kafka-topics" element={<SpecmeshTopicExplorerPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/kafka-topics'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/catalog-import': registerSpecRouteRef,
        },
      },
    );

    expect(
      screen.getByRole('heading', { name: 'Kafka topics' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No Kafka topics in the catalog'),
    ).toBeInTheDocument();
    expect(
      screen
        .getByRole('button', { name: 'Register an AsyncAPI spec' })
        .getAttribute('href'),
    ).toBe('/catalog-import');
  });
});
