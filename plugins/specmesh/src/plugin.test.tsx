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
import {
  fakeSpecmeshApi,
  pending,
  specmeshTestApis,
} from './__testUtils__/fakeSpecmeshApi';
import { judges } from './__testUtils__/servedDesiredState';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import { asyncApiEntity, readVector } from './__fixtures__/asyncApiEntity';
import { topicEntity } from './__fixtures__/topicEntity';
import {
  EntitySpecmeshLagCard,
  EntitySpecmeshTopicCard,
  EntitySpecmeshTopicsContent,
  specmeshPlugin,
} from './plugin';

describe('specmeshPlugin', () => {
  it('has the plugin id the backend shares', () => {
    expect(specmeshPlugin.getId()).toBe('specmesh');
  });

  it('renders the topics tab of the legacy entity page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={specmeshTestApis({
          specmeshApi: fakeSpecmeshApi({
            getDesiredState: judges(readVector('01-onboarding.asyncapi.yaml')),
            getStatus: jest.fn(() => pending()),
          }),
        })}
      >
        <EntityProvider
          entity={asyncApiEntity({
            appId: 'acme.lifestyle.onboarding',
            definition: readVector('01-onboarding.asyncapi.yaml'),
          })}
        >
          <EntitySpecmeshTopicsContent />
        </EntityProvider>
      </TestApiProvider>,
    );

    // The rows are rebuilt once the catalog lookup answers: wait for the last.
    await waitFor(() =>
      expect(
        screen.getByText('acme.lifestyle.onboarding._protected.purchased'),
      ).toBeInTheDocument(),
    );
  });

  it('renders the topic card of the legacy entity page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={specmeshTestApis({
          specmeshApi: fakeSpecmeshApi({
            getStatus: jest.fn(() => pending()),
            getTopicChargeback: jest.fn(() => pending()),
          }),
        })}
      >
        <EntityProvider entity={topicEntity()}>
          <EntitySpecmeshTopicCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(await screen.findByText('Kafka topic')).toBeInTheDocument();
    expect(screen.getByText('acme.retail.shipping')).toBeInTheDocument();
  });

  it("renders the consumer lag card of a data product's legacy overview", async () => {
    const specmeshApi = fakeSpecmeshApi({
      getOwnedGroupsLag: jest.fn(async () => ({
        entityRef: 'api:default/onboarding',
        appId: 'acme.lifestyle.onboarding',
        collectedAt: '2026-11-24T08:00:00Z',
        groups: [
          {
            groupId: 'acme.lifestyle.onboarding.invoices',
            consumerAppId: 'acme.lifestyle.onboarding',
            topic: 'acme.finance.accounting._public.invoice_issued',
            lag: 42,
            estimatedSeconds: 30,
            partitions: [],
          },
        ],
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={specmeshTestApis({ specmeshApi })}>
        <EntityProvider
          entity={asyncApiEntity({
            appId: 'acme.lifestyle.onboarding',
            definition: readVector('01-onboarding.asyncapi.yaml'),
          })}
        >
          <EntitySpecmeshLagCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(await screen.findByText('Consumer lag')).toBeInTheDocument();
    expect(
      await screen.findByText('acme.lifestyle.onboarding.invoices'),
    ).toBeInTheDocument();
    expect(screen.getByText('≈ 30 s')).toBeInTheDocument();
  });
});
