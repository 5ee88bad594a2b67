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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeSpecmeshApi } from '../../__testUtils__/fakeSpecmeshApi';
import { kafkaTopicResource } from '../../__testUtils__/meshTopics';
import { specmeshApiRef } from '../../api';
import { TopicExplorerPageContent } from './TopicExplorerPageContent';
import { FIRST_PAGE_SIZE, NEXT_PAGE_SIZE } from './useTopicPages';

// More than one page of the catalog's answer, and far more than a table page.
const TOPICS = FIRST_PAGE_SIZE + NEXT_PAGE_SIZE + 250;
const PRODUCTS = 300;

const appIdOf = (i: number) =>
  `bench.app${String(i % PRODUCTS).padStart(3, '0')}`;
const topicOf = (i: number) =>
  `${appIdOf(i)}._public.events_${String(i).padStart(4, '0')}`;

// A loaded machine renders a table slowly: generous bounds, no timing asserted.
const TEST_TIMEOUT_MS = 180_000;
const LOAD_TIMEOUT_MS = 60_000;

let entities: ReturnType<typeof kafkaTopicResource>[] | undefined;
function manyTopics() {
  entities ??= Array.from({ length: TOPICS }, (_, i) =>
    kafkaTopicResource({
      topic: topicOf(i),
      appId: appIdOf(i),
      access: i % 2 ? 'public' : 'protected',
    }),
  );
  return entities;
}

const allTopics = () =>
  manyTopics().map(e => e.metadata.annotations!['meshport.dev/topic']);

/** One change event for the whole search, as a paste: one filter pass. */
const search = (text: string) =>
  fireEvent.change(screen.getByLabelText('Search'), {
    target: { value: text },
  });

const loaded = (text: string | RegExp = `${TOPICS} topics`) =>
  screen.findByText(text, {}, { timeout: LOAD_TIMEOUT_MS });

function renderMany(url = '/kafka-topics') {
  const catalogApi = catalogApiMock({ entities: manyTopics() });
  const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
  renderInTestApp(<TopicExplorerPageContent />, {
    apis: [
      [catalogApiRef, catalogApi],
      [specmeshApiRef, fakeSpecmeshApi({})],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: [url],
  });
  return { queryEntities };
}

/** The topic of every row in the DOM. */
function renderedTopics(): string[] {
  return screen
    .getAllByRole('row')
    .map(row => within(row).queryAllByRole('link')[0]?.textContent ?? '')
    .filter(text => text.startsWith('bench.'));
}

describe('the topic explorer with thousands of topics', () => {
  it(
    'reads every page of the catalog and renders one page of rows',
    async () => {
      const { queryEntities } = renderMany();

      expect(await loaded()).toBeInTheDocument();
      // The first page, then cursor pages until the catalog has no more.
      expect(queryEntities).toHaveBeenCalledTimes(3);
      expect(queryEntities.mock.calls[1][0]).toEqual(
        expect.objectContaining({ cursor: expect.any(String) }),
      );
      const rows = renderedTopics();
      expect(rows).toHaveLength(25);
      // By topic name across all of them, not just the first page read.
      const sorted = allTopics().sort((a, b) => a.localeCompare(b, 'en-US'));
      expect(rows).toEqual(sorted.slice(0, 25));
      expect(screen.getAllByText(`1-25 of ${TOPICS}`)[0]).toBeInTheDocument();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'pages through the rows in memory',
    async () => {
      renderMany();
      await loaded();
      const firstPage = renderedTopics();

      await userEvent.click(
        screen.getAllByRole('button', { name: 'Next Page' })[0],
      );

      await waitFor(() =>
        expect(
          screen.getAllByText(`26-50 of ${TOPICS}`)[0],
        ).toBeInTheDocument(),
      );
      const secondPage = renderedTopics();
      expect(secondPage).toHaveLength(25);
      expect(secondPage.some(topic => firstPage.includes(topic))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'searches all of them and renders only the page of matches',
    async () => {
      renderMany();
      await loaded();

      search('app042.');

      const expected = allTopics().filter(topic => topic.includes('app042.'));
      expect(expected.length).toBeGreaterThan(5);
      await waitFor(() =>
        expect(renderedTopics()).toEqual(
          [...expected].sort((a, b) => a.localeCompare(b, 'en-US')),
        ),
      );
      expect(
        screen.getByText(`${expected.length} of ${TOPICS} topics`),
      ).toBeInTheDocument();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'goes back to the first page when a filter leaves fewer rows than the page it was on',
    async () => {
      renderMany('/kafka-topics?access=public');
      await loaded(/^\d+ of \d+ topics$/);
      await waitFor(() =>
        expect(
          screen.queryByText(/of \d+ topics \(read/),
        ).not.toBeInTheDocument(),
      );
      for (let page = 0; page < 3; page++) {
        await userEvent.click(
          screen.getAllByRole('button', { name: 'Next Page' })[0],
        );
      }
      await waitFor(() =>
        expect(screen.getAllByText(/^76-100 of/)[0]).toBeInTheDocument(),
      );

      search('app007.');

      await waitFor(() => expect(renderedTopics().length).toBeGreaterThan(0));
      expect(
        renderedTopics().every(topic => topic.startsWith('bench.app007.')),
      ).toBe(true);
      expect(screen.queryByText(/^76-100 of/)).not.toBeInTheDocument();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'sorts every row by a column, not just the page',
    async () => {
      renderMany();
      await loaded();

      // The topic column: ascending first, then descending.
      const header = screen.getAllByRole('button', { name: 'Topic' })[0];
      await userEvent.click(header);
      await userEvent.click(header);

      const last = allTopics()
        .sort((a, b) => b.localeCompare(a, 'en-US'))
        .slice(0, 25);
      await waitFor(() => expect(renderedTopics()).toEqual(last));
    },
    TEST_TIMEOUT_MS,
  );
});
