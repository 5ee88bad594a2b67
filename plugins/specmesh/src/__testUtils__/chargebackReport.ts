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
import { ChargebackLine, EntityChargeback } from '../api';

const ONBOARDING = 'acme.lifestyle.onboarding';
export const SIGNED_UP = `${ONBOARDING}._public.user_signed_up`;
export const PURCHASED = `${ONBOARDING}._protected.purchased`;
export const INVOICES = 'acme.finance.accounting._public.invoice_issued';

function line(overrides: Partial<ChargebackLine>): ChargebackLine {
  return {
    day: '2026-01-02',
    cluster: 'local',
    topic: SIGNED_UP,
    category: 'storage',
    ownerAppId: ONBOARDING,
    payerAppId: ONBOARDING,
    groupId: null,
    currency: 'USD',
    unit: 'GB-month',
    quantity: 1,
    amount: 1,
    bytes: 0,
    records: 0,
    ...overrides,
  };
}

/** The onboarding data product's report over three days of January 2026. */
export function onboardingReport(
  overrides: Partial<EntityChargeback> = {},
): EntityChargeback {
  return {
    entityRef: 'api:default/onboarding',
    appId: ONBOARDING,
    from: '2026-01-01',
    to: '2026-01-03',
    totals: [{ currency: 'USD', amount: 12.5 }],
    byDay: [
      { day: '2026-01-01', category: 'storage', currency: 'USD', amount: 2 },
      {
        day: '2026-01-01',
        category: 'production',
        currency: 'USD',
        amount: 1.5,
      },
      { day: '2026-01-03', category: 'storage', currency: 'USD', amount: 9 },
    ],
    paid: [
      line({ topic: SIGNED_UP, category: 'storage', amount: 8 }),
      line({
        topic: SIGNED_UP,
        category: 'production',
        amount: 1.5,
        unit: 'GB',
        bytes: 1.5e9,
      }),
      line({
        topic: PURCHASED,
        category: 'partitions',
        amount: 2,
        unit: 'partition-month',
      }),
      line({
        topic: INVOICES,
        category: 'consumption',
        ownerAppId: 'acme.finance.accounting',
        groupId: `${ONBOARDING}.billing`,
        unit: 'GB',
        amount: 1,
        bytes: 250e6,
      }),
    ],
    consumers: [
      line({
        topic: SIGNED_UP,
        category: 'consumption',
        payerAppId: 'acme.finance.accounting',
        groupId: 'acme.finance.accounting.signups',
        unit: 'GB',
        amount: 3.25,
        bytes: 3.2e9,
      }),
      line({
        topic: PURCHASED,
        category: 'consumption',
        payerAppId: null,
        groupId: 'legacy-reader',
        unit: 'GB',
        amount: 0.004,
        bytes: 4e6,
      }),
    ],
    ...overrides,
  };
}
