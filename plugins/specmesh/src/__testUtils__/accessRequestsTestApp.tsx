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
import { ApiEntity, Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { asyncApiEntity, readVector } from '../__fixtures__/asyncApiEntity';
import { fakeSpecmeshApi, pending, specmeshTestApis } from './fakeSpecmeshApi';
import { judges } from './servedDesiredState';
import { AccessRequest, SpecmeshApi } from '../api';
import { SpecmeshAccessContent } from '../components/SpecmeshAccessContent/SpecmeshAccessContent';

// The pages, people and requests of the access-request tests.

export const PURCHASED = 'acme.lifestyle.onboarding._protected.purchased';
export const CHECKOUT = 'acme.lifestyle.onboarding._private.user_checkout';
export const ONBOARDING_REF = 'api:default/acme.lifestyle.onboarding';
export const ACCOUNTING_REF = 'api:default/acme.finance.accounting';

export function dataProduct(
  appId: string,
  vector: string,
  ownerGroup: string,
): ApiEntity {
  const entity = asyncApiEntity({ appId, definition: readVector(vector) });
  return {
    ...entity,
    metadata: { ...entity.metadata, name: appId, namespace: 'default' },
    spec: { ...entity.spec, owner: ownerGroup },
    relations: [{ type: 'ownedBy', targetRef: ownerGroup }],
  };
}

export const onboarding = dataProduct(
  'acme.lifestyle.onboarding',
  '01-onboarding.asyncapi.yaml',
  'group:default/acme.lifestyle.onboarding',
);
export const accounting = dataProduct(
  'acme.finance.accounting',
  '02-accounting.asyncapi.yaml',
  'group:default/acme.finance.accounting',
);

export function request(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return {
    id: 'r1',
    kind: 'grant',
    topic: PURCHASED,
    ownerEntityRef: ONBOARDING_REF,
    ownerAppId: 'acme.lifestyle.onboarding',
    requesterEntityRef: ACCOUNTING_REF,
    requesterAppId: 'acme.finance.accounting',
    reason: 'Month-end revenue reconciliation',
    state: 'pending',
    createdBy: 'user:default/accounting-dev',
    createdAt: '2026-01-02T10:00:00Z',
    updatedAt: '2026-01-02T10:00:00Z',
    ...overrides,
  };
}

/** The backend for one page: the entity's spec judged; requests by the query's side. */
export function backendFor(
  entity: ApiEntity,
  requests: { incoming?: AccessRequest[]; outgoing?: AccessRequest[] } = {},
  overrides: Partial<SpecmeshApi> = {},
) {
  return fakeSpecmeshApi({
    getDesiredState: judges(entity.spec.definition),
    getStatus: jest.fn(() => pending()),
    listAccessRequests: jest.fn(async query =>
      query?.ownerEntityRef ? requests.incoming ?? [] : requests.outgoing ?? [],
    ),
    ...overrides,
  });
}

export function renderAccess(
  entity: ApiEntity,
  specmeshApi: SpecmeshApi,
  options: { userGroup: string; mayDecide?: boolean },
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshAccessContent />
    </EntityProvider>,
    {
      apis: [
        ...specmeshTestApis({
          specmeshApi,
          entities: [onboarding, accounting] as Entity[],
          canProvision: options.mayDecide ?? true,
        }),
        mockApis.identity({
          userEntityRef: 'user:default/someone',
          ownershipEntityRefs: ['user:default/someone', options.userGroup],
        }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

// The tab renders several tables; on a busy machine that takes longer than the default second.
export const SLOW = { timeout: 15_000 };

/**
 * Clicks what opens a dialog until the dialog titled `title` shows, and
 * returns it. The tab re-renders its tables as each of its calls answers,
 * which can replace a button found a moment earlier, so the click is
 * retried on the button as it is now.
 */
export async function openDialog(
  target: () => HTMLElement,
  title: string,
): Promise<HTMLElement> {
  await waitFor(() => {
    if (!screen.queryByText(title)) {
      fireEvent.click(target());
    }
    expect(screen.getByText(title)).toBeInTheDocument();
  }, SLOW);
  return screen.getByText(title).closest('[role="dialog"]') as HTMLElement;
}

export function rowOf(text: string) {
  return screen.getByText(text).closest('tr')!;
}
