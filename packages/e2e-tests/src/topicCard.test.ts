/*
 * The card of a Kafka topic's Resource entity in the demo portal: reached from the owning data
 * product's Topics tab, it shows who owns the topic, who may read it, who reads it, the schema
 * the registry holds, and what the topic cost: live data from the catalog, the cluster, the
 * registry and chargeback (the browser-test portal applies shipping before the tests start).
 */
import { Locator } from 'playwright-core';
import { guestPortal } from './portal';

jest.setTimeout(180_000);

const TOPIC = 'acme.logistics.shipping._protected.carrier_costs';
// Chargeback collects every 15 s on the browser-test portal.
const COST_WAIT_MS = 90_000;

const portal = guestPortal();

/** The value shown under a label of the card. */
function field(card: Locator, label: string): Locator {
  return card
    .getByText(label, { exact: true })
    .locator('xpath=following-sibling::*[1]');
}

describe('the Kafka topic card', () => {
  it('shows owner, access, grantees, readers, schema and cost of a topic', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/catalog/default/api/acme.logistics.shipping`);
    await page.getByText('Topics', { exact: true }).first().click();
    await page.getByRole('link', { name: TOPIC, exact: true }).click();
    await page.waitForURL('**/catalog/default/resource/**');

    const card = page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText('Kafka topic', { exact: true }) });
    await card.waitFor();
    expect(await field(card, 'Topic').textContent()).toBe(TOPIC);
    // Links show an entity's title where it has one.
    expect(await field(card, 'Data product').textContent()).toBe(
      'ACME Logistics Shipping',
    );
    expect(await field(card, 'App-id').textContent()).toBe(
      'acme.logistics.shipping',
    );
    expect(await field(card, 'Access').textContent()).toBe('protected');
    // The spec's own grant; the access-request test may have added onboarding's.
    expect(
      (await field(card, 'Grantees').textContent())?.split(', '),
    ).toContain('acme.finance.accounting');
    // No spec declares the read; the demo load's accounting group reads it all the same (below).
    expect(await field(card, 'Consumers in the catalog').textContent()).toBe(
      'no data product in the catalog reads it',
    );
    expect(await field(card, 'Partitions').textContent()).toBe('3');

    // The cluster and the registry, through the owning data product's status.
    await field(card, 'Live status').getByText('in sync').waitFor();
    await field(card, 'Schema')
      .getByText(`${TOPIC}-value: version 1`)
      .waitFor();

    // Cost, once chargeback has measured the topic.
    const cost = field(card, 'Cost, last 30 days');
    const deadline = Date.now() + COST_WAIT_MS;
    while (
      !/acme\.finance\.accounting pays (< )?\$/.test(
        (await cost.textContent()) ?? '',
      )
    ) {
      if (Date.now() > deadline) {
        throw new Error(
          `No cost on the card after ${
            COST_WAIT_MS / 1000
          } s: ${await cost.textContent()}`,
        );
      }
      await page.waitForTimeout(5_000);
      await page.reload();
      await cost.waitFor();
      await cost.getByText('loading…').waitFor({ state: 'detached' });
    }
    expect(await cost.textContent()).toMatch(
      /^\$\d.*partitions \$\d.*acme\.finance\.accounting pays (< )?\$\d/,
    );
    // The page scrolls inside the app's frame: a tall window shows the whole card.
    await page.setViewportSize({ width: 1400, height: 1700 });
    await page.getByText('View graph').waitFor();
    await page.waitForTimeout(1_000); // the relations graph lays itself out again
    await portal.screenshot('topic-card');
  });
});
