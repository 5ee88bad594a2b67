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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeSpecmeshApi } from '../../__testUtils__/fakeSpecmeshApi';
import { largeSpec } from '../../__testUtils__/largeSpec';
import { renderLargeDataProduct } from '../../__testUtils__/renderLargeDataProduct';
import { servedDesiredState } from '../../__testUtils__/servedDesiredState';
import { GroupLag } from '../../api';
import { FILTER_VALUES_PER_REQUEST } from '../shared/inChunks';
import { SpecmeshTopicsContent } from './SpecmeshTopicsContent';

const APP_ID = 'acme.topics.large';
const ENTITY_REF = `api:default/${APP_ID}`;
const TOPICS = 200;
const PAGE = 25;

// A loaded machine renders the tab slowly: generous bounds, no timing asserted.
const LOAD = { timeout: 60_000 };

/** Two readers per topic: one data product's group, one unattributed. */
function readersOf(topic: string, i: number): GroupLag[] {
  const group = (
    groupId: string,
    consumerAppId: string | null,
    lag: number,
  ) => ({
    groupId,
    consumerAppId,
    topic,
    lag,
    estimatedSeconds: lag ? 60 * (i + 1) : 0,
    partitions: [],
  });
  return [
    group('acme.reader.app', 'acme.reader', 1000 + i),
    group(`console-consumer-${i}`, null, 0),
  ];
}

/** The Topics tab of a data product owning TOPICS topics, every answer in. */
async function renderLarge() {
  const definition = largeSpec(APP_ID, TOPICS);
  const desired = servedDesiredState(definition, { entityRef: ENTITY_REF });
  const topics = desired.state!.topics.map(t => t.name);
  expect(topics).toHaveLength(TOPICS);
  const specmeshApi = fakeSpecmeshApi({
    getDesiredState: jest.fn(async () => desired),
    getStatus: jest.fn(async () => ({
      entityRef: ENTITY_REF,
      appId: APP_ID,
      cluster: 'local',
      status: 'in-sync' as const,
      checkedAt: '2026-01-01T00:00:00Z',
      pendingChanges: 0,
      items: topics.map(topic => ({
        kind: 'topic' as const,
        key: topic,
        status: 'in-sync' as const,
        exists: true,
      })),
    })),
    getReadersLag: jest.fn(async () => ({
      entityRef: ENTITY_REF,
      collectedAt: '2026-01-01T00:00:00Z',
      topics: topics.map((topic, i) => ({
        topic,
        ownerAppId: APP_ID,
        readers: readersOf(topic, i),
      })),
    })),
  });
  const { getEntities } = await renderLargeDataProduct(
    <SpecmeshTopicsContent />,
    {
      appId: APP_ID,
      definition,
      topics,
      specmeshApi,
    },
  );
  // Every answer is in: status, readers, and the topics' entities (links).
  await waitFor(() => {
    expect(screen.queryByText('checking…')).toBeNull();
    expect(within(owned()).getAllByTestId('reader-lag').length).toBeGreaterThan(
      0,
    );
    expect(
      within(owned()).getByRole('link', { name: topics[0] }),
    ).toBeInTheDocument();
  }, LOAD);
  return { topics, specmeshApi, getEntities };
}

/** The owned topics table: the table under its title. */
function owned(): HTMLElement {
  return screen
    .getByText('Owned topics')
    .closest('.MuiPaper-root') as HTMLElement;
}

/** The topic of every row the owned topics table renders. */
function ownedTopics(): string[] {
  return within(owned())
    .queryAllByRole('row')
    .map(row => within(row).queryAllByRole('cell')[0]?.textContent ?? '')
    .filter(text => text.startsWith(`${APP_ID}.`));
}

const totals = () => screen.getByTestId('owned-topics-totals').textContent;

describe('SpecmeshTopicsContent with 200 topics', () => {
  it('renders one page, pages and searches in memory, with the requests of one visit', async () => {
    const { topics, specmeshApi, getEntities } = await renderLarge();
    const requests = () => ({
      desired: specmeshApi.getDesiredState.mock.calls.length,
      status: specmeshApi.getStatus.mock.calls.length,
      lag: specmeshApi.getReadersLag.mock.calls.length,
      catalog: getEntities.mock.calls.length,
    });
    // Once each; the topics' entities per chunk of topics, not per topic.
    const visit = {
      desired: 1,
      status: 1,
      lag: 1,
      catalog: Math.ceil(TOPICS / FILTER_VALUES_PER_REQUEST),
    };
    expect(requests()).toEqual(visit);
    expect(specmeshApi.getReadersLag).toHaveBeenCalledWith(ENTITY_REF, {
      topic: undefined,
    });

    // One page, in the spec's order, each row with its status and readers.
    expect(totals()).toBe(`${TOPICS} topics`);
    expect(ownedTopics()).toEqual(topics.slice(0, PAGE));
    expect(within(owned()).getAllByText('in sync')).toHaveLength(PAGE);
    expect(within(owned()).getAllByTestId('reader-lag')).toHaveLength(2 * PAGE);
    expect(
      within(owned()).getAllByText(`1-${PAGE} of ${TOPICS}`)[0],
    ).toBeInTheDocument();

    await userEvent.click(
      within(owned()).getAllByRole('button', { name: 'Next Page' })[0],
    );
    await waitFor(() =>
      expect(ownedTopics()).toEqual(topics.slice(PAGE, 2 * PAGE)),
    );
    expect(
      within(owned()).getAllByText(`${PAGE + 1}-${2 * PAGE} of ${TOPICS}`)[0],
    ).toBeInTheDocument();
    expect(within(owned()).getAllByTestId('reader-lag')).toHaveLength(2 * PAGE);

    // The last topic, seven pages on, found by a search of its name.
    const last = topics[TOPICS - 1];
    const search = screen.getByLabelText('Search owned topics');
    for (const text of ['e', 'events_1', 'events_199']) {
      fireEvent.change(search, { target: { value: text } });
    }
    await waitFor(() => expect(ownedTopics()).toEqual([last]));
    expect(totals()).toBe(`1 of ${TOPICS} topics`);
    const lastRow = within(owned()).getByText(last).closest('tr')!;
    expect(
      within(lastRow)
        .getAllByTestId('reader-lag')
        .map(line => line.textContent),
    ).toEqual([
      'acme.reader: 1,199 messages · ≈ 3.3 h behind',
      'unattributed: caught up',
    ]);
    expect(within(lastRow).getByText('in sync')).toBeInTheDocument();
    // Fewer rows than a page: no paging.
    expect(
      within(owned()).queryAllByRole('button', { name: 'Next Page' }),
    ).toHaveLength(0);

    // No match, then cleared from the empty table: the first page again.
    fireEvent.change(search, { target: { value: 'no such topic' } });
    await userEvent.click(
      await within(owned()).findByRole('button', { name: 'Clear the search' }),
    );
    await waitFor(() => expect(ownedTopics()).toEqual(topics.slice(0, PAGE)));
    expect(totals()).toBe(`${TOPICS} topics`);

    // Neither the pages nor the keystrokes asked anything again.
    expect(requests()).toEqual(visit);
  }, 180_000);
});
