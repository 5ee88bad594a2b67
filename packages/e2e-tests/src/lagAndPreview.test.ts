/*
 * Consumer lag and the message preview on the demo portal, against its real backend, broker and
 * registry. The portal's demo load keeps producing to shipping's carrier_costs topic, and one of
 * its accounting groups reads it slower than it grows (the browser tests' own flow,
 * ../demo-load.json), so the chargeback collector (every 15 s on the browser-test portal) has lag
 * to report; the load's other accounting group reads at full speed. An unattributed group (no
 * data product's prefix, which no SASL user of the load may use) commits offsets at the topic's
 * start. The shipping team's developer (the topic's owner) previews real messages; the guest
 * (onboarding's developer) may not, sees why, and the backend answers 403.
 */
import fs from 'fs';
import path from 'path';
import { readInfraConnection } from '@meshport/dev-infra';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Locator, Page } from 'playwright-core';
import { openPortal, Portal, signInAsGuest, signInAsOwner } from './portal';

jest.setTimeout(300_000);

interface DemoLoadFlows {
  consumers: Array<{
    user: string;
    group: string;
    topic: string;
    recordsPerSecond?: number;
  }>;
}

/** The demo load's group that reads slower than its topic grows. */
function slowFlow() {
  const file = path.resolve(__dirname, '../demo-load.json');
  const flows: DemoLoadFlows = JSON.parse(fs.readFileSync(file, 'utf8'));
  const slow = flows.consumers.find(flow => flow.recordsPerSecond);
  if (!slow) throw new Error(`${file} has no consumer with recordsPerSecond`);
  return slow;
}

const OWNER = 'acme.logistics.shipping';
const { user: READER, group: SLOW_GROUP, topic: TOPIC } = slowFlow();
const RUN = Date.now().toString(36);
const UNATTRIBUTED_GROUP = `e2e-unattributed-${RUN}`;
// Two collection cycles of 15 s, and a loaded machine's slack.
const COLLECTION_WAIT_MS = 120_000;

let admin: Admin;
let guest: Portal;
let owner: Page;

