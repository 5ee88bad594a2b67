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
/*
 * The topic explorer as a person uses it in the demo portal: every topic of the example data
 * products in one list, narrowed by access level, by owner and by a search, kept in the URL so
 * that a filtered view can be shared, each topic linking to its Resource entity; the drift column
 * shows the verdicts that opening a data product's Topics tab records.
 */
import { Locator, Page } from 'playwright-core';
import { guestPortal } from './portal';

jest.setTimeout(180_000);

// The topics the example data products (examples/data-products/*) own, by access level.
const EXAMPLE_TOPICS = {
  'acme.lifestyle.onboarding._public.user_signed_up': 'public',
  'acme.lifestyle.onboarding._private.user_checkout': 'private',
  'acme.lifestyle.onboarding._protected.purchased': 'protected',
  'acme.finance.accounting._public.invoice_issued': 'public',
  'acme.finance.accounting._protected.ledger_postings': 'protected',
  'acme.logistics.shipping._public.shipment_dispatched': 'public',
  'acme.logistics.shipping._protected.carrier_costs': 'protected',
  'acme.logistics.shipping._private.dispatch_queue': 'private',
} as const;
const TOPICS = Object.keys(EXAMPLE_TOPICS);
const ACCOUNTING_TOPICS = TOPICS.filter(topic =>
  topic.startsWith('acme.finance.accounting.'),
);

const portal = guestPortal();

function topicLink(page: Page, topic: string): Locator {
  return page.getByRole('link', { name: topic, exact: true });
}

/** The example topics the table shows now. */
async function shownTopics(page: Page): Promise<string[]> {
  const shown: string[] = [];
  for (const topic of TOPICS) {
    if ((await topicLink(page, topic).count()) > 0) shown.push(topic);
  }
  return shown;
}

/** Waits until the table shows exactly these of the example topics. */
async function expectShown(page: Page, expected: string[]): Promise<void> {
  await topicLink(page, expected[0]).waitFor();
  for (const topic of TOPICS.filter(t => !expected.includes(t))) {
    await topicLink(page, topic).waitFor({ state: 'detached' });
  }
  expect(await shownTopics(page)).toEqual(expected);
}

async function openExplorer(query = ''): Promise<Page> {
  const { page, baseUrl } = portal;
  await page.goto(`${baseUrl}/kafka-topics${query}`);
  await page.getByLabel('Search').waitFor();
  return page;
}

/** Opens a data product's Topics tab, whose status check records its verdict. */
async function checkStatus(appId: string): Promise<void> {
  const { page, baseUrl } = portal;
  const checked = page.waitForResponse(
    response =>
      response
        .url()
        .includes(`/api/specmesh/entities/API/default/${appId}/status`),
    { timeout: 60_000 },
  );
  await page.goto(`${baseUrl}/catalog/default/api/${appId}/topics`);
  expect((await checked).status()).toBe(200);
}

describe('the topic explorer', () => {
  it('is in the nav, and lists the topics of every example data product', async () => {
    const { page } = portal;
    await page.getByRole('link', { name: 'Kafka topics' }).first().click();
    await page.waitForURL(/\/kafka-topics$/);

    await expectShown(page, TOPICS);
    const ledger = page.getByRole('row', {
      name: /acme\.finance\.accounting\._protected\.ledger_postings/,
    });
    expect(await ledger.getByText('acme.finance.audit').count()).toBe(1);
    expect(await ledger.getByText('acme.risk.fraud').count()).toBe(1);
  });

  it('shows the drift the status checks recorded', async () => {
    for (const appId of [
      'acme.finance.accounting',
      'acme.logistics.shipping',
      'acme.lifestyle.onboarding',
    ]) {
      await checkStatus(appId);
    }
    const page = await openExplorer();
    await expectShown(page, TOPICS);
    await page.getByText('checking…').first().waitFor({ state: 'detached' });

    // Every example data product has a verdict now: no topic is left unchecked.
    for (const topic of TOPICS) {
      const row = page.getByRole('row', { name: new RegExp(topic) });
      expect(await row.getByText('not checked').count()).toBe(0);
      expect(await row.getByText('unavailable').count()).toBe(0);
    }
    expect(await page.getByText(/You may not|Could not/).count()).toBe(0);
    await portal.screenshot('topic-explorer');
  });

  it('narrows the rows by access level, in the URL', async () => {
    const page = await openExplorer();
    await expectShown(page, TOPICS);

    await page.getByLabel('Access').selectOption('private');

    await expectShown(
      page,
      TOPICS.filter(
        topic =>
          EXAMPLE_TOPICS[topic as keyof typeof EXAMPLE_TOPICS] === 'private',
      ),
    );
    expect(new URL(page.url()).searchParams.get('access')).toBe('private');
  });

  it('narrows the rows by owner', async () => {
    const page = await openExplorer();
    await expectShown(page, TOPICS);

    await page
      .getByLabel('Owner')
      .selectOption('group:default/acme.finance.accounting');

    await expectShown(page, ACCOUNTING_TOPICS);
    expect(new URL(page.url()).searchParams.get('owner')).toBe(
      'group:default/acme.finance.accounting',
    );
  });

  it('finds a topic by name, and a shared link shows the same', async () => {
    const page = await openExplorer();
    await expectShown(page, TOPICS);

    await page.getByLabel('Search').fill('ledger_post');
    await expectShown(page, [
      'acme.finance.accounting._protected.ledger_postings',
    ]);
    // The search goes into the URL once typing pauses.
    await page.waitForURL(url => url.searchParams.get('q') === 'ledger_post');
    const shared = page.url();

    await page.goto(`${portal.baseUrl}/kafka-topics`);
    await expectShown(page, TOPICS);
    await page.goto(shared);
    await expectShown(page, [
      'acme.finance.accounting._protected.ledger_postings',
    ]);
    expect(await page.getByLabel('Search').inputValue()).toBe('ledger_post');
  });

  it("links a topic to its Resource entity's page", async () => {
    const topic = 'acme.logistics.shipping._protected.carrier_costs';
    const page = await openExplorer(`?q=${encodeURIComponent(topic)}`);
    const link = topicLink(page, topic);
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/catalog\/default\/resource\//);

    await link.click();

    await page.waitForURL(new RegExp(`${href}$`));
    const title = page.getByRole('heading', { name: topic }).first();
    await title.waitFor();
    expect(await title.isVisible()).toBe(true);
  });
});
