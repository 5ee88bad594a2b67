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
import { aclBindingKey, AclBinding } from '@meshport/plugin-specmesh-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeSpecmeshApi } from '../../__testUtils__/fakeSpecmeshApi';
import { largeSpec, levelOf } from '../../__testUtils__/largeSpec';
import { renderLargeDataProduct } from '../../__testUtils__/renderLargeDataProduct';
import { servedDesiredState } from '../../__testUtils__/servedDesiredState';
import { FILTER_VALUES_PER_REQUEST } from '../shared/inChunks';
import { SpecmeshAccessContent } from './SpecmeshAccessContent';

const APP_ID = 'acme.scale.large';
const TOPICS = 200;
/** The rights the rule book derives for topic i: owner write and read, and everyone's or the grantee's read. */
const rightsOf = (i: number): number => (levelOf(i) === '_private' ? 2 : 3);
const RIGHTS = Array.from({ length: TOPICS }, (_, i) => rightsOf(i)).reduce(
  (a, b) => a + b,
);
const PAGE = 50;

// A loaded machine renders the tab slowly: generous bounds, no timing asserted.
const LOAD = { timeout: 60_000 };

/** Renders the Access tab; `missing` says which of the spec's bindings the cluster lacks. */
async function renderLarge(
  missing: (binding: AclBinding) => boolean = () => false,
) {
  const definition = largeSpec(APP_ID, TOPICS);
  const desired = servedDesiredState(definition, {
    entityRef: `api:default/${APP_ID}`,
  });
  const topics = desired.state!.topics.map(t => t.name);
  expect(topics).toHaveLength(TOPICS);
  const specmeshApi = fakeSpecmeshApi({
    getDesiredState: jest.fn(async () => desired),
    getStatus: jest.fn(async () => ({
      entityRef: `api:default/${APP_ID}`,
      appId: APP_ID,
      cluster: 'local',
      status: 'in-sync' as const,
      checkedAt: '2026-01-01T00:00:00Z',
      pendingChanges: 0,
      items: desired.state!.acls.map(binding => ({
        kind: 'acl' as const,
        key: aclBindingKey(binding),
        status: missing(binding) ? ('missing' as const) : ('in-sync' as const),
        exists: !missing(binding),
      })),
    })),
    listAccessRequests: jest.fn(async () => []),
    getAccessRequest: jest.fn(),
  });
  const { getEntities } = await renderLargeDataProduct(
    <SpecmeshAccessContent />,
    {
      appId: APP_ID,
      definition,
      topics,
      specmeshApi,
    },
  );
  // Every lookup has answered and the cluster's side is in.
  await waitFor(() => {
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(screen.queryByText('checking…')).toBeNull();
    expect(matrixTopics().length).toBeGreaterThan(0);
  }, LOAD);
  return { topics, specmeshApi, getEntities };
}

/** The access matrix: the table under its title. */
function matrix(): HTMLElement {
  return screen
    .getByText('Who can write and read')
    .closest('.MuiPaper-root') as HTMLElement;
}

/** The topic of every row the matrix renders. */
function matrixTopics(): string[] {
  return within(matrix())
    .queryAllByRole('row')
    .map(row => within(row).queryAllByRole('cell')[0]?.textContent ?? '')
    .filter(text => text.startsWith(`${APP_ID}.`));
}

const totals = () => screen.getByTestId('access-matrix-totals').textContent;

describe('SpecmeshAccessContent with 200 topics', () => {
  it('renders one page of the matrix, pages through it, with a bounded number of calls', async () => {
    const { topics, specmeshApi, getEntities } = await renderLarge();

    expect(totals()).toBe(`${TOPICS} topics, ${RIGHTS} rights`);
    // One page of rows, the spec's order: the first topics, not the last.
    const firstPage = matrixTopics();
    expect(firstPage).toHaveLength(PAGE);
    expect(firstPage[0]).toBe(topics[0]);
    expect(firstPage).not.toContain(topics[TOPICS - 1]);
    expect(
      within(matrix()).getAllByText(`1-${PAGE} of ${RIGHTS}`)[0],
    ).toBeInTheDocument();

    await userEvent.click(
      within(matrix()).getAllByRole('button', { name: 'Next Page' })[0],
    );
    await waitFor(() =>
      expect(
        within(matrix()).getAllByText(
          `${PAGE + 1}-${2 * PAGE} of ${RIGHTS}`,
        )[0],
      ).toBeInTheDocument(),
    );
    const secondPage = matrixTopics();
    expect(secondPage).toHaveLength(PAGE);
    expect(secondPage.some(topic => firstPage.includes(topic))).toBe(
      // A topic's rights may straddle two pages: only its last ones move on.
      secondPage[0] === firstPage[PAGE - 1],
    );

    // Once each: no effect asks again after its answer.
    expect(specmeshApi.getDesiredState).toHaveBeenCalledTimes(1);
    expect(specmeshApi.getStatus).toHaveBeenCalledTimes(1);
    // Incoming and outgoing requests, one list each.
    expect(specmeshApi.listAccessRequests).toHaveBeenCalledTimes(2);
    expect(specmeshApi.getAccessRequest).not.toHaveBeenCalled();
    // Per chunk of topics, not per topic: the topics' resources and their
    // consumers, in chunks; the visitor's own data products, once.
    const chunks = Math.ceil(TOPICS / FILTER_VALUES_PER_REQUEST);
    expect(getEntities).toHaveBeenCalledTimes(2 * chunks + 1);
  }, 180_000);

  it('searches every topic and keeps only the differences when asked, with the totals of what it keeps', async () => {
    // The cluster lacks the grantee's read of three protected topics.
    const lacking = [1, 100, 199].map(i => `${APP_ID}._protected.events_${i}`);
    const { topics } = await renderLarge(
      binding =>
        binding.patternType === 'LITERAL' &&
        lacking.includes(binding.resourceName),
    );

    // events_17 and events_170 to events_179: past the first page, found.
    fireEvent.change(screen.getByLabelText('Search topics and principals'), {
      target: { value: 'events_17' },
    });
    const matching = topics.filter(topic => /events_17\d?$/.test(topic));
    expect(matching).toHaveLength(11);
    const matchingRights = matching
      .map(topic => rightsOf(Number(topic.split('_').pop())))
      .reduce((a, b) => a + b);
    await waitFor(() =>
      expect(totals()).toBe(
        `11 of ${TOPICS} topics, ${matchingRights} of ${RIGHTS} rights`,
      ),
    );
    await waitFor(() =>
      expect(new Set(matrixTopics())).toEqual(new Set(matching)),
    );
    expect(matrixTopics()).toHaveLength(matchingRights);
    // Fewer rows than a page: no paging.
    expect(
      within(matrix()).queryAllByRole('button', { name: 'Next Page' }),
    ).toHaveLength(0);

    // No match, then cleared from the empty table.
    fireEvent.change(screen.getByLabelText('Search topics and principals'), {
      target: { value: 'no such topic' },
    });
    await userEvent.click(
      await within(matrix()).findByRole('button', {
        name: 'Clear the filters',
      }),
    );
    await waitFor(() =>
      expect(totals()).toBe(`${TOPICS} topics, ${RIGHTS} rights`),
    );

    // The differences, wherever they are in the matrix.
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Only where the spec and the cluster differ (3)',
      }),
    );
    await waitFor(() => expect(matrixTopics()).toEqual(lacking));
    expect(totals()).toBe(`3 of ${TOPICS} topics, 3 of ${RIGHTS} rights`);
    expect(
      within(matrix()).getAllByText('missing on the cluster'),
    ).toHaveLength(3);
  }, 180_000);
});
