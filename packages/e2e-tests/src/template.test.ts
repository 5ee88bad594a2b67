/*
 * The Software Template as a person uses it in the demo portal: fill in the Kafka data product
 * form, run it, land on the new data product and its Topics tab, and find its topics on the
 * broker, created with the partitions and grants the form asked for.
 */
import { readInfraConnection } from '@meshport/dev-infra';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Admin,
  Kafka,
  logLevel,
  ResourcePatternTypes,
} from 'kafkajs';
import fs from 'fs';
import path from 'path';
import yaml from 'yaml';
import { openPortal, Portal, signInAsGuest } from './portal';

jest.setTimeout(180_000);

const REPO = path.resolve(__dirname, '../../..');

// The demo publishes into meshport.demo.localPublishDir: the browser-test portal's own folder
// (scripts/lib/portal.sh exports it), else app-config.yaml's, relative to packages/backend.
function publishedFolder(appId: string): string {
  const e2eFolder = process.env.MESHPORT_E2E_PUBLISH_DIR;
  if (e2eFolder) return path.join(e2eFolder, appId);
  const config = yaml.parse(
    fs.readFileSync(path.join(REPO, 'app-config.yaml'), 'utf8'),
  );
  return path.resolve(
    REPO,
    'packages/backend',
    config.meshport.demo.localPublishDir,
    appId,
  );
}

let portal: Portal;
let admin: Admin;
const appId = `e2e.template.${Date.now().toString(36)}`;
const topics = {
  signups: `${appId}._public.signups`,
  payments: `${appId}._protected.payments`,
};

beforeAll(async () => {
  const infra = readInfraConnection();
  if (!infra) {
    throw new Error(
      'No running Kafka: run the browser tests through ./scripts/test, or start the infra and set MESHPORT_INFRA_FILE.',
    );
  }
  admin = new Kafka({
    clientId: 'meshport-e2e',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  portal = await openPortal();
  await signInAsGuest(portal);
});

afterAll(async () => {
  await portal?.close();
  await admin?.disconnect();
  // Keeps the next demo start from registering this run's data product again.
  fs.rmSync(publishedFolder(appId), { recursive: true, force: true });
});

describe('the Kafka data product template', () => {
  it('creates, registers and provisions a data product from the form', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/create`);
    await page.getByText('Kafka data product').first().waitFor();
    // The Create page also lists the grant-access templates the backend runs.
    await page
      .locator('.MuiCard-root', { hasText: 'Kafka data product' })
      .getByRole('button', { name: 'Choose' })
      .click();

    // Data product
    await page.getByLabel('App-id').fill(appId);
    await page.getByLabel('Title').fill('E2E sign-ups');
    await page.getByLabel('Description').fill('Created by the browser test.');
    // As an owner, the guest may provision the data product. Owned by the guest rather than
    // its team, it leaves the team's list of APIs in the other tests as it was.
    await page.getByLabel('Owner').fill('Onboarding developer');
    await page
      .getByRole('option', { name: /Onboarding developer/i })
      .first()
      .click();
    await portal.screenshot('template-data-product');
    await page.getByRole('button', { name: 'Next' }).click();

    // Topics: the form starts with one; a public one, and a protected one another data
    // product may read. Fields go by the form's ids (root_<path>): labels repeat per topic.
    const field = (fieldPath: string) => page.locator(`#root_${fieldPath}`);
    const addItem = (arrayPath: string) =>
      page
        .locator(`#root_${arrayPath}__title`)
        .locator('xpath=..')
        .getByRole('button', { name: 'Add Item' })
        .last();
    await field('topics_0_name').fill('signups');
    await field('topics_0_access').click();
    await page.getByRole('option', { name: /^Public/ }).click();
    await field('topics_0_partitions').fill('2');

    await addItem('topics').click();
    await field('topics_1_name').fill('payments');
    await addItem('topics_1_grantees').click();
    await field('topics_1_grantees_0').fill('acme.finance.accounting');
    await portal.screenshot('template-topics');
    await page.getByRole('button', { name: 'Next' }).click();

    // Provisioning: the box is ticked by default.
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    const open = page.getByRole('link', { name: 'Open the data product' });
    await open.waitFor({ timeout: 120_000 });
    await portal.screenshot('template-done');
    await open.click();

    await page.waitForURL(`**/catalog/default/api/${appId}**`);
    await page.getByText('E2E sign-ups').first().waitFor();
    await page.getByText('Topics', { exact: true }).first().click();
    for (const topic of Object.values(topics)) {
      await page.getByRole('cell', { name: topic, exact: true }).waitFor();
    }
    await page.getByRole('cell', { name: 'acme.finance.accounting' }).waitFor();
    await portal.screenshot('template-topics-tab');

    const { topics: live } = await admin.fetchTopicMetadata({
      topics: Object.values(topics),
    });
    expect(
      Object.fromEntries(
        live.map(topic => [topic.name, topic.partitions.length]),
      ),
    ).toEqual({ [topics.signups]: 2, [topics.payments]: 3 });
    const { resources: grants } = await admin.describeAcls({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: topics.payments,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: 'User:acme.finance.accounting',
      operation: AclOperationTypes.READ,
      permissionType: AclPermissionTypes.ALLOW,
    });
    expect(grants).toHaveLength(1);
  });
});
