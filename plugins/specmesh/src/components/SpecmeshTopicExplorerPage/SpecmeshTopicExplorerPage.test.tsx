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
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  renderInTestApp as renderInLegacyTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
} from '../../__testUtils__/fakeSpecmeshApi';
import {
  CHECKOUT,
  driftVerdict,
  INVOICES,
  LEDGER,
  meshTopicResources,
  PURCHASED,
  SIGNED_UP,
} from '../../__testUtils__/meshTopics';
import { registerSpecExternalRouteRef } from '../../alphaRoutes';
import { SpecmeshApi, specmeshApiRef } from '../../api';
import { SpecmeshTopicExplorerPage } from './SpecmeshTopicExplorerPage';
import { TopicExplorerPageContent } from './TopicExplorerPageContent';
import { FIRST_PAGE_SIZE } from './useTopicPages';

const ALL_TOPICS = [SIGNED_UP, CHECKOUT, PURCHASED, INVOICES, LEDGER];

/** The verdicts of the demo mesh: onboarding drifted on one topic, accounting in sync. */
function meshDrift(): SpecmeshApi['getMeshDrift'] {
  return jest.fn(async () => ({
    items: [
      driftVerdict('acme.lifestyle.onboarding', 'drifted', [
        {
          kind: 'topic',
          key: SIGNED_UP,
          status: 'drifted',
          exists: true,
          changes: [{ field: 'partitions', before: 1, after: 3 }],
        },
      ]),
      driftVerdict('acme.finance.accounting', 'in-sync'),
    ],
  }));
}

// Shows the page's query string, which a shared link carries.
const CurrentQuery = () => (
  <div data-testid="query">{useLocation().search}</div>
);

function renderExplorer(
  options: {
    entities?: Entity[];
    getMeshDrift?: SpecmeshApi['getMeshDrift'];
    catalogApi?: ReturnType<typeof catalogApiMock>;
    url?: string;
    registerSpecMounted?: boolean;
  } = {},
) {
  const catalogApi =
    options.catalogApi ??
    catalogApiMock({ entities: options.entities ?? meshTopicResources() });
  const specmeshApi = fakeSpecmeshApi({
    getMeshDrift: options.getMeshDrift ?? meshDrift(),
  });
  renderInTestApp(
    <>
      <TopicExplorerPageContent />
      <CurrentQuery />
    </>,
    {
      apis: [
        [catalogApiRef, catalogApi],
        [specmeshApiRef, specmeshApi],
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.registerSpecMounted
          ? { '/catalog-import': registerSpecExternalRouteRef }
          : {}),
      },
      initialRouteEntries: [options.url ?? '/kafka-topics'],
    },
  );
  return { catalogApi, specmeshApi };
}

/** The topics in the table's rows, in order. */
function shownTopics(): string[] {
  return ALL_TOPICS.filter(topic =>
    screen.queryByRole('link', { name: topic }),
  );
}

async function rowOf(topic: string) {
  const link = await screen.findByRole('link', { name: topic });
  return within(link.closest('tr')!);
}

const query = () => screen.getByTestId('query').textContent;

async function waitForDrift() {
  await waitFor(() =>
    expect(screen.queryByText('checking…')).not.toBeInTheDocument(),
  );
}

