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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ChargebackStore } from '../database/ChargebackStore';
import { ChargebackService } from './ChargebackService';
import type { DailyCostRow } from './dailyRollups';

function dataProduct(appId: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: { 'meshport.dev/app-id': appId },
    },
    spec: { type: 'asyncapi', owner },
  };
}

const line = (over: Partial<DailyCostRow>): DailyCostRow => ({
  day: '2025-06-01',
  cluster: 'local',
  topic: 'acme.a._public.orders',
  category: 'storage',
  payerAppId: 'acme.a',
  groupId: null,
  ownerAppId: 'acme.a',
  currency: 'EUR',
  unit: 'GB-month',
  quantity: 1,
  amount: 1,
  bytes: 0,
  records: 0,
  ...over,
});

function service(
  options: {
    rows?: DailyCostRow[];
    allow?: boolean;
    entities?: Entity[];
    /** Entity refs the catalog hides from the caller. */
    hidden?: string[];
  } = {},
) {
  const rows = options.rows ?? [];
  const dailyRows = jest.fn(async () => rows);
  const entities = options.entities ?? [dataProduct('acme.a', 'team-a')];
  const catalog = catalogServiceMock({ entities });
  const hidden = new Set(options.hidden ?? []);
  // The permission policy, as the catalog applies it for the caller.
  const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = async (request, requestOptions) => {
    const answer = await getEntitiesByRefs(request, requestOptions);
    return {
      items: answer.items.map((entity, index) =>
        hidden.has(request.entityRefs[index]) ? undefined : entity,
      ),
    };
  };
  return {
    dailyRows,
    service: new ChargebackService({
      store: { dailyRows } as unknown as ChargebackStore,
      catalog,
      dataProducts: {
        entities: async function* all() {
          yield* entities;
        },
      },
      permissions: mockServices.permissions.mock({
        authorize: async () => [
          {
            result:
              options.allow === false
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          },
        ],
      }),
      auth: mockServices.auth(),
      now: () => new Date('2025-06-30T12:00:00Z'),
    }),
  };
}

const ref = { kind: 'api', namespace: 'default', name: 'acme.a' };
const user = mockCredentials.user();

describe('ChargebackService', () => {
  it('splits what the data product pays from what others pay for its topics', async () => {
    const { service: chargeback, dailyRows } = service({
      rows: [
        line({ amount: 2 }),
        line({
          category: 'consumption',
          payerAppId: 'acme.b',
          groupId: 'acme.b.r',
          amount: 3,
        }),
        line({
          category: 'consumption',
          payerAppId: null,
          groupId: 'adhoc',
          amount: 4,
        }),
        line({
          day: '2025-06-02',
          category: 'consumption',
          topic: 'acme.c._public.x',
          ownerAppId: 'acme.c',
          groupId: 'acme.a.r',
          amount: 5,
        }),
      ],
    });
    const report = await chargeback.entity(ref, {}, user);
    expect(dailyRows).toHaveBeenCalledWith({
      from: '2025-06-01',
      to: '2025-06-30',
      appIds: ['acme.a'],
    });
    expect(report.totals).toEqual([{ currency: 'EUR', amount: 7 }]);
    expect(report.byDay).toEqual([
      { day: '2025-06-01', category: 'storage', currency: 'EUR', amount: 2 },
      {
        day: '2025-06-02',
        category: 'consumption',
        currency: 'EUR',
        amount: 5,
      },
    ]);
    expect(report.consumers.map(c => c.groupId)).toEqual(['acme.b.r', 'adhoc']);
  });

  it('sums an owner’s data products, whatever form its reference takes', async () => {
    const { service: chargeback } = service({
      entities: [
        dataProduct('acme.a', 'team-a'),
        dataProduct('acme.b', 'group:default/team-a'),
        dataProduct('acme.c', 'team-b'),
      ],
    });
    const report = await chargeback.owner('Group:default/team-a', {}, user);
    expect(report.appIds).toEqual(['acme.a', 'acme.b']);
  });

  it('leaves out of an owner’s report the data products the caller may not see', async () => {
    const { service: chargeback } = service({
      entities: [
        dataProduct('acme.a', 'team-a'),
        dataProduct('acme.b', 'team-a'),
      ],
      hidden: ['api:default/acme.b'],
    });
    const report = await chargeback.owner('team-a', {}, user);
    expect(report.appIds).toEqual(['acme.a']);
  });

  it('reports a topic only to who may see the data product that owns it', async () => {
    const rows = [line({ topic: 'acme.a._public.orders' })];
    const { service: visible } = service({ rows });
    expect(
      (await visible.topic('acme.a._public.orders', {}, user)).lines,
    ).toEqual(rows);

    const { service: hiding, dailyRows } = service({
      rows,
      hidden: ['api:default/acme.a'],
    });
    await expect(
      hiding.topic('acme.a._public.orders', {}, user),
    ).rejects.toThrow(
      'No data product you may see in the catalog owns topic acme.a._public.orders',
    );
    // Nor a topic no data product of the catalog owns.
    await expect(
      hiding.topic('acme.gone._public.orders', {}, user),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(dailyRows).not.toHaveBeenCalled();
  });

  it('refuses without specmesh.chargeback.read, and rejects bad days', async () => {
    await expect(
      service({ allow: false }).service.entity(ref, {}, user),
    ).rejects.toThrow(
      'Reading chargeback needs the permission specmesh.chargeback.read',
    );
    const { service: chargeback } = service();
    await expect(chargeback.mesh({ from: '2025-6-1' }, user)).rejects.toThrow(
      "Invalid from '2025-6-1': use a UTC day as YYYY-MM-DD",
    );
    await expect(
      chargeback.topic('t', { from: '2025-06-02', to: '2025-06-01' }, user),
    ).rejects.toThrow('from 2025-06-02 is after to 2025-06-01');
  });

  it('answers 404 for an entity the caller cannot see, 400 for one without an app-id', async () => {
    const { service: chargeback } = service({
      entities: [
        {
          ...dataProduct('acme.x', 'team-a'),
          metadata: { name: 'acme.x', namespace: 'default' },
        },
      ],
    });
    await expect(chargeback.entity(ref, {}, user)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(
      chargeback.entity({ ...ref, name: 'acme.x' }, {}, user),
    ).rejects.toThrow('has no meshport.dev/app-id annotation');
  });
});
