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
 * The consume panel on the demo portal, as the guest (onboarding-dev, of the
 * onboarding team, whose data product is acme.lifestyle.onboarding): behind
 * a topic card's "How to consume" button and on a data product's page. The
 * servers and secrets it is checked against come from the running infra.
 */
import { readInfraConnection } from '@meshport/dev-infra';
import type { Locator } from 'playwright-core';
import { guestPortal } from './portal';

jest.setTimeout(180_000);

const READER = 'acme.lifestyle.onboarding';
const OWNER_PAGE = '/catalog/default/api/acme.logistics.shipping';
const PUBLIC_TOPIC = 'acme.logistics.shipping._public.shipment_dispatched';
const PRIVATE_TOPIC = 'acme.logistics.shipping._private.dispatch_queue';

const portal = guestPortal();

function infra() {
  const connection = readInfraConnection();
  if (!connection) {
    throw new Error(
      'No running Kafka: run the browser tests through ./scripts/test, or start the infra and set MESHPORT_INFRA_FILE.',
    );
  }
  return connection;
}

/** What a panel must show for the guest's data product, whatever the topic. */
async function expectSettingsFor(panel: Locator) {
  const { kafka } = infra();
  await panel.getByTestId('consume-bootstrap-servers').waitFor();
  expect(
    await panel.getByTestId('consume-bootstrap-servers').textContent(),
  ).toBe(kafka.brokers.join(','));
  expect(await panel.getByTestId('consume-prefix').textContent()).toContain(
    `must start with ${READER}.`,
  );
  const java = panel.getByTestId('consume-settings-javaProperties');
  // The highlighter fills the snippet once it has loaded.
  await java
    .getByText(/^bootstrap\.servers=/)
    .first()
    .waitFor();
  const properties = (await java.textContent()) ?? '';
  expect(properties).toContain(`bootstrap.servers=${kafka.brokers.join(',')}`);
  expect(properties).toContain('security.protocol=SASL_PLAINTEXT');
  expect(properties).toContain(`group.id=${READER}.`);
  expect(properties).toContain('username="<username>" password="<password>"');
  // The portal's own Kafka credentials never reach the page.
  expect(properties).not.toContain(kafka.sasl.password);
  expect(await panel.textContent()).not.toContain(kafka.sasl.password);
}

/** The guest's row of the "can your data products read this today" table. */
function verdictOf(panel: Locator): Locator {
  return panel.getByTestId('consume-verdict').filter({ hasText: READER });
}

describe('the consume panel', () => {
  it("opens from a topic card: servers, the reader's prefix, Java properties without secrets and the verdict", async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}${OWNER_PAGE}`);
    await page.getByText('Topics', { exact: true }).first().click();
    await page.getByRole('link', { name: PUBLIC_TOPIC, exact: true }).click();
    await page.waitForURL('**/catalog/default/resource/**');

    await page.getByRole('button', { name: 'How to consume' }).click();
    const dialog = page.getByRole('dialog');
    const panel = dialog.getByTestId('consume-panel');
    await expectSettingsFor(panel);
    expect(
      await panel.getByTestId('consume-schema-subject').first().textContent(),
    ).toContain(`${PUBLIC_TOPIC}-value, version `);
    const verdict = verdictOf(panel);
    expect(await verdict.getByText('can read').count()).toBe(1);
    expect(await verdict.textContent()).toContain('Public topic');

    // The dialog scrolls: show the verdict and the settings in the picture.
    await page.setViewportSize({ width: 1400, height: 1300 });
    await dialog
      .locator('.MuiDialogContent-root')
      .evaluate(content => content.scrollTo(0, content.scrollHeight));
    await portal.screenshot('consume-panel');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it("is a card on a data product's page, and says private data is never shared", async () => {
    const { page, baseUrl } = portal;
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${baseUrl}${OWNER_PAGE}`);
    const card = page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText('How to consume', { exact: true }) });
    const panel = card.getByTestId('consume-panel');
    // Public topics come first.
    await expectSettingsFor(panel);
    expect(await card.getByTestId('consume-topic-select').inputValue()).toBe(
      PUBLIC_TOPIC,
    );

    await card.getByRole('button', { name: PUBLIC_TOPIC }).click();
    await page.getByRole('option', { name: PRIVATE_TOPIC }).click();
    await panel.getByText(PRIVATE_TOPIC, { exact: true }).waitFor();
    const verdict = verdictOf(panel);
    await verdict.getByText('cannot read').waitFor();
    expect(await verdict.textContent()).toContain(
      'Private data is never shared',
    );
    await expectSettingsFor(panel);
    await portal.screenshot('consume-card');
  });
});