describe('the topic explorer', () => {
  it('lists every topic with its app-id, owner, access, settings, readers and drift', async () => {
    renderExplorer();

    const signedUp = await rowOf(SIGNED_UP);
    expect(
      signedUp.getByRole('link', { name: SIGNED_UP }).getAttribute('href'),
    ).toBe(
      '/catalog/default/resource/acme-lifestyle-onboarding-public-user-signed-up',
    );
    // The app-id, and the owner: the group named after it.
    expect(signedUp.getAllByText('acme.lifestyle.onboarding')).toHaveLength(2);
    expect(
      signedUp
        .getByRole('link', { name: 'acme.lifestyle.onboarding' })
        .getAttribute('href'),
    ).toBe('/catalog/default/group/acme.lifestyle.onboarding');
    expect(signedUp.getByText('public')).toBeInTheDocument();
    expect(signedUp.getByText('3')).toBeInTheDocument();
    expect(
      signedUp.getByText('all authenticated principals'),
    ).toBeInTheDocument();
    expect(
      signedUp.getByRole('link', { name: 'acme.finance.accounting' }),
    ).toBeInTheDocument();
    expect(
      signedUp.getByRole('link', { name: 'acme.logistics.shipping' }),
    ).toBeInTheDocument();
    await waitForDrift();
    expect(signedUp.getByText('drifted')).toBeInTheDocument();
    expect(signedUp.getByText('partitions 1 → 3')).toBeInTheDocument();

    const checkout = await rowOf(CHECKOUT);
    expect(checkout.getByText('private')).toBeInTheDocument();
    expect(checkout.getByText('cluster default')).toBeInTheDocument();
    expect(checkout.getAllByText('none')).toHaveLength(2);
    // Onboarding drifted, but not on this topic.
    expect(checkout.getByText('in sync')).toBeInTheDocument();

    const ledger = await rowOf(LEDGER);
    expect(ledger.getByText('acme.finance.audit')).toBeInTheDocument();
    expect(ledger.getByText('acme.risk.fraud')).toBeInTheDocument();
    expect(ledger.getByText('in sync')).toBeInTheDocument();

    expect(shownTopics()).toEqual(ALL_TOPICS);
    expect(screen.getByText('5 topics')).toBeInTheDocument();
  });

  it('asks the catalog for the kafka-topic Resources, page by page, and only for the fields it shows', async () => {
    const catalogApi = catalogApiMock({
      entities: [
        ...meshTopicResources(),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'orders-db' },
          spec: { type: 'database', owner: 'group:default/shop' },
        },
      ],
    });
    const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
    const getEntities = jest.spyOn(catalogApi, 'getEntities');
    renderExplorer({ catalogApi });

    await rowOf(LEDGER);
    expect(queryEntities).toHaveBeenCalledTimes(1);
    expect(queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'Resource', 'spec.type': 'kafka-topic' },
        limit: FIRST_PAGE_SIZE,
        fields: expect.arrayContaining([
          'metadata.annotations',
          'metadata.labels',
          'spec.owner',
          'relations',
        ]),
      }),
    );
    expect((queryEntities.mock.calls[0][0] as any).fields).not.toContain(
      'spec',
    );
    expect(getEntities).not.toHaveBeenCalled();
    expect(screen.queryByText('orders-db')).not.toBeInTheDocument();
  });

  it('narrows the rows by access level, and keeps the filter in the URL', async () => {
    renderExplorer();
    await rowOf(LEDGER);

    await userEvent.selectOptions(screen.getByLabelText('Access'), 'public');

    expect(shownTopics()).toEqual([SIGNED_UP, INVOICES]);
    expect(query()).toBe('?access=public');
    expect(screen.getByText('2 of 5 topics')).toBeInTheDocument();
  });

  it('narrows the rows by owner', async () => {
    renderExplorer();
    await rowOf(LEDGER);

    const owner = screen.getByLabelText('Owner');
    expect(
      within(owner)
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['All', 'acme.finance.accounting', 'acme.lifestyle.onboarding']);
    await userEvent.selectOptions(owner, 'acme.finance.accounting');

    expect(shownTopics()).toEqual([INVOICES, LEDGER]);
    expect(new URLSearchParams(query()!).get('owner')).toBe(
      'group:default/acme.finance.accounting',
    );
  });

  it('narrows the rows by app-id', async () => {
    renderExplorer();
    await rowOf(LEDGER);

    await userEvent.selectOptions(
      screen.getByLabelText('App-id'),
      'acme.lifestyle.onboarding',
    );

    expect(shownTopics()).toEqual([SIGNED_UP, CHECKOUT, PURCHASED]);
    expect(query()).toBe('?app-id=acme.lifestyle.onboarding');
  });

  it('narrows the rows by drift', async () => {
    renderExplorer();
    await rowOf(LEDGER);
    await waitForDrift();

    await userEvent.selectOptions(screen.getByLabelText('Drift'), 'drifted');

    expect(shownTopics()).toEqual([SIGNED_UP]);
    expect(query()).toBe('?drift=drifted');
  });

  it('searches the topic names, app-ids, owners and descriptions', async () => {
    renderExplorer();
    await rowOf(LEDGER);

    await userEvent.type(screen.getByLabelText('Search'), 'purchased');
    expect(shownTopics()).toEqual([PURCHASED]);
    // Into the URL once typing pauses.
    await waitFor(() => expect(query()).toBe('?q=purchased'));

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'general ledger');
    expect(shownTopics()).toEqual([LEDGER]);

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'finance');
    expect(shownTopics()).toEqual([INVOICES, LEDGER]);
    await waitFor(() => expect(query()).toBe('?q=finance'));
  });

  it('opens a shared link with its filters applied', async () => {
    renderExplorer({
      url: '/kafka-topics?owner=acme.lifestyle.onboarding&access=protected&q=purch',
    });

    await rowOf(PURCHASED);
    expect(shownTopics()).toEqual([PURCHASED]);
    expect(screen.getByLabelText('Access')).toHaveValue('protected');
    expect(screen.getByLabelText('Owner')).toHaveValue(
      'group:default/acme.lifestyle.onboarding',
    );
    expect(screen.getByLabelText('Search')).toHaveValue('purch');
  });

  it('says when nothing matches, and clears the filters', async () => {
    renderExplorer({ url: '/kafka-topics?access=private&q=invoice' });

    expect(
      await screen.findByText(/No topic matches the filters/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );

    expect(shownTopics()).toEqual(ALL_TOPICS);
    expect(query()).toBe('');
  });

  it('shows progress while the catalog answers', async () => {
    const catalogApi = catalogApiMock();
    jest.spyOn(catalogApi, 'queryEntities').mockImplementation(() => pending());
    renderExplorer({ catalogApi });

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('lists the topics while the drift report is on its way', async () => {
    renderExplorer({ getMeshDrift: jest.fn(() => pending()) });

    const signedUp = await rowOf(SIGNED_UP);
    expect(signedUp.getByText('checking…')).toBeInTheDocument();
    expect(screen.getByLabelText('Drift')).not.toBeDisabled();
  });

  it('asks for specs to be registered when the catalog has no topics', async () => {
    renderExplorer({ entities: [], registerSpecMounted: true });

    expect(
      await screen.findByText('No Kafka topics in the catalog'),
    ).toBeInTheDocument();
    expect(
      screen
        .getByRole('button', { name: 'Register an AsyncAPI spec' })
        .getAttribute('href'),
    ).toBe('/catalog-import');
  });

  it('leaves the register link out when the app has no page for it', async () => {
    renderExplorer({ entities: [] });

    expect(
      await screen.findByText('No Kafka topics in the catalog'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Register an AsyncAPI spec' }),
    ).not.toBeInTheDocument();
  });

  it('explains a catalog it cannot read', async () => {
    const catalogApi = catalogApiMock();
    jest
      .spyOn(catalogApi, 'queryEntities')
      .mockRejectedValue(new Error('catalog is down'));
    renderExplorer({ catalogApi });

    expect(
      await screen.findByText(/Could not read the topics from the catalog/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists the topics without drift when the user may not see the report', async () => {
    const denied = await responseError(403, 'Not allowed to read drift');
    renderExplorer({
      getMeshDrift: jest.fn(async () => {
        throw denied;
      }),
    });

    expect(
      await screen.findByText(
        /You may not see whether the topics match their specs/,
      ),
    ).toBeInTheDocument();
    expect(
      (await rowOf(SIGNED_UP)).getByText('unavailable'),
    ).toBeInTheDocument();
    expect(shownTopics()).toEqual(ALL_TOPICS);
    expect(screen.getByLabelText('Drift')).toBeDisabled();
  });

  it('says why the drift is unavailable when the backend is', async () => {
    const unavailable = await responseError(503, 'The database is down');
    renderExplorer({
      getMeshDrift: jest.fn(async () => {
        throw unavailable;
      }),
    });

    expect(await screen.findByText(/The database is down/)).toBeInTheDocument();
    expect((await rowOf(LEDGER)).getByText('unavailable')).toBeInTheDocument();
  });

  it('shows each topic state of the verdicts', async () => {
    renderExplorer({
      getMeshDrift: jest.fn(async () => ({
        items: [
          driftVerdict('acme.lifestyle.onboarding', 'error', [], {
            error: 'Broker localhost:9092 is down',
          }),
          driftVerdict('acme.finance.accounting', 'unknown', [
            {
              kind: 'schema',
              key: `${LEDGER}-value`,
              status: 'unknown',
              exists: false,
              reason: 'No schema registry is configured for this cluster',
            },
          ]),
        ],
      })),
    });
    await waitForDrift();

    const checkout = await rowOf(CHECKOUT);
    expect(checkout.getByText('check failed')).toBeInTheDocument();
    expect(
      checkout.getByText('Broker localhost:9092 is down'),
    ).toBeInTheDocument();
    const ledger = await rowOf(LEDGER);
    expect(ledger.getByText('unknown')).toBeInTheDocument();
    expect(
      ledger.getByText('No schema registry is configured for this cluster'),
    ).toBeInTheDocument();
    expect((await rowOf(INVOICES)).getByText('in sync')).toBeInTheDocument();
  });

  it('says a topic whose data product has no verdict was not checked', async () => {
    renderExplorer({ getMeshDrift: jest.fn(async () => ({ items: [] })) });
    await waitForDrift();

    expect(
      (await rowOf(PURCHASED)).getByText('not checked'),
    ).toBeInTheDocument();
  });
});

describe('SpecmeshTopicExplorerPage', () => {
  it('is a page with a header in the legacy frontend system', async () => {
    await renderInLegacyTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApiMock({ entities: meshTopicResources() })],
          [specmeshApiRef, fakeSpecmeshApi({ getMeshDrift: meshDrift() })],
        ]}
      >
        <SpecmeshTopicExplorerPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      screen.getByRole('heading', { name: 'Kafka topics' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Every topic of the data mesh/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: LEDGER }),
    ).toBeInTheDocument();
    await waitForDrift();
  });
});
