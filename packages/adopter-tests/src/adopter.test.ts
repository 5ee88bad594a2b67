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
import { guestPortal, visible } from '@meshport/e2e-tests';
import fs from 'fs';
import path from 'path';
import {
  adopterApp,
  apiEntityNames,
  backstageDependenciesOfMeshport,
  CatalogEntity,
  installedVersions,
  meshportRoot,
} from './adopterApp';

jest.setTimeout(180_000);

const app = adopterApp();
const portal = guestPortal();

const DATA_PRODUCTS = [
  'acme.lifestyle.onboarding',
  'acme.finance.accounting',
  'acme.logistics.shipping',
];
const ORDINARY_APIS = apiEntityNames(
  path.join(meshportRoot, 'examples/ordinary-asyncapi/catalog-info.yaml'),
);

function isMeshportKey(key: string): boolean {
  return key.startsWith('meshport.dev/');
}

function processingErrors(entity: CatalogEntity): unknown[] {
  return (entity.status?.items ?? []).filter(item => item.level === 'error');
}

describe('Meshport installed from a registry into a fresh Backstage app', () => {
  it('resolves one version of each @backstage package Meshport depends on', () => {
    const duplicated = backstageDependenciesOfMeshport()
      .map(name => ({ name, versions: installedVersions(app.dir, name) }))
      .filter(({ versions }) => versions.length > 1);
    expect(duplicated).toEqual([]);
  });

  it('catalogs the example data products with owners from their app-ids, their topics and relations', async () => {
    for (const appId of DATA_PRODUCTS) {
      const entity = await app.waitForEntity(`api:default/${appId}`);
      expect(processingErrors(entity)).toEqual([]);
      expect(entity.metadata.annotations?.['meshport.dev/app-id']).toBe(appId);
      expect(entity.spec?.owner).toBe(`group:default/${appId}`);
      const topics = (entity.relations ?? []).filter(
        relation =>
          relation.type === 'hasPart' &&
          relation.targetRef.startsWith('resource:'),
      );
      expect(topics.length).toBeGreaterThan(0);
      for (const { targetRef } of topics) {
        const topic = await app.waitForEntity(targetRef);
        expect(topic.spec?.type).toBe('kafka-topic');
        expect(
          (topic.relations ?? []).some(
            relation =>
              relation.type === 'partOf' &&
              relation.targetRef === `api:default/${appId}`,
          ),
        ).toBe(true);
      }
    }
  });

  it('leaves the ordinary AsyncAPI APIs as the catalog has them', async () => {
    expect(ORDINARY_APIS.length).toBeGreaterThanOrEqual(2);
    for (const name of ORDINARY_APIS) {
      const entity = await app.waitForEntity(`api:default/${name}`);
      expect(processingErrors(entity)).toEqual([]);
      expect(
        Object.keys(entity.metadata.annotations ?? {}).filter(isMeshportKey),
      ).toEqual([]);
      expect(
        (entity.relations ?? []).filter(
          relation =>
            relation.targetRef.startsWith('resource:') ||
            relation.type === 'hasPart' ||
            relation.type === 'dependsOn',
        ),
      ).toEqual([]);
    }
  });

  it('shows the Topics, Access, Provision and Cost tabs of a data product and plans from the Provision tab', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/catalog/default/api/acme.logistics.shipping`);
    for (const [tab, proof] of [
      ['Topics', 'acme.logistics.shipping._public.shipment_dispatched'],
      ['Access', 'Who can write and read'],
      ['Cost', 'Download CSV'],
    ] as const) {
      await page.getByText(tab, { exact: true }).first().click();
      expect(await visible(page.getByText(proof).first())).toBe(true);
    }
    await page.getByText('Provision', { exact: true }).first().click();
    expect(await visible(page.getByText(/^Plan against cluster/))).toBe(true);
    // The plan itself: the data product's topics are yet to be created on the cluster.
    expect(
      await visible(
        page
          .getByRole('cell', {
            name: /acme\.logistics\.shipping\._public\.shipment_dispatched/,
          })
          .first(),
      ),
    ).toBe(true);
    await portal.screenshot('adopter-provision-tab');
  });

  it('shows the Kafka topics page with the examples topics', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/kafka-topics`);
    expect(
      await visible(
        page
          .getByText('acme.finance.accounting._public.invoice_issued')
          .first(),
      ),
    ).toBe(true);
  });

  it('shows no Meshport tabs on an ordinary AsyncAPI API', async () => {
    const { page, baseUrl } = portal;
    // The 2.6 API whose urn: id SpecMesh would take for an app-id.
    const name = 'streetlights-mqtt';
    expect(ORDINARY_APIS).toContain(name);
    await page.goto(`${baseUrl}/catalog/default/api/${name}`);
    // The page is there, with its own definition, before the tabs are counted.
    await page.getByText('Overview', { exact: true }).first().waitFor();
    await page.getByText('Streetlights API 1.0.0').first().waitFor();
    for (const tab of ['Topics', 'Access', 'Provision', 'Cost']) {
      expect(await page.getByText(tab, { exact: true }).count()).toBe(0);
    }
    await portal.screenshot('adopter-ordinary-api');
  });

  it('runs the published CLI with npx, as the CLI README says', () => {
    const result = app.npxCli([
      'validate',
      path.join(
        meshportRoot,
        'examples/data-products/onboarding/asyncapi.yaml',
      ),
    ]);
    expect(result.status).toBe(0);
    expect(fs.existsSync(result.cwd)).toBe(true);
  });
});
