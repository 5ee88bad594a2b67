/*
 * Copyright 2026 The Meshport Authors
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
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ConsumerGroupLag } from '@meshport/plugin-specmesh-common';
import { LagService } from './LagService';

const SHOP = 'acme.shop';
const ORDERS = 'acme.shop._public.orders';
const AT = '2026-06-01T10:00:00.000Z';
const credentials = mockCredentials.user();

function dataProduct(appId: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: { 'meshport.dev/app-id': appId },
    },
    spec: { type: 'asyncapi', lifecycle: 'production', owner: 'team-a' },
  };
}

const billing: ConsumerGroupLag = {
  groupId: 'acme.billing.orders',
  consumerAppId: 'acme.billing',
  topic: ORDERS,
  ownerAppId: SHOP,
  lag: 3,
  estimatedSeconds: 12,
  partitions: [
    {
      partition: 0,
      committedOffset: 7,
      logEndOffset: 10,
      lag: 3,
      estimatedSeconds: 12,
    },
  ],
};

function service(entities: Entity[]) {
  const store = {
    readersOf: jest.fn(async () => ({ collectedAt: AT, groups: [billing] })),
    groupsOf: jest.fn(async () => ({ collectedAt: AT, groups: [billing] })),
    topicsOf: jest.fn(async () => [ORDERS, 'acme.shop._public.returns']),
    history: jest.fn(async () => [{ at: AT, lag: 3, estimatedSeconds: 12 }]),
    consumerOf: jest.fn(async () => 'acme.billing'),
  };
  const dataProducts = {
    async *entities() {
      yield* entities;
    },
  };
  const lag = new LagService({
    store,
    catalog: catalogServiceMock({ entities }),
    dataProducts,
    now: () => new Date(AT),
  });
  return { lag, store };
}

describe('LagService', () => {
  it('lists every topic of the data product with its readers, in the API shape', async () => {
    const { lag } = service([dataProduct(SHOP)]);
    const { ownerAppId: _owner, ...group } = billing;
    expect(
      await lag.readers({ entityRef: `api:default/${SHOP}` }, credentials),
    ).toEqual({
      entityRef: `api:default/${SHOP}`,
      collectedAt: AT,
      topics: [
        { topic: ORDERS, ownerAppId: SHOP, readers: [group] },
        { topic: 'acme.shop._public.returns', ownerAppId: SHOP, readers: [] },
      ],
    });
  });

  it('lists one topic when asked', async () => {
    const { lag, store } = service([dataProduct(SHOP)]);
    const readers = await lag.readers(
      { entityRef: `api:default/${SHOP}`, topic: ORDERS },
      credentials,
    );
    expect(readers.topics.map(t => t.topic)).toEqual([ORDERS]);
    expect(store.readersOf).toHaveBeenCalledWith(SHOP, ORDERS);
  });

  it('reads the groups of the data product’s own app-id', async () => {
    const { lag, store } = service([dataProduct('acme.billing')]);
    const groups = await lag.groups(
      { entityRef: 'api:default/acme.billing' },
      credentials,
    );
    expect(groups).toMatchObject({ appId: 'acme.billing', collectedAt: AT });
    expect(store.groupsOf).toHaveBeenCalledWith('acme.billing');
  });

  it('refuses what is not a visible data product', async () => {
    const notAProduct = {
      ...dataProduct(SHOP),
      metadata: { name: 'plain', namespace: 'default' },
    };
    const { lag } = service([notAProduct]);
    await expect(
      lag.readers({ entityRef: 'api:default/plain' }, credentials),
    ).rejects.toThrow(/not a data product: it has no meshport.dev\/app-id/);
    await expect(
      lag.groups({ entityRef: 'api:default/unknown' }, credentials),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      lag.groups({ entityRef: 'api:' }, credentials),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('shows history to whoever sees the topic’s or the group’s data product', async () => {
    const { lag, store } = service([dataProduct('acme.billing')]);
    expect(
      await lag.history(
        { topic: ORDERS, groupId: billing.groupId },
        credentials,
      ),
    ).toEqual({
      topic: ORDERS,
      groupId: billing.groupId,
      points: [{ at: AT, lag: 3, estimatedSeconds: 12 }],
    });
    expect(store.history).toHaveBeenCalledWith(
      ORDERS,
      billing.groupId,
      new Date(Date.parse(AT) - 7 * 86_400_000),
    );

    const stranger = service([]);
    await expect(
      stranger.lag.history(
        { topic: ORDERS, groupId: billing.groupId },
        credentials,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      lag.history(
        { topic: ORDERS, groupId: billing.groupId, days: 0 },
        credentials,
      ),
    ).rejects.toThrow(/Invalid days 0/);
  });
});
