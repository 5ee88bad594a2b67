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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { asyncApiEntity } from '../../__fixtures__/asyncApiEntity';
import { topicEntity } from '../../__fixtures__/topicEntity';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { GroupLag, LagHistory, SpecmeshApi } from '../../api';
import { SpecmeshTopicCard } from '../SpecmeshTopicCard/SpecmeshTopicCard';
import { SpecmeshLagCard } from './SpecmeshLagCard';

const APP_ID = 'acme.finance.accounting';
const PURCHASED = 'acme.lifestyle.onboarding._protected.purchased';
const SIGNED_UP = 'acme.lifestyle.onboarding._public.user_signed_up';
const INVOICING = `${APP_ID}.invoicing`;
const BILLING = `${APP_ID}.billing`;

const group = (groupId: string, topic: string, lag: number): GroupLag => ({
  groupId,
  consumerAppId: APP_ID,
  topic,
  lag,
  estimatedSeconds: lag ? 170 : 0,
  partitions: [],
});

const history = (points: LagHistory['points']): LagHistory => ({
  topic: PURCHASED,
  groupId: INVOICING,
  points,
});

const POINTS: LagHistory['points'] = [
  { at: '2026-11-24T07:30:00Z', lag: 40, estimatedSeconds: null },
  { at: '2026-11-24T07:45:00Z', lag: 2500, estimatedSeconds: 600 },
  { at: '2026-11-24T08:00:00Z', lag: 1204, estimatedSeconds: 170 },
];

function renderLagCard(overrides: Partial<SpecmeshApi>) {
  const specmeshApi = fakeSpecmeshApi({
    getOwnedGroupsLag: jest.fn(async () => ({
      entityRef: `api:default/${APP_ID}`,
      appId: APP_ID,
      collectedAt: '2026-11-24T08:00:00Z',
      groups: [group(BILLING, SIGNED_UP, 0), group(INVOICING, PURCHASED, 1204)],
    })),
    ...overrides,
  });
  const entity: Entity = asyncApiEntity({ appId: APP_ID, definition: 'x' });
  renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshLagCard />
    </EntityProvider>,
    {
      apis: specmeshTestApis({ specmeshApi }),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return specmeshApi;
}

/** Presses the History button of the invoicing group's row; the dialog. */
async function openInvoicingHistory() {
  await userEvent.click(
    await screen.findByRole('button', {
      name: `Lag history of ${INVOICING} on ${PURCHASED}`,
    }),
  );
  return screen.findByRole('dialog', {
    name: `Lag of ${INVOICING} on ${PURCHASED}`,
  });
}

describe('the lag history of a group on a topic', () => {
  it('is asked for only when a row opens it, then charted with its summary', async () => {
    const specmeshApi = renderLagCard({
      getLagHistory: jest.fn(async () => history(POINTS)),
    });
    // Every row offers its history; none is asked for before it is opened.
    expect(
      await screen.findByRole('button', {
        name: `Lag history of ${BILLING} on ${SIGNED_UP}`,
      }),
    ).toBeInTheDocument();
    expect(specmeshApi.getLagHistory).not.toHaveBeenCalled();

    const dialog = await openInvoicingHistory();

    expect(
      await within(dialog).findByText(/^3 collections from/),
    ).toHaveTextContent(
      'Latest: 1,204 messages · ≈ 3 min behind. Most behind: 2,500 messages · ≈ 10 min behind',
    );
    // The chart arrives once recharts has loaded.
    expect(
      await within(dialog).findByRole('figure', {
        name: `Lag of group ${INVOICING} on ${PURCHASED}, last 7 days`,
      }),
    ).toBeInTheDocument();
    expect(specmeshApi.getLagHistory).toHaveBeenCalledTimes(1);
    expect(specmeshApi.getLagHistory).toHaveBeenCalledWith(
      PURCHASED,
      INVOICING,
      { days: 7 },
    );

    // Another range: one more request, for that range.
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Range/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last 30 days' }),
    );
    await waitFor(() =>
      expect(specmeshApi.getLagHistory).toHaveBeenCalledTimes(2),
    );
    expect(specmeshApi.getLagHistory).toHaveBeenLastCalledWith(
      PURCHASED,
      INVOICING,
      { days: 30 },
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('shows progress while it loads, and says when there is no history yet', async () => {
    let answer: (value: LagHistory) => void = () => {};
    renderLagCard({
      getLagHistory: jest.fn(
        () => new Promise<LagHistory>(resolve => (answer = resolve)),
      ),
    });
    const dialog = await openInvoicingHistory();
    expect(within(dialog).getByTestId('progress')).toBeInTheDocument();

    answer(history([]));

    expect(
      await within(dialog).findByText(/^No history yet/),
    ).toHaveTextContent('in the last 7 days');
    expect(within(dialog).queryByRole('figure')).not.toBeInTheDocument();
  });

  it("explains the backend's refusal", async () => {
    renderLagCard({
      getLagHistory: jest.fn(async () => {
        throw await responseError(
          404,
          `No data product you may see in the catalog owns topic ${PURCHASED} or group ${INVOICING}`,
        );
      }),
    });
    const dialog = await openInvoicingHistory();
    expect(
      await within(dialog).findByText(/Could not see this group's lag history/),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('figure')).not.toBeInTheDocument();
  });

  it("opens from each reader on the topic card, for that reader's group", async () => {
    const specmeshApi = fakeSpecmeshApi({
      getStatus: jest.fn(() => pending()),
      getTopicChargeback: jest.fn(() => pending()),
      getReadersLag: jest.fn(async () => ({
        entityRef: 'api:default/acme.lifestyle.onboarding',
        collectedAt: '2026-11-24T08:00:00Z',
        topics: [
          {
            topic: PURCHASED,
            ownerAppId: 'acme.lifestyle.onboarding',
            readers: [
              group(INVOICING, PURCHASED, 1204),
              { ...group('console-7', PURCHASED, 3), consumerAppId: null },
            ],
          },
        ],
      })),
      getLagHistory: jest.fn(async () => history(POINTS)),
    });
    renderInTestApp(
      <EntityProvider entity={topicEntity()}>
        <SpecmeshTopicCard />
      </EntityProvider>,
      {
        apis: specmeshTestApis({ specmeshApi }),
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('button', {
        name: `Lag history of console-7 on ${PURCHASED}`,
      }),
    ).toBeInTheDocument();

    const dialog = await openInvoicingHistory();

    expect(
      await within(dialog).findByText(/^3 collections from/),
    ).toBeInTheDocument();
    expect(specmeshApi.getLagHistory).toHaveBeenCalledTimes(1);
    expect(specmeshApi.getLagHistory).toHaveBeenCalledWith(
      PURCHASED,
      INVOICING,
      { days: 7 },
    );
  });
});
