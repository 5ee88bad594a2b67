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
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { AccessLevel } from '@meshport/plugin-specmesh-common';
import { TOPIC_DRIFT_STATES, TopicDrift, TopicDriftState } from './topicDrift';
import type { TopicEntry } from '../shared/topicEntry';

/** A row of the explorer: the topic and, once the report is read, its drift. */
export type TopicRow = TopicEntry & { drift: TopicDrift };

/** What the user narrowed the list to; absent means all. */
export interface TopicFilters {
  /** A full entity ref. */
  owner?: string;
  appId?: string;
  access?: AccessLevel;
  drift?: TopicDriftState;
  /** Free text. */
  q?: string;
}

/** The query parameter of each filter: `?owner=...&access=...&q=...`. */
export const FILTER_PARAMS: Record<keyof TopicFilters, string> = {
  owner: 'owner',
  appId: 'app-id',
  access: 'access',
  drift: 'drift',
  q: 'q',
};

const ACCESS_LEVELS: readonly AccessLevel[] = [
  'public',
  'protected',
  'private',
];

function ownerRefOf(value: string): string | undefined {
  // A shared link may name the owner the short way: `acme.lifestyle.onboarding`.
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: DEFAULT_NAMESPACE,
      }),
    );
  } catch {
    return undefined;
  }
}

/** The filters a URL's query names; values it cannot mean are ignored. */
export function filtersFromSearchParams(params: URLSearchParams): TopicFilters {
  const get = (key: keyof TopicFilters) =>
    params.get(FILTER_PARAMS[key])?.trim() || undefined;
  const owner = get('owner');
  const access = get('access');
  const drift = get('drift');
  const filters: TopicFilters = {
    owner: owner && ownerRefOf(owner),
    appId: get('appId'),
    access: ACCESS_LEVELS.find(level => level === access),
    drift: TOPIC_DRIFT_STATES.find(state => state === drift),
    // The search keeps its spaces while the user types.
    q: params.get(FILTER_PARAMS.q) || undefined,
  };
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as TopicFilters;
}

/** The URL query of the filters, keeping any other parameters the page has. */
export function withFilter(
  params: URLSearchParams,
  key: keyof TopicFilters,
  value: string | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) {
    next.set(FILTER_PARAMS[key], value);
  } else {
    next.delete(FILTER_PARAMS[key]);
  }
  return next;
}

/** The query without any filter. */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of Object.values(FILTER_PARAMS)) {
    next.delete(name);
  }
  return next;
}

const lower = (text: string) => text.toLocaleLowerCase('en-US');

// The search text of each row, lower-cased once: a keystroke over 10,000 rows
// then costs substring tests only. Keyed by the row object, which stays the
// same while the catalog's answer does.
const searchTexts = new WeakMap<TopicEntry, string>();

/** The text a search looks in: the topic, its app-id, owner and description. */
function searchableText(row: TopicEntry): string {
  let text = searchTexts.get(row);
  if (text === undefined) {
    const owner = row.ownerRef
      ? `${row.ownerRef} ${shortRef(row.ownerRef)}`
      : '';
    text = lower(
      [row.topic, row.appId ?? '', owner, row.description ?? ''].join('\n'),
    );
    searchTexts.set(row, text);
  }
  return text;
}

/** An entity ref without its default kind and namespace: `group:default/x` reads `x`. */
export function shortRef(ref: string): string {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    const ns = namespace === DEFAULT_NAMESPACE ? '' : `${namespace}/`;
    return kind.toLocaleLowerCase('en-US') === 'group'
      ? `${ns}${name}`
      : `${kind.toLocaleLowerCase('en-US')}:${ns}${name}`;
  } catch {
    return ref;
  }
}

const wordsOf = (q: string | undefined) =>
  lower(q ?? '')
    .split(/\s+/)
    .filter(Boolean);

/** Whether every word of the search is in the row. */
export function matchesSearch(row: TopicEntry, q: string | undefined): boolean {
  const words = wordsOf(q);
  const text = searchableText(row);
  return words.every(word => text.includes(word));
}

/**
 * The rows the filters keep. The drift filter keeps nothing until the drift
 * report has arrived.
 */
export function filterTopics<T extends TopicRow>(
  rows: readonly T[],
  filters: TopicFilters,
): T[] {
  // Everything that depends on the filters only, once per call, not per row.
  const owner = filters.owner && lower(filters.owner);
  const words = wordsOf(filters.q);
  const { appId, access, drift } = filters;
  if (!owner && !appId && !access && !drift && words.length === 0) {
    return rows.slice();
  }
  return rows.filter(row => {
    if (owner && (row.ownerRef === undefined || lower(row.ownerRef) !== owner))
      return false;
    if (appId && row.appId !== appId) return false;
    if (access && row.access !== access) return false;
    if (drift && row.drift.state !== drift) return false;
    if (words.length === 0) return true;
    const text = searchableText(row);
    return words.every(word => text.includes(word));
  });
}

/** The choices of each select: the values the mesh's topics have, sorted. */
export interface FilterOptions {
  owners: string[];
  appIds: string[];
  access: AccessLevel[];
  drift: TopicDriftState[];
}

export function filterOptionsOf(rows: readonly TopicRow[]): FilterOptions {
  const distinct = (values: Array<string | undefined>) =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) =>
      a.localeCompare(b),
    );
  const access = new Set(rows.map(row => row.access));
  const drift = new Set<TopicDrift['state']>(rows.map(row => row.drift.state));
  return {
    owners: distinct(rows.map(row => row.ownerRef)),
    appIds: distinct(rows.map(row => row.appId)),
    access: ACCESS_LEVELS.filter(level => access.has(level)),
    drift: TOPIC_DRIFT_STATES.filter(state => drift.has(state)),
  };
}
