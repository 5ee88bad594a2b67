/*
 * Self-service access on the demo portal, with two people signed in at once: the guest (the
 * onboarding team's developer) asks for READ on shipping's protected carrier_costs topic for the
 * onboarding data product; the shipping team's developer (the sign-in page's "Data product owner")
 * approves it with a comment; the request shows the proposal (the demo's template edits the spec
 * file in place, in the portal's copy of examples/), and turns "granted" once the catalog carries
 * the grant and the owner's apply puts the ACL on the broker.
 */
import fs from 'fs';
import path from 'path';
import { Locator, Page } from 'playwright-core';
import {
  openPortal,
  Portal,
  signInAsGuest,
  signInAsOwner,
  visible,
} from './portal';

jest.setTimeout(900_000);

const REPO = path.resolve(__dirname, '../../..');
const OWNER = 'acme.logistics.shipping';
const REQUESTER = 'acme.lifestyle.onboarding';
const TOPIC = `${OWNER}._protected.carrier_costs`;
const PRIVATE_TOPIC = `${OWNER}._private.dispatch_queue`;
const REASON =
  'Shipping cost per new customer, for the onboarding funnel report';
const COMMENT = 'Approved for the funnel report';
const SPEC = 'data-products/shipping/asyncapi.yaml';
const GRANT = `grant-access:${REQUESTER}`;
const PLAN_BOUND_MS = 300_000;

async function screenshot(page: Page, name: string, fullPage = true) {
  const dir = process.env.MESHPORT_E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({
    path: path.join(dir, `${name}.png`),
    fullPage,
  });
}

async function openAccessTab(page: Page, baseUrl: string, entity: string) {
  await page.goto(`${baseUrl}/catalog/default/api/${entity}/access`);
  await page.getByText('Who can write and read').waitFor();
}

/** The row of the requests table that carries this reason. */
function requestRow(page: Page): Locator {
  return page.getByRole('row').filter({ hasText: REASON });
}

/** Polls `check` (reloading through `again`) until it holds or the bound passes. */
async function eventually(
  check: () => Promise<boolean>,
  again: () => Promise<void>,
  boundMs: number,
): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await again();
  }
  return check();
}

/**
 * The portal's copy of examples/ (scripts/lib/portal.sh): an approval edits a spec in place, so
 * the test runs only against a portal that reads a copy, never the repository's files.
 */
function examplesCopy(): string {
  const dir = process.env.MESHPORT_E2E_EXAMPLES_DIR;
  if (!dir || path.resolve(dir) === path.join(REPO, 'examples')) {
    throw new Error(
      'MESHPORT_E2E_EXAMPLES_DIR is not set to a copy of examples/: start the portal with start_portal (scripts/lib/portal.sh), which copies them, so the approval in this test does not edit the repository.',
    );
  }
  return dir;
}

function specText(examplesDir: string): string {
  return fs.readFileSync(path.join(examplesDir, SPEC), 'utf8');
}

