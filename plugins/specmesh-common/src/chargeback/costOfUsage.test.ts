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

import { costOfUsage, totalsByPayer } from './costOfUsage';
import type { PriceList } from './PriceList';
import type { IntervalUsage } from './usage';

const PRICES: PriceList = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.02,
  perPartitionMonth: 1.5,
};

/** A whole billing month, so that GB-months equal average GB. */
function monthOfUsage(overrides: Partial<IntervalUsage> = {}): IntervalUsage {
  return {
    from: '2025-03-01T00:00:00.000Z',
    to: '2025-03-31T10:00:00.000Z',
    hours: 730,
    topics: [
      {
        topic: 'acme.shop._public.orders',
        ownerAppId: 'acme.shop',
        storageBytes: 30e9,
        storageBytesSingleCopy: 10e9,
        partitions: 6,
        messages: 1_000,
        producedOffsets: 1_000,
        producedBytes: 4e9,
        producedBytesBasis: 'logEndGrowth',
        notes: [],
      },
    ],
    consumption: [
      {
        groupId: 'acme.billing.orders-reader',
        consumerAppId: 'acme.billing',
        topic: 'acme.shop._public.orders',
        ownerAppId: 'acme.shop',
        consumedOffsets: 900,
        consumedBytes: 5e9,
        notes: [],
      },
      {
        groupId: 'console-consumer-7',
        consumerAppId: null,
        topic: 'acme.shop._public.orders',
        ownerAppId: 'acme.shop',
        consumedOffsets: 100,
        consumedBytes: 2e9,
        notes: [],
      },
    ],
    ...overrides,
  };
}

describe('costOfUsage', () => {
  it('bills the owner storage, partitions and production, each consumer its consumption', () => {
    const cost = costOfUsage(monthOfUsage(), PRICES);

    expect(cost).toMatchObject({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-31T10:00:00.000Z',
      currency: 'EUR',
    });
    expect(
      cost.lines.map(l => [l.payerAppId, l.category, l.quantity, l.unit]),
    ).toEqual([
      ['acme.shop', 'storage', 30, 'GB-month'],
      ['acme.shop', 'partitions', 6, 'partition-month'],
      ['acme.shop', 'production', 4, 'GB'],
      ['acme.billing', 'consumption', 5, 'GB'],
      [null, 'consumption', 2, 'GB'],
    ]);
    expect(cost.lines.map(l => l.amount)).toEqual([
      expect.closeTo(3, 9),
      expect.closeTo(9, 9),
      expect.closeTo(0.2, 9),
      expect.closeTo(0.1, 9),
      expect.closeTo(0.04, 9),
    ]);
    expect(cost.lines[3]).toMatchObject({
      groupId: 'acme.billing.orders-reader',
      topic: 'acme.shop._public.orders',
      ownerAppId: 'acme.shop',
    });
  });

  it('prorates storage and partitions by the interval hours', () => {
    const sixHours = costOfUsage(monthOfUsage({ hours: 6 }), PRICES);
    const storage = sixHours.lines.find(l => l.category === 'storage');
    const partitions = sixHours.lines.find(l => l.category === 'partitions');
    const production = sixHours.lines.find(l => l.category === 'production');

    expect(storage?.quantity).toBeCloseTo((30 * 6) / 730, 12);
    expect(partitions?.amount).toBeCloseTo((6 * 6 * 1.5) / 730, 12);
    // What moved is not prorated.
    expect(production?.quantity).toBe(4);
  });

  it('bills a single copy when the price list says so', () => {
    const cost = costOfUsage(monthOfUsage(), {
      ...PRICES,
      storageBasis: 'singleCopy',
    });
    expect(cost.lines.find(l => l.category === 'storage')?.quantity).toBe(10);
  });

  it('leaves out lines with nothing to bill', () => {
    const usage = monthOfUsage({ hours: 0 });
    usage.consumption[1].consumedBytes = 0;

    expect(
      costOfUsage(usage, PRICES).lines.map(l => [l.payerAppId, l.category]),
    ).toEqual([
      ['acme.shop', 'production'],
      ['acme.billing', 'consumption'],
    ]);
  });
});

describe('totalsByPayer', () => {
  it('adds up each payer, the unattributed under null, largest first', () => {
    const totals = totalsByPayer(costOfUsage(monthOfUsage(), PRICES).lines);

    expect(totals).toEqual([
      { payerAppId: 'acme.shop', amount: expect.closeTo(12.2, 9) },
      { payerAppId: 'acme.billing', amount: expect.closeTo(0.1, 9) },
      { payerAppId: null, amount: expect.closeTo(0.04, 9) },
    ]);
  });
});
