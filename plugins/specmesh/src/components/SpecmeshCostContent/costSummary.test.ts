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
  INVOICES,
  onboardingReport,
  PURCHASED,
  SIGNED_UP,
} from '../../__testUtils__/chargebackReport';
import {
  consumersOf,
  costByTopic,
  dailyCosts,
  lastDays,
  paidToOthers,
  previousRange,
  totalOf,
} from './costSummary';

describe('cost summary', () => {
  it('counts ranges in whole UTC days, the previous one just before', () => {
    const range = lastDays(7, new Date('2026-03-02T23:30:00Z'));
    expect(range).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(previousRange(range)).toEqual({
      from: '2026-02-17',
      to: '2026-02-23',
    });
  });

  it('fills every day of the range, zero where nothing was billed', () => {
    expect(dailyCosts(onboardingReport())).toEqual([
      {
        day: '2026-01-01',
        storage: 2,
        partitions: 0,
        production: 1.5,
        consumption: 0,
      },
      {
        day: '2026-01-02',
        storage: 0,
        partitions: 0,
        production: 0,
        consumption: 0,
      },
      {
        day: '2026-01-03',
        storage: 9,
        partitions: 0,
        production: 0,
        consumption: 0,
      },
    ]);
  });

  it('breaks down the own topics, leaving out what is paid to others', () => {
    expect(costByTopic(onboardingReport())).toEqual([
      {
        topic: SIGNED_UP,
        storage: 8,
        partitions: 0,
        production: 1.5,
        consumption: 0,
        total: 9.5,
      },
      {
        topic: PURCHASED,
        storage: 0,
        partitions: 2,
        production: 0,
        consumption: 0,
        total: 2,
      },
    ]);
  });

  it('groups consumers by payer, naming unattributed groups', () => {
    expect(consumersOf(onboardingReport())).toEqual([
      {
        party: 'acme.finance.accounting',
        topics: [SIGNED_UP],
        bytes: 3.2e9,
        amount: 3.25,
      },
      {
        party: 'unattributed group legacy-reader',
        topics: [PURCHASED],
        bytes: 4e6,
        amount: 0.004,
      },
    ]);
  });

  it('groups what is paid to others by owner', () => {
    expect(paidToOthers(onboardingReport())).toEqual([
      {
        party: 'acme.finance.accounting',
        topics: [INVOICES],
        bytes: 250e6,
        amount: 1,
      },
    ]);
  });

  it('totals the report in its currency', () => {
    expect(totalOf(onboardingReport())).toBe(12.5);
    expect(totalOf(onboardingReport({ totals: [] }))).toBe(0);
  });
});