describe('asking for access and deciding it, as two people', () => {
  let consumer: Portal;
  let owner: Page;

  beforeAll(async () => {
    examplesCopy();
    consumer = await openPortal();
    await signInAsGuest(consumer);
    owner = await signInAsOwner(consumer);
  });
  afterAll(async () => {
    await consumer?.close();
  });

  it('the consumer asks from the owner’s Access tab; private topics cannot be asked for', async () => {
    const { page, baseUrl } = consumer;
    await openAccessTab(page, baseUrl, OWNER);

    const card = page
      .locator('div')
      .filter({ hasText: /^Read these topics from your data products/ })
      .first();
    await card.waitFor();
    const privateItem = page
      .getByRole('listitem')
      .filter({ hasText: PRIVATE_TOPIC });
    expect(
      await visible(privateItem.getByText(/Private data is never shared/)),
    ).toBe(true);
    expect(await privateItem.getByRole('button').count()).toBe(0);

    await page
      .getByRole('button', { name: `Request access to ${TOPIC}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Request read access').waitFor();
    // The guest owns one data product: it is the one that asks.
    expect(await visible(dialog.getByText(new RegExp(REQUESTER)).first())).toBe(
      true,
    );
    await dialog.getByLabel(/Reason/).fill(REASON);
    await screenshot(page, 'access-request-dialog', false);
    await dialog.getByRole('button', { name: 'Send request' }).click();
    expect(await visible(dialog.getByText(/^Request sent/))).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The requesting data product's page lists it, pending.
    await openAccessTab(page, baseUrl, REQUESTER);
    const row = requestRow(page);
    expect(await visible(row.getByText('pending', { exact: true }))).toBe(true);
  });

  it('the owner sees it pending and approves it with a comment; it shows the proposal', async () => {
    const { baseUrl } = consumer;
    await openAccessTab(owner, baseUrl, OWNER);
    const row = requestRow(owner);
    expect(await visible(row.getByText('pending', { exact: true }))).toBe(true);
    expect(await visible(row.getByText('onboarding-dev'))).toBe(true);
    await screenshot(owner, 'access-request-pending');

    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel(/Comment/).fill(COMMENT);
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'detached' });

    expect(await visible(row.getByText('approved', { exact: true }))).toBe(
      true,
    );
    expect(await visible(row.getByRole('link', { name: /proposal/ }))).toBe(
      true,
    );
    expect(await visible(row.getByText(new RegExp(COMMENT)))).toBe(true);
    await screenshot(owner, 'access-request-approved');

    // The demo's proposal edits the portal's copy of the spec in place.
    expect(specText(examplesCopy())).toContain(GRANT);
    // Never the repository's own examples.
    expect(specText(path.join(REPO, 'examples'))).not.toContain(GRANT);
  });

  it('turns granted once the catalog carries the grant and the owner applies it', async () => {
    const { page, baseUrl } = consumer;
    const entityPage = `${baseUrl}/catalog/default/api/${OWNER}`;

    // The catalog re-reads the edited spec: schedule a refresh of the owner's entity until the
    // Access tab's matrix shows the grant (the refresh is queued, so ask again while waiting).
    // The matrix's Revoke action exists only for a read grant the catalog's spec carries.
    const grantInSpec = owner.getByRole('button', {
      name: `Revoke ${REQUESTER}'s read access to ${TOPIC}`,
    });
    const inCatalog = await eventually(
      async () => (await grantInSpec.count()) > 0,
      async () => {
        await owner.goto(entityPage);
        await owner
          .getByRole('button', { name: 'Refresh', exact: true })
          .first()
          .click();
        await owner.waitForTimeout(5_000);
        await openAccessTab(owner, baseUrl, OWNER);
      },
      240_000,
    );
    expect(inCatalog).toBe(true);

    // The owner applies the changed spec: the ACL for onboarding goes onto the broker.
    await owner.goto(`${entityPage}/provision`);
    // Planning reads the live cluster: slow on a busy machine, and a broker too busy to answer in
    // time makes it a 503, which the tab shows; plan again then, within the bound.
    const planned = await eventually(
      () => owner.getByText(/^Plan against cluster/).isVisible(),
      async () => {
        await owner.waitForTimeout(5_000);
        if (await owner.getByText(/cannot be reached/).isVisible()) {
          await owner.reload();
        }
      },
      PLAN_BOUND_MS,
    );
    expect(planned).toBe(true);
    const apply = owner.getByRole('button', { name: 'Apply', exact: true });
    await apply.waitFor();
    // Enabled once the plan shows the change (the new ACL).
    expect(
      await eventually(
        () => apply.isEnabled(),
        () => owner.waitForTimeout(1_000),
        60_000,
      ),
    ).toBe(true);
    await apply.click();
    const result = owner.getByText(/^Apply (succeeded|blocked|failed)$/);
    await result.waitFor({ timeout: PLAN_BOUND_MS });
    expect(await result.innerText()).toBe('Apply succeeded');

    // The requester's page polls the approved request until the backend reports it granted.
    await openAccessTab(page, baseUrl, REQUESTER);
    const granted = await eventually(
      async () =>
        (await requestRow(page).getByText('granted', { exact: true }).count()) >
        0,
      () => page.waitForTimeout(5_000),
      180_000,
    );
    expect(granted).toBe(true);
    expect(await visible(requestRow(page).getByText(new RegExp(COMMENT)))).toBe(
      true,
    );
    await consumer.screenshot('access-request-granted');
  });
});
