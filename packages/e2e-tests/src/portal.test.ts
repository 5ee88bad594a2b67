/*
 * The demo portal as a person sees it: guest sign-in, the three example data products in the API
 * explorer with owners derived from their app-ids, the Topics tab of a data product, and the
 * AsyncAPI definition rendered by the API docs, also for a spec whose schemas live in files.
 */
import { guestPortal, visible } from './portal';

/** Waits for the element (up to Playwright's default timeout), then reports whether it shows. */
jest.setTimeout(120_000);

const portal = guestPortal();

describe('demo portal', () => {
  it('lists the three example data products as APIs owned by their app-id groups', async () => {
    const { page } = portal;
    await page.getByRole('link', { name: 'APIs' }).click();
    const table = page.getByRole('table');
    for (const title of [
      'ACME Lifestyle Onboarding',
      'Accounting',
      'ACME Logistics Shipping',
    ]) {
      expect(
        await visible(table.getByRole('link', { name: title, exact: true })),
      ).toBe(true);
    }
    for (const owner of [
      'Lifestyle Onboarding team',
      'Finance Accounting team',
      'Logistics Shipping team',
    ]) {
      expect(await visible(table.getByRole('link', { name: owner }))).toBe(
        true,
      );
    }
    await portal.screenshot('api-explorer');
  });

  it('shows the topics of a data product on its Topics tab', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/catalog/default/api/acme.lifestyle.onboarding`);
    await page.getByText('Topics', { exact: true }).first().click();
    for (const topic of [
      'acme.lifestyle.onboarding._public.user_signed_up',
      'acme.lifestyle.onboarding._private.user_checkout',
      'acme.lifestyle.onboarding._protected.purchased',
    ]) {
      expect(
        await visible(page.getByRole('cell', { name: topic, exact: true })),
      ).toBe(true);
    }
    expect(
      await visible(page.getByRole('cell', { name: 'some.other.domain.root' })),
    ).toBe(true);
    await portal.screenshot('topics-tab');
  });

  it('renders the AsyncAPI definition of a data product', async () => {
    const { page, baseUrl } = portal;
    await page.goto(
      `${baseUrl}/catalog/default/api/acme.finance.accounting/definition`,
    );
    expect(
      await visible(page.getByText('_public.invoice_issued').first()),
    ).toBe(true);
    expect(
      await page.getByText('errors in your Asyncapi document').count(),
    ).toBe(0);
    await portal.screenshot('definition');
  });

  it('renders the definition of a data product whose schemas live in files', async () => {
    const { page, baseUrl } = portal;
    await page.goto(
      `${baseUrl}/catalog/default/api/acme.lifestyle.onboarding/definition`,
    );
    // The viewer shows each schema collapsed; "Expand all" opens one and becomes "Collapse all".
    const expandAll = page.getByRole('button', {
      name: 'Expand all',
      exact: true,
    });
    await expandAll.first().waitFor();
    for (
      let clicks = 0;
      clicks < 20 && (await expandAll.count()) > 0;
      clicks++
    ) {
      await expandAll.first().click();
    }
    // Fields of its Avro schema (/schema/…user_signed_up.avsc) and its JSON Schema (…user_checkout.yml).
    expect(
      await visible(page.getByText('fullName', { exact: true }).first()),
    ).toBe(true);
    expect(
      await visible(page.getByText('basket_value', { exact: true }).first()),
    ).toBe(true);
    expect(
      await page.getByText('errors in your Asyncapi document').count(),
    ).toBe(0);
    await portal.screenshot('definition-schema-files');
  });
});
