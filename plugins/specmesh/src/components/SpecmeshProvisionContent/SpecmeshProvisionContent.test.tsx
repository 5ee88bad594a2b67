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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { asyncApiEntity, readVector } from '../../__fixtures__/asyncApiEntity';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { ApplyRecord, PlanResponse, SpecmeshApi } from '../../api';
import { SpecmeshProvisionContent } from './SpecmeshProvisionContent';

const SIGNED_UP = 'acme.lifestyle.onboarding._public.user_signed_up';
const PURCHASED = 'acme.lifestyle.onboarding._protected.purchased';
const OWNER_WRITE =
  'ALLOW User:acme.lifestyle.onboarding WRITE TOPIC:PREFIXED:acme.lifestyle.onboarding. @*';

const onboarding = asyncApiEntity({
  appId: 'acme.lifestyle.onboarding',
  definition: readVector('01-onboarding.asyncapi.yaml'),
});

const plan: PlanResponse = {
  entityRef: 'api:default/onboarding',
  cluster: 'local',
  summary: { CREATE: 2, UPDATE: 0, DELETE: 0, UNCHANGED: 0, BLOCKED: 1 },
  plan: {
    appId: 'acme.lifestyle.onboarding',
    items: [
      { kind: 'topic', key: SIGNED_UP, state: 'CREATE' },
      {
        kind: 'topic',
        key: PURCHASED,
        state: 'BLOCKED',
        reason: 'Kafka cannot reduce partitions from 6 to 3.',
        changes: [{ field: 'partitions', before: 6, after: 3 }],
      },
      { kind: 'acl', key: OWNER_WRITE, state: 'CREATE' },
    ],
  },
};

const record: ApplyRecord = {
  id: '1',
  entityRef: 'api:default/onboarding',
  appId: 'acme.lifestyle.onboarding',
  cluster: 'local',
  actor: 'user:default/guest',
  startedAt: '2026-01-01T10:00:00Z',
  finishedAt: '2026-01-01T10:00:02Z',
  status: 'blocked',
  result: {
    appId: 'acme.lifestyle.onboarding',
    items: [
      { kind: 'topic', key: SIGNED_UP, planned: 'CREATE', state: 'CREATED' },
      { kind: 'topic', key: PURCHASED, planned: 'BLOCKED', state: 'BLOCKED' },
      {
        kind: 'acl',
        key: OWNER_WRITE,
        planned: 'CREATE',
        state: 'FAILED',
        message: 'Authorizer refused the binding',
      },
    ],
  },
};

function renderProvision(
  specmeshApi: SpecmeshApi,
  canProvision = true,
  entity = onboarding,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshProvisionContent />
    </EntityProvider>,
    { apis: specmeshTestApis({ specmeshApi, canProvision }) },
  );
}

const noHistory = () =>
  jest.fn(async () => ({ items: [], totalCount: 0, limit: 20, offset: 0 }));

describe('SpecmeshProvisionContent', () => {
  it('previews the plan with states and reasons, applies it and shows the result', async () => {
    const specmeshApi = fakeSpecmeshApi({
      plan: jest.fn(async () => plan),
      apply: jest.fn(async () => record),
      listApplies: jest
        .fn()
        .mockResolvedValueOnce({
          items: [],
          totalCount: 0,
          limit: 20,
          offset: 0,
        })
        .mockResolvedValue({
          items: [record],
          totalCount: 1,
          limit: 20,
          offset: 0,
        }),
    });
    renderProvision(specmeshApi);

    expect(
      await screen.findByText('Plan against cluster local'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '2 to create, 0 to update, 0 to delete, 1 blocked, 0 unchanged',
      ),
    ).toBeInTheDocument();
    const blocked = within(screen.getByText(PURCHASED).closest('tr')!);
    expect(blocked.getByText('blocked')).toBeInTheDocument();
    expect(blocked.getByText('partitions: 6 → 3')).toBeInTheDocument();
    expect(
      blocked.getByText('Kafka cannot reduce partitions from 6 to 3.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'This data product has never been applied from the portal.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));

    expect(await screen.findByText('Apply blocked')).toBeInTheDocument();
    expect(specmeshApi.apply).toHaveBeenCalledWith({
      kind: 'API',
      namespace: 'default',
      name: 'onboarding',
    });
    expect(
      screen.getByText('Authorizer refused the binding'),
    ).toBeInTheDocument();
    expect(screen.getByText('created')).toBeInTheDocument();
    // The history and the plan are read again after the apply.
    expect(await screen.findByText('user:default/guest')).toBeInTheDocument();
    await waitFor(() => expect(specmeshApi.plan).toHaveBeenCalledTimes(2));
  });

  it('shows no Apply button to whoever may not provision', async () => {
    // Another entity: the permission hook caches decisions by resource ref.
    const accounting = asyncApiEntity({
      appId: 'acme.finance.accounting',
      definition: readVector('02-accounting.asyncapi.yaml'),
    });
    accounting.metadata.name = 'accounting';
    renderProvision(
      fakeSpecmeshApi({
        plan: jest.fn(async () => plan),
        listApplies: noHistory(),
      }),
      false,
      accounting,
    );

    expect(
      await screen.findByText(/You may view this plan but not apply it/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Apply' }),
    ).not.toBeInTheDocument();
  });

  it('explains an apply the backend refuses because another one is running', async () => {
    const conflict = await responseError(
      409,
      'An apply of acme.lifestyle.onboarding is running',
    );
    renderProvision(
      fakeSpecmeshApi({
        plan: jest.fn(async () => plan),
        listApplies: noHistory(),
        apply: jest.fn(async () => {
          throw conflict;
        }),
      }),
    );

    await userEvent.click(await screen.findByRole('button', { name: 'Apply' }));

    expect(
      await screen.findByText(/Another apply of this data product is running/),
    ).toBeInTheDocument();
  });

  it('explains an apply the backend forbids', async () => {
    const forbidden = await responseError(
      403,
      'Not an owner of api:default/onboarding',
    );
    renderProvision(
      fakeSpecmeshApi({
        plan: jest.fn(async () => plan),
        listApplies: noHistory(),
        apply: jest.fn(async () => {
          throw forbidden;
        }),
      }),
    );

    await userEvent.click(await screen.findByRole('button', { name: 'Apply' }));

    expect(
      await screen.findByText(/You may not apply this data product/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Not an owner of api:default\/onboarding/),
    ).toBeInTheDocument();
  });

  it('says what to do when the cluster cannot be read', async () => {
    const down = await responseError(503, 'Broker unreachable');
    renderProvision(
      fakeSpecmeshApi({
        plan: jest.fn(async () => {
          throw down;
        }),
        listApplies: noHistory(),
      }),
    );

    expect(
      await screen.findByText(
        /The Kafka cluster or schema registry cannot be reached/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Try again in a minute/)).toBeInTheDocument();
  });

  it('shows progress while the plan is made', async () => {
    renderProvision(
      fakeSpecmeshApi({
        plan: jest.fn(() => pending()),
        listApplies: noHistory(),
      }),
    );

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('asks for the app-id annotation', async () => {
    renderInTestApp(
      <EntityProvider entity={asyncApiEntity({ definition: '' })}>
        <SpecmeshProvisionContent />
      </EntityProvider>,
      { apis: specmeshTestApis({}) },
    );

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
