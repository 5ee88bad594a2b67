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
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { asyncApiEntity } from '../../__fixtures__/asyncApiEntity';
import {
  fakeSpecmeshApi,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { LagGroups, SpecmeshApi } from '../../api';
import { SpecmeshLagCard } from './SpecmeshLagCard';

const APP_ID = 'acme.finance.accounting';
const ENTITY_REF = 'api:default/onboarding';

const entity: Entity = asyncApiEntity({ appId: APP_ID, definition: 'x' });

function renderCard(specmeshApi: SpecmeshApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshLagCard />
    </EntityProvider>,
    {
      apis: specmeshTestApis({ specmeshApi }),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const groups = (overrides: Partial<LagGroups> = {}): LagGroups => ({
  entityRef: ENTITY_REF,
  appId: APP_ID,
  collectedAt: '2026-11-24T08:00:00Z',
  groups: [
    {
      groupId: `${APP_ID}.billing`,
      consumerAppId: APP_ID,
      topic: 'acme.lifestyle.onboarding._public.user_signed_up',
      lag: 0,
      estimatedSeconds: 0,
      partitions: [
        {
          partition: 0,
          committedOffset: 5,
          logEndOffset: 5,
          lag: 0,
          estimatedSeconds: 0,
        },
      ],
    },
    {
      groupId: `${APP_ID}.invoicing`,
      consumerAppId: APP_ID,
      topic: 'acme.lifestyle.onboarding._protected.purchased',
      lag: 1204,
      estimatedSeconds: 170,
      partitions: [
        {
          partition: 0,
          committedOffset: 10,
          logEndOffset: 1000,
          lag: 990,
          estimatedSeconds: 170,
        },
        {
          partition: 1,
          committedOffset: 20,
          logEndOffset: 234,
          lag: 214,
          estimatedSeconds: 40,
        },
        {
          partition: 2,
          committedOffset: 7,
          logEndOffset: 7,
          lag: 0,
          estimatedSeconds: 0,
        },
      ],
    },
  ],
  ...overrides,
});

describe('SpecmeshLagCard', () => {
  it("lists the data product's groups, most behind first, in human numbers", async () => {
    const specmeshApi = fakeSpecmeshApi({
      getOwnedGroupsLag: jest.fn(async () => groups()),
    });
    await renderCard(specmeshApi);

    expect(await screen.findByText('1,204')).toBeInTheDocument();
    expect(screen.getByText('≈ 3 min')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(`${APP_ID}.invoicing`);
    expect(rows[0]).toHaveTextContent('2 of 3');
    expect(rows[1]).toHaveTextContent('caught up');
    expect(
      screen.getByText(/What acme.finance.accounting is behind on/),
    ).toBeInTheDocument();
    expect(specmeshApi.getOwnedGroupsLag).toHaveBeenCalledWith(ENTITY_REF);
  });

  it('says when nothing has been collected yet, or the app reads nothing', async () => {
    await renderCard(
      fakeSpecmeshApi({
        getOwnedGroupsLag: jest.fn(async () =>
          groups({ collectedAt: null, groups: [] }),
        ),
      }),
    );
    expect(
      await screen.findByText(/No offsets collected yet/),
    ).toBeInTheDocument();
  });

  it('shows an unattributed group as such', async () => {
    const [, invoicing] = groups().groups;
    await renderCard(
      fakeSpecmeshApi({
        getOwnedGroupsLag: jest.fn(async () =>
          groups({ groups: [{ ...invoicing, consumerAppId: null }] }),
        ),
      }),
    );
    expect(
      await screen.findByText(`${APP_ID}.invoicing (unattributed)`),
    ).toBeInTheDocument();
  });

  it("explains the backend's refusal", async () => {
    await renderCard(
      fakeSpecmeshApi({
        getOwnedGroupsLag: jest.fn(async () => {
          throw await responseError(403, 'You may not see this data product');
        }),
      }),
    );
    expect(
      await screen.findByText(/You may not see this data product's lag/),
    ).toBeInTheDocument();
  });
});
