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
  AccessFilters,
  describeTotals,
  differs,
  filterAccessRows,
  topicCount,
} from './accessFilters';
import { TopicAccessRow } from './topicAccess';

const A = 'acme.shop._public.orders';
const B = 'acme.shop._protected.payments';

const row = (
  topic: string,
  principal: string,
  live?: TopicAccessRow['live'],
): TopicAccessRow => ({
  topic,
  principal,
  operation: 'READ',
  inSpec: live !== 'unexpected',
  live,
});

const rows = [
  row(A, 'User:acme.shop', 'in-sync'),
  row(A, 'User:*', 'in-sync'),
  row(B, 'User:acme.shop', 'in-sync'),
  row(B, 'User:svc-42', 'missing'),
  row(B, 'User:acme.stranger', 'unexpected'),
];

const whoOf = (r: TopicAccessRow) =>
  r.principal === 'User:svc-42' ? 'acme.audit (User:svc-42)' : r.principal;

const filter = (filters: AccessFilters) =>
  filterAccessRows(rows, filters, whoOf);

describe('filtering the access matrix', () => {
  it('keeps every row without a filter, as a new array', () => {
    const all = filter({ q: '  ' });
    expect(all).toEqual(rows);
    expect(all).not.toBe(rows);
  });

  it('keeps the rows whose topic or principal, as shown, has every word, in any case', () => {
    expect(filter({ q: 'PAYMENTS' })).toEqual(rows.slice(2));
    expect(filter({ q: '_protected audit' })).toEqual([rows[3]]);
    expect(filter({ q: 'svc-42' })).toEqual([rows[3]]);
    expect(filter({ q: 'orders audit' })).toEqual([]);
  });

  it('keeps only the differences between the spec and the cluster when asked', () => {
    expect(rows.filter(differs)).toEqual([rows[3], rows[4]]);
    expect(filter({ onlyDifferences: true })).toEqual([rows[3], rows[4]]);
    expect(filter({ onlyDifferences: true, q: 'stranger' })).toEqual([rows[4]]);
  });

  it('counts topics and rights, and what the filters keep of them', () => {
    expect(topicCount(rows)).toBe(2);
    expect(describeTotals(2, rows, rows)).toBe('2 topics, 5 rights');
    expect(describeTotals(2, rows, [rows[3]])).toBe(
      '1 of 2 topics, 1 of 5 rights',
    );
    expect(describeTotals(1, rows.slice(0, 1), rows.slice(0, 1))).toBe(
      '1 topic, 1 right',
    );
    // A spec whose topics have no rights yet still counts its topics.
    expect(describeTotals(3, [], [])).toBe('3 topics, 0 rights');
  });
});
