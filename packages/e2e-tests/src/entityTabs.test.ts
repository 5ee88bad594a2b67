/*
 * The SpecMesh tabs of a data product as its owner and as a stranger see them: the access matrix
 * of the onboarding data product, the cost of the shipping data product (applied when the portal
 * started and kept busy by the demo load), a plan and an apply as the guest (a member of the
 * onboarding group), and no Apply button on the accounting data product, which the guest does not
 * own.
 */
import { guestPortal, visible } from './portal';

/** Waits for the element (up to Playwright's default timeout), then reports whether it shows. */
jest.setTimeout(180_000);

const portal = guestPortal();

async function openTab(entityName: string, tab: string) {
  const { page, baseUrl } = portal;
  await page.goto(`${baseUrl}/catalog/default/api/${entityName}`);
  await page.getByText(tab, { exact: true }).first().click();
}

describe('the SpecMesh entity tabs', () => {
  it('shows who can write and read the onboarding topics', async () => {
    const { page } = portal;
    await openTab('acme.lifestyle.onboarding', 'Access');

    expect(await visible(page.getByText('Who can write and read'))).toBe(true);
    expect(
      await visible(
        page
          .getByRole('cell', { name: 'everyone (any authenticated principal)' })
          .first(),
      ),
    ).toBe(true);
    expect(
      await visible(
        page.getByRole('cell', {
          name: 'some.other.domain.root',
          exact: true,
        }),
      ),
    ).toBe(true);
    // The cluster's side arrives from the backend.
    await page.getByText('checking…').first().waitFor({ state: 'detached' });
    expect(await page.getByText('Could not see the cluster').count()).toBe(0);
    await portal.screenshot('access-tab');
  });

  it('charts the cost of the shipping data product, which the demo load keeps busy', async () => {
    const { page } = portal;
    await openTab('acme.logistics.shipping', 'Cost');

    expect(
      await visible(page.getByRole('button', { name: 'Download CSV' })),
    ).toBe(true);
    const chart = page.getByRole('figure', { name: /Daily cost by category/ });
    const empty = page.getByText('No usage recorded in this range');
    const bars = chart.locator('.recharts-bar-rectangle path');
    const total = page
      .getByText(/^Cost from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/)
      .locator('xpath=following::p[1]');
    // Columns: Topic, Storage, Partitions, Production, Total.
    const production = page
      .getByRole('row', {
        name: /acme\.logistics\.shipping\._public\.shipment_dispatched/,
      })
      .getByRole('cell')
      .nth(3);
    // Columns: Consumer, Topics, Consumed, Cost.
    const consumed = page
      .getByRole('row', { name: /^acme\.finance\.accounting/ })
      .getByRole('cell')
      .nth(2);
    const zeroMoney = /^\$0\.00$/;
    const measured = async () =>
      (await chart.isVisible()) &&
      (await bars.count()) > 0 &&
      (await production.count()) > 0 &&
      !zeroMoney.test(await production.innerText()) &&
      (await consumed.count()) > 0 &&
      (await consumed.innerText()) !== '0 B';
    // The e2e portal collects every 15 s; the first intervals with production and consumption
    // may not be in when the test starts, so reload until they are (bounded).
    const deadline = Date.now() + 90_000;
    await chart.or(empty).waitFor();
    while (!(await measured()) && Date.now() < deadline) {
      await page.waitForTimeout(5_000);
      await page.reload();
      await chart.or(empty).waitFor();
    }

    expect(await page.getByText(/You may not|Could not/).count()).toBe(0);
    expect(await chart.isVisible()).toBe(true);
    expect(await bars.count()).toBeGreaterThan(0);
    expect(await total.innerText()).not.toMatch(zeroMoney);
    expect(await production.innerText()).not.toMatch(zeroMoney);
    expect(await consumed.innerText()).not.toBe('0 B');
    await portal.screenshot('cost-tab');
  });

  it('plans and applies the onboarding data product as its owner', async () => {
    const { page } = portal;
    await openTab('acme.lifestyle.onboarding', 'Provision');

    expect(await visible(page.getByText(/^Plan against cluster/))).toBe(true);
    const apply = page.getByRole('button', { name: 'Apply', exact: true });
    expect(await visible(apply)).toBe(true);
    // Disabled when an earlier run applied everything already.
    const applied = await apply.isEnabled();
    // The result lists every item, a failed one with the broker's or registry's message.
    const result = page.getByText(/^Apply (succeeded|blocked|failed)$/);
    if (applied) {
      await apply.click();
      await result.waitFor();
    }
    expect(applied ? await result.isVisible() : true).toBe(true);
    expect(
      await visible(
        page.getByRole('cell', { name: 'user:default/onboarding-dev' }).first(),
      ),
    ).toBe(true);
    await portal.screenshot('provision-tab');
  });

  it('shows no Apply button on a data product the guest does not own', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/catalog/default/api/acme.finance.accounting`);
    await page.getByText('Provision', { exact: true }).first().waitFor();
    await portal.screenshot('accounting-page');
    await page.goto(
      `${baseUrl}/catalog/default/api/acme.finance.accounting/provision`,
    );

    expect(
      await visible(page.getByText(/You may view this plan but not apply it/)),
    ).toBe(true);
    expect(
      await page.getByRole('button', { name: 'Apply', exact: true }).count(),
    ).toBe(0);
    await portal.screenshot('provision-tab-not-owner');
  });
});
