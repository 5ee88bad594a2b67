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
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';
import { DataProductCatalog } from './DataProductCatalog';

const api = (name: string, appId?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name,
    ...(appId ? { annotations: { [MESHPORT_APP_ID_ANNOTATION]: appId } } : {}),
  },
  spec: { type: 'asyncapi' },
});

describe('DataProductCatalog.knownAppIds', () => {
  function setup(appIdsTtlMs?: number) {
    const catalog = catalogServiceMock({
      entities: [
        api('b', 'acme.b'),
        api('a', 'acme.a'),
        api('a2', 'acme.a'),
        api('plain'),
      ],
    });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const subject = new DataProductCatalog({
      catalog,
      auth: mockServices.auth(),
      ...(appIdsTtlMs !== undefined ? { appIdsTtlMs } : {}),
    });
    return { subject, getEntities };
  }

  it('lists each data product’s app-id once, sorted, and reuses the list', async () => {
    const { subject, getEntities } = setup();
    const [first, second] = await Promise.all([
      subject.knownAppIds(),
      subject.knownAppIds(),
    ]);
    expect(first).toEqual(['acme.a', 'acme.b']);
    expect(second).toBe(first);
    expect(await subject.knownAppIds()).toBe(first);
    expect(getEntities).toHaveBeenCalledTimes(1);
  });

  it('keeps no failure', async () => {
    const { subject, getEntities } = setup();
    getEntities.mockRejectedValueOnce(new Error('catalog down'));
    await expect(subject.knownAppIds()).rejects.toThrow('catalog down');
    expect(await subject.knownAppIds()).toEqual(['acme.a', 'acme.b']);
    expect(getEntities).toHaveBeenCalledTimes(2);
  });

  it('asks the catalog every time with a TTL of 0', async () => {
    const { subject, getEntities } = setup(0);
    await subject.knownAppIds();
    await subject.knownAppIds();
    expect(getEntities).toHaveBeenCalledTimes(2);
  });
});