/** The value shown under a label of the card. */
function field(card: Locator, label: string): Locator {
  return card
    .getByText(label, { exact: true })
    .locator('xpath=following-sibling::*[1]');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function topicCard(page: Page): Locator {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Kafka topic', { exact: true }) });
}

async function openTopicPage(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/catalog/default/api/${OWNER}/topics`);
  await page.getByRole('link', { name: TOPIC, exact: true }).click();
  await page.waitForURL('**/catalog/default/resource/**');
  await topicCard(page).waitFor();
}

/**
 * The locator's text once it matches `settled`: a card that is still loading
 * shows only its title, and reading it then would judge a spinner.
 */
async function settledText(
  page: Page,
  locator: Locator,
  settled: RegExp,
  deadline: number,
) {
  for (;;) {
    await locator.waitFor();
    const text = (await locator.textContent()) ?? '';
    if (settled.test(text) || Date.now() > deadline) return text;
    await page.waitForTimeout(250);
  }
}

/**
 * Reloads until every pattern holds on the locator's text, or the bound
 * passes; the text is judged once it matches `settled` (by default at once).
 */
async function reloadUntil(
  page: Page,
  locator: Locator,
  patterns: RegExp[],
  boundMs: number,
  settled = /(?:)/,
) {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const text = await settledText(page, locator, settled, deadline);
    const missing = patterns.filter(pattern => !pattern.test(text));
    if (missing.length === 0) return text;
    if (Date.now() > deadline) {
      throw new Error(
        `Not shown after ${boundMs / 1000} s: ${missing.join(
          ', ',
        )}; shows: ${text}`,
      );
    }
    await page.waitForTimeout(5_000);
    await page.reload();
  }
}

async function screenshot(locator: Locator, name: string) {
  const dir = process.env.MESHPORT_E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await locator.screenshot({ path: path.join(dir, `${name}.png`) });
}

beforeAll(async () => {
  const infra = readInfraConnection();
  if (!infra) {
    throw new Error(
      'No running Kafka: run the browser tests through ./scripts/test, or start the infra and set MESHPORT_INFRA_FILE.',
    );
  }
  admin = new Kafka({
    clientId: 'meshport-e2e-lag',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  // Offsets at the start of the topic: everything produced since is lag.
  const partitions = (await admin.fetchTopicOffsets(TOPIC)).map(p => ({
    partition: p.partition,
    offset: p.low,
  }));
  await admin.setOffsets({
    groupId: UNATTRIBUTED_GROUP,
    topic: TOPIC,
    partitions,
  });
  guest = await openPortal();
  await signInAsGuest(guest);
  owner = await signInAsOwner(guest);
});

afterAll(async () => {
  await admin?.deleteGroups([UNATTRIBUTED_GROUP]).catch(() => undefined);
  await admin?.disconnect();
  await guest?.close();
});

describe('consumer lag and the message preview', () => {
  it("the topic card shows each reader's lag, unattributed groups as such", async () => {
    const page = owner;
    await openTopicPage(page, guest.baseUrl);
    const readers = field(topicCard(page), 'Readers and lag');
    // The slow group is behind by at least one message: it never catches up.
    const behind = new RegExp(
      `${escape(READER)} \\(group ${escape(
        SLOW_GROUP,
      )}\\): ([\\d,]+) messages?`,
    );
    const text = await reloadUntil(
      page,
      readers,
      [
        behind,
        new RegExp(
          `unattributed group ${UNATTRIBUTED_GROUP}: [\\d,]+ messages?`,
        ),
      ],
      COLLECTION_WAIT_MS,
      // Loaded: the field is empty while its request runs.
      /\S/,
    );
    expect(Number(behind.exec(text)![1].replace(/,/g, ''))).toBeGreaterThan(0);
    const lag =
      '([\\d,]+ messages? (· ≈ .+ behind|behind \\(time unknown\\))|caught up)';
    // The load's reader at full speed.
    expect(text).toMatch(
      new RegExp(
        `${escape(READER)} \\(group ${escape(
          READER,
        )}\\.carrier-costs\\): ${lag}`,
      ),
    );
  });

  it("the topic's owner previews its newest messages, decoded", async () => {
    const page = owner;
    await openTopicPage(page, guest.baseUrl);
    const button = page.getByRole('button', { name: 'Preview messages' });
    await button.waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('button')].some(
        b => b.textContent === 'Preview messages' && !b.disabled,
      ),
    );
    await button.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Messages of ${TOPIC}`).waitFor();
    const messages = dialog.getByTestId('preview-message');
    await messages.first().waitFor({ timeout: 60_000 });
    expect(await messages.count()).toBeGreaterThan(0);
    expect(await messages.first().textContent()).toMatch(
      /^Partition \d+ · offset \d+ · \d{4}-\d\d-\d\dT/,
    );
    const value =
      (await dialog.getByTestId('payload-value').first().textContent()) ?? '';
    expect(value.length).toBeGreaterThan(0);
    await screenshot(
      page.locator('.MuiDialog-paper'),
      'message-preview-dialog',
    );

    // One partition, five messages.
    await dialog.getByRole('button', { name: /^Messages/ }).click();
    await page.getByRole('option', { name: '5', exact: true }).click();
    await dialog.getByRole('button', { name: /^Partition/ }).click();
    await page.getByRole('option', { name: 'Partition 0' }).click();
    await dialog
      .getByText(/newest of partition 0/)
      .waitFor({ timeout: 60_000 });
    const shown = await messages.allTextContents();
    expect(shown.length).toBeLessThanOrEqual(5);
    for (const heading of shown) expect(heading).toMatch(/^Partition 0 ·/);
  });

  it('the guest, who does not own the topic, sees why the preview is off; the backend answers 403', async () => {
    const { page, baseUrl } = guest;
    // The guest's token, from the portal's own calls to the backend.
    const call = page.waitForRequest(
      request =>
        request.url().includes('/api/specmesh/') &&
        Boolean(request.headers().authorization),
    );
    await openTopicPage(page, baseUrl);
    const authorization = (await call).headers().authorization;

    const reason = page.getByTestId('preview-denied-reason');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(
      /may not preview this topic's messages/,
    );
    expect(
      await page.getByRole('button', { name: 'Preview messages' }).isDisabled(),
    ).toBe(true);

    const response = await page.request.get(
      `${baseUrl}/api/specmesh/topics/${encodeURIComponent(
        TOPIC,
      )}/messages?limit=5`,
      { headers: { authorization } },
    );
    expect(response.status()).toBe(403);
    const body = await response.json();
    expect(body.error.name).toBe('NotAllowedError');
    expect(body.error.message).toBeTruthy();
  });

  it("a data product's page shows the groups it owns and how far behind they are", async () => {
    const { page, baseUrl } = guest;
    await page.goto(`${baseUrl}/catalog/default/api/${READER}`);
    const card = page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText('Consumer lag', { exact: true }) });
    const row = card.getByRole('row').filter({ hasText: SLOW_GROUP });
    await reloadUntil(
      page,
      card,
      [new RegExp(escape(SLOW_GROUP))],
      COLLECTION_WAIT_MS,
      // Loaded: collected (the subheader says when), an empty state or an error.
      /as of |No offsets collected yet|No consumer group of|this data product's lag|cannot be reached/,
    );
    // Group, topic, messages behind, time behind, partitions behind.
    const behind = (await row.getByRole('cell').nth(2).textContent()) ?? '';
    expect(Number(behind.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(await card.textContent()).toMatch(/carrier-costs/);
    await screenshot(card, 'consumer-lag-card');
  });
});
