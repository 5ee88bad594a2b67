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
 * The legacy entity page as the README tells adopters to write it: the four tabs
 * in an EntityLayout, each reached by its path, and the topic card behind an
 * EntitySwitch on isKafkaTopicEntity.
 */
import {
  catalogPlugin,
  EntityLayout,
  EntitySwitch,
} from '@backstage/plugin-catalog';
import {
  EntityProvider,
  entityRouteRef,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { asyncApiEntity, readVector } from './__fixtures__/asyncApiEntity';
import { topicEntity } from './__fixtures__/topicEntity';
import { onboardingReport } from './__testUtils__/chargebackReport';
import {
  fakeSpecmeshApi,
  pending,
  specmeshTestApis,
} from './__testUtils__/fakeSpecmeshApi';
import { judges } from './__testUtils__/servedDesiredState';
import {
  EntitySpecmeshAccessContent,
  EntitySpecmeshCostContent,
  EntitySpecmeshProvisionContent,
  EntitySpecmeshTopicCard,
  EntitySpecmeshTopicsContent,
  isKafkaTopicEntity,
  isSpecmeshAvailable,
} from '.';

const onboarding = asyncApiEntity({
  appId: 'acme.lifestyle.onboarding',
  definition: readVector('01-onboarding.asyncapi.yaml'),
});

const specmeshApi = fakeSpecmeshApi({
  getStatus: jest.fn(() => pending()),
  getDesiredState: judges(onboarding.spec.definition),
  plan: jest.fn(() => pending()),
  listApplies: jest.fn(() => pending()),
  getEntityChargeback: jest.fn(async () => onboardingReport()),
  getTopicChargeback: jest.fn(() => pending()),
});

const apiPage = (
  <EntityLayout>
    <EntityLayout.Route path="/topics" title="Topics" if={isSpecmeshAvailable}>
      <EntitySpecmeshTopicsContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/access" title="Access" if={isSpecmeshAvailable}>
      <EntitySpecmeshAccessContent />
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/provision"
      title="Provision"
      if={isSpecmeshAvailable}
    >
      <EntitySpecmeshProvisionContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/cost" title="Cost" if={isSpecmeshAvailable}>
      <EntitySpecmeshCostContent />
    </EntityLayout.Route>
  </EntityLayout>
);

function renderPage(entity: Entity = onboarding, path = '/') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        ...specmeshTestApis({ specmeshApi }),
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      ]}
    >
      <EntityProvider entity={entity}>
        {entity.kind === 'API' ? (
          apiPage
        ) : (
          <EntitySwitch>
            <EntitySwitch.Case if={isKafkaTopicEntity}>
              <EntitySpecmeshTopicCard />
            </EntitySwitch.Case>
          </EntitySwitch>
        )}
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/catalog': catalogPlugin.routes.catalogIndex,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('the legacy entity page of the README', () => {
  it('shows the four tabs on a data product', async () => {
    await renderPage();
    for (const tab of ['Topics', 'Access', 'Provision', 'Cost']) {
      expect(await screen.findByRole('tab', { name: tab })).toBeInTheDocument();
    }
  });

  it.each([
    ['/topics', 'Owned topics'],
    ['/access', 'Who can write and read'],
    ['/cost', '$12.50'],
  ])('renders %s', async (path, text) => {
    await renderPage(onboarding, path);
    expect(await screen.findByText(text)).toBeInTheDocument();
  });

  it('shows the topic card on a kafka-topic Resource', async () => {
    await renderPage(topicEntity());
    expect(await screen.findByText('Kafka topic')).toBeInTheDocument();
  });
});
