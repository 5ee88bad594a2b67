/*
 * The demo portal as a person sees it: guest sign-in, the three example data products in the API
 * explorer with owners derived from their app-ids, the Topics tab of a data product, and the
 * AsyncAPI definition rendered by the API docs.
 */
import { openPortal, Portal, signInAsGuest } from './portal';

jest.setTimeout(120_000);

let portal: Portal;

beforeAll(async () => {
  portal = await openPortal();
  await signInAsGuest(portal);
});

afterAll(async () => {
  await portal?.close();
});

describe('demo portal', () => {
  it('lists the three example data products as APIs owned by their app-id groups', async () => {
    const { page } = portal;
    await page.getByRole('link', { name: 'APIs' }).click();
    const table = page.getByRole('table');
    for (const title of ['ACME Lifestyle Onboarding', 'Accounting', 'ACME Logistics Shipping']) {
      await table.getByRole('link', { name: title, exact: true }).waitFor();
    }
    for (const owner of [
      'Lifestyle Onboarding team',
      'Finance Accounting team',
      'Logistics Shipping team',
    ]) {
      await table.getByRole('link', { name: owner }).waitFor();
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
      await page.getByRole('cell', { name: topic }).waitFor();
    }
    await page.getByRole('cell', { name: 'some.other.domain.root' }).waitFor();
    await portal.screenshot('topics-tab');
  });

  it('renders the AsyncAPI definition of a data product', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/catalog/default/api/acme.finance.accounting/definition`);
    await page.getByText('_public.invoice_issued').first().waitFor();
    expect(await page.getByText('errors in your Asyncapi document').count()).toBe(0);
    await portal.screenshot('definition');
  });
});
