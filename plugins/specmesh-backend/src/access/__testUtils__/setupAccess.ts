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
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { DataProductReader } from '../../service/DataProductReader';
import { createAccessRequests } from '../createAccessRequests';
import {
  ownershipPermissions,
  recordingAuditor,
  recordingProposer,
} from './accessFakes';
import { dataProduct, ownerSpec } from './accessFixtures';

export const SHOP = 'api:default/acme.shop';
export const ANALYTICS = 'api:default/acme.analytics';
const CLUSTER = { name: 'local', brokers: ['localhost:9092'] } as any;

export interface SetupOptions {
  /** The app-ids the shop's spec grants its orders topic to. */
  shopGrantees?: string[];
  /** The proposer fails with this message. */
  failWith?: string;
}

/**
 * The access services on `knex` over a catalog of two data products, the shop
 * (owned by sam) and analytics (owned by ana), with fakes that record what
 * they were asked and an ACL reader serving `liveAcls`.
 */
export function setupAccess(knex: Knex, options: SetupOptions = {}) {
  const entities = [
    dataProduct(
      'acme.shop',
      'group:default/shop',
      ownerSpec('acme.shop', options.shopGrantees),
    ),
    dataProduct('acme.analytics', 'group:default/analytics'),
  ];
  const catalog = catalogServiceMock({ entities });
  const refresh = jest.spyOn(catalog, 'refreshEntity');
  const auditor = recordingAuditor();
  const proposer = recordingProposer(options.failWith);
  const liveAcls: AclBinding[] = [];
  const aclReads: number[] = [];
  const access = createAccessRequests({
    knex,
    catalog,
    auth: mockServices.auth(),
    permissions: ownershipPermissions({
      'user:default/ana': [ANALYTICS],
      'user:default/sam': [SHOP],
    }),
    auditor,
    logger: mockServices.logger.mock(),
    dataProducts: new DataProductReader({ catalog, clusters: [CLUSTER] }),
    proposer,
    acls: {
      async bindingsOf(_cluster, owners) {
        aclReads.push(owners.length);
        return liveAcls;
      },
    },
  });
  return {
    ...access,
    auditor,
    proposer,
    liveAcls,
    aclReads,
    entities,
    refresh,
  };
}
