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
  CHECKOUT,
  INVOICES,
  LEDGER,
  meshTopicResources,
  PURCHASED,
  SIGNED_UP,
} from '../../__testUtils__/meshTopics';
import type { TopicDrift } from './topicDrift';
import { topicEntriesOf } from '../shared/topicEntry';
import {
  filterOptionsOf,
  filtersFromSearchParams,
  filterTopics,
  matchesSearch,
  shortRef,
  TopicRow,
  withFilter,
  withoutFilters,
} from './topicFilters';

const checkedAt = '2026-03-01T10:00:00.000Z';
const driftByTopic: Record<string, TopicDrift> = {
  [SIGNED_UP]: {
    state: 'drifted',
    checkedAt,
    differences: ['partitions 1 → 3'],
  },
  [CHECKOUT]: { state: 'in-sync', checkedAt },
  [PURCHASED]: { state: 'in-sync', checkedAt },
  [INVOICES]: { state: 'error', checkedAt },
  [LEDGER]: { state: 'not-checked' },
};

function rows(): TopicRow[] {
  return topicEntriesOf(meshTopicResources()).map(entry => ({
    ...entry,
    drift: driftByTopic[entry.topic],
  }));
}

const topicsOf = (list: TopicRow[]) => list.map(row => row.topic);
const params = (query: string) => new URLSearchParams(query);

describe('filtersFromSearchParams', () => {
  it('reads every filter from the query', () => {
    expect(
      filtersFromSearchParams(
        params(
          'owner=group:default/acme.finance.accounting&app-id=acme.finance.accounting&access=public&drift=in-sync&q=invoice',
        ),
      ),
    ).toEqual({
      owner: 'group:default/acme.finance.accounting',
      appId: 'acme.finance.accounting',
      access: 'public',
      drift: 'in-sync',
      q: 'invoice',
    });
  });

  it('completes an owner given the short way', () => {
    expect(
      filtersFromSearchParams(params('owner=acme.finance.accounting')),
    ).toEqual({ owner: 'group:default/acme.finance.accounting' });
    expect(filtersFromSearchParams(params('owner=user:jane'))).toEqual({
      owner: 'user:default/jane',
    });
  });

  it('ignores values it cannot mean, and empty ones', () => {
    expect(
      filtersFromSearchParams(
        params('access=secret&drift=sideways&app-id=&q=&other=1'),
      ),
    ).toEqual({});
  });
});

describe('withFilter and withoutFilters', () => {
  it('set and drop one filter, keeping the rest of the query', () => {
    const query = withFilter(params('tab=x&access=public'), 'appId', 'acme.a');

    expect(query.toString()).toBe('tab=x&access=public&app-id=acme.a');
    expect(withFilter(query, 'access', undefined).toString()).toBe(
      'tab=x&app-id=acme.a',
    );
    expect(withoutFilters(query).toString()).toBe('tab=x');
  });
});

describe('filterTopics', () => {
  it('keeps every row without filters', () => {
    expect(filterTopics(rows(), {})).toHaveLength(5);
  });

  it('narrows by owner, whatever the case of the ref', () => {
    expect(
      topicsOf(
        filterTopics(rows(), {
          owner: 'Group:default/acme.finance.accounting',
        }),
      ),
    ).toEqual([LEDGER, INVOICES]);
  });

  it('narrows by app-id', () => {
    expect(
      topicsOf(filterTopics(rows(), { appId: 'acme.lifestyle.onboarding' })),
    ).toEqual([CHECKOUT, PURCHASED, SIGNED_UP]);
  });

  it('narrows by access level', () => {
    expect(topicsOf(filterTopics(rows(), { access: 'protected' }))).toEqual([
      LEDGER,
      PURCHASED,
    ]);
  });

  it('narrows by drift', () => {
    expect(topicsOf(filterTopics(rows(), { drift: 'in-sync' }))).toEqual([
      CHECKOUT,
      PURCHASED,
    ]);
    expect(topicsOf(filterTopics(rows(), { drift: 'not-checked' }))).toEqual([
      LEDGER,
    ]);
  });

  it('keeps nothing by drift while the report is on its way', () => {
    const loading = rows().map(row => ({
      ...row,
      drift: { state: 'loading' } as const,
    }));

    expect(filterTopics(loading, { drift: 'in-sync' })).toEqual([]);
  });

  it('combines the filters and the search', () => {
    expect(
      topicsOf(
        filterTopics(rows(), {
          appId: 'acme.lifestyle.onboarding',
          access: 'public',
          q: 'signed',
        }),
      ),
    ).toEqual([SIGNED_UP]);
    expect(filterTopics(rows(), { access: 'private', q: 'invoice' })).toEqual(
      [],
    );
  });
});

describe('matchesSearch', () => {
  const [ledger] = rows().filter(row => row.topic === LEDGER);

  it.each([
    ['part of the topic name', 'ledger_post', true],
    ['the app-id', 'acme.finance.accounting', true],
    ['the owner', 'group:default/acme.finance', true],
    ['the description', 'general LEDGER', true],
    ['every word somewhere', 'postings finance', true],
    ['a word that is nowhere', 'postings shipping', false],
    ['nothing', '   ', true],
  ])('matches %s', (_case, q, expected) => {
    expect(matchesSearch(ledger, q)).toBe(expected);
  });
});

describe('filterOptionsOf', () => {
  it('offers the values the topics have, sorted', () => {
    expect(filterOptionsOf(rows())).toEqual({
      owners: [
        'group:default/acme.finance.accounting',
        'group:default/acme.lifestyle.onboarding',
      ],
      appIds: ['acme.finance.accounting', 'acme.lifestyle.onboarding'],
      access: ['public', 'protected', 'private'],
      drift: ['drifted', 'in-sync', 'error', 'not-checked'],
    });
  });

  it('offers no drift states while the report is on its way', () => {
    const loading = rows().map(row => ({
      ...row,
      drift: { state: 'loading' } as const,
    }));

    expect(filterOptionsOf(loading).drift).toEqual([]);
  });
});

describe('shortRef', () => {
  it('drops the default kind and namespace of an owner', () => {
    expect(shortRef('group:default/acme.finance.accounting')).toBe(
      'acme.finance.accounting',
    );
    expect(shortRef('group:team-a/data')).toBe('team-a/data');
    expect(shortRef('user:default/jane')).toBe('user:jane');
  });
});
