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
  onboardingReport,
  SIGNED_UP,
} from '../../__testUtils__/chargebackReport';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { SpecmeshApi } from '../../api';
import { SpecmeshCostContent } from './SpecmeshCostContent';

const onboarding = asyncApiEntity({
  appId: 'acme.lifestyle.onboarding',
  definition: readVector('01-onboarding.asyncapi.yaml'),
});

function renderCost(specmeshApi: SpecmeshApi) {
  return renderInTestApp(
    <EntityProvider entity={onboarding}>
      <SpecmeshCostContent />
    </EntityProvider>,
    { apis: specmeshTestApis({ specmeshApi }) },
  );
}

function daysBetween(range: { from?: string; to?: string }) {
  return (Date.parse(range.to!) - Date.parse(range.from!)) / 86400000 + 1;
}

describe('SpecmeshCostContent', () => {
  it('shows the total against the previous period, the chart and the breakdowns', async () => {
    const previous = onboardingReport({
      totals: [{ currency: 'USD', amount: 10 }],
    });
    const specmeshApi = fakeSpecmeshApi({
      getEntityChargeback: jest
        .fn()
        .mockResolvedValueOnce(onboardingReport())
        .mockResolvedValueOnce(previous),
    });
    renderCost(specmeshApi);

    expect(await screen.findByText('$12.50')).toBeInTheDocument();
    expect(
      screen.getByText('+25% against the previous 30 days ($10.00)'),
    ).toBeInTheDocument();
    // The chart arrives once recharts has loaded.
    expect(
      await screen.findByRole('figure', {
        name: 'Daily cost by category, 3 days',
      }),
    ).toBeInTheDocument();

    const [current, before] = specmeshApi.getEntityChargeback.mock.calls;
    expect(current[0]).toEqual({
      kind: 'API',
      namespace: 'default',
      name: 'onboarding',
    });
    expect(daysBetween(current[1]!)).toBe(30);
    expect(daysBetween(before[1]!)).toBe(30);
    expect(Date.parse(before[1]!.to!)).toBeLessThan(
      Date.parse(current[1]!.from!),
    );

    // The by-topic table comes before the consumers'.
    const signedUp = within(screen.getAllByText(SIGNED_UP)[0].closest('tr')!);
    expect(signedUp.getByText('$9.50')).toBeInTheDocument();

    const consumers = within(
      screen.getByText('unattributed group legacy-reader').closest('tr')!,
    );
    expect(consumers.getByText('4.0 MB')).toBeInTheDocument();
    expect(consumers.getByText('$0.004')).toBeInTheDocument();
    const accounting = screen
      .getAllByText('acme.finance.accounting')
      .map(cell => within(cell.closest('tr')!));
    expect(accounting.map(row => row.getByText(/GB|MB/).textContent)).toEqual([
      '3.2 GB',
      '250 MB',
    ]);
  });

  it('reads the range the user picks', async () => {
    const specmeshApi = fakeSpecmeshApi({
      getEntityChargeback: jest.fn(async () => onboardingReport()),
    });
    renderCost(specmeshApi);
    await screen.findByText('$12.50');

    await userEvent.click(screen.getByRole('button', { name: /Range/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last 7 days' }),
    );

    await waitFor(() =>
      expect(specmeshApi.getEntityChargeback).toHaveBeenCalledTimes(4),
    );
    expect(daysBetween(specmeshApi.getEntityChargeback.mock.calls[2][1]!)).toBe(
      7,
    );
  });

  it('downloads the range as CSV', async () => {
    const createObjectURL = jest.fn(() => 'blob:cost');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const specmeshApi = fakeSpecmeshApi({
      getEntityChargeback: jest.fn(async () => onboardingReport()),
      getEntityChargebackCsv: jest.fn(async () => 'day,topic\n'),
    });
    renderCost(specmeshApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Download CSV' }),
    );

    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    const [, range] = specmeshApi.getEntityChargebackCsv.mock.calls[0];
    expect(daysBetween(range!)).toBe(30);
  });

  it('says when nothing was measured in the range', async () => {
    renderCost(
      fakeSpecmeshApi({
        getEntityChargeback: jest.fn(async () =>
          onboardingReport({ totals: [], byDay: [], paid: [], consumers: [] }),
        ),
      }),
    );

    expect(
      await screen.findByText('No usage recorded in this range'),
    ).toBeInTheDocument();
    expect(screen.getByText(/choose a longer range/)).toBeInTheDocument();
  });

  it('tells a user without the chargeback permission whom to ask', async () => {
    const forbidden = await responseError(
      403,
      'specmesh.chargeback.read is denied',
    );
    renderCost(
      fakeSpecmeshApi({
        getEntityChargeback: jest.fn(async () => {
          throw forbidden;
        }),
      }),
    );

    expect(
      await screen.findByText(/You may not see the costs of this data product/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/specmesh.chargeback.read is denied/),
    ).toBeInTheDocument();
  });

  it('shows progress while the report loads', async () => {
    renderCost(
      fakeSpecmeshApi({ getEntityChargeback: jest.fn(() => pending()) }),
    );

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('asks for the app-id annotation', async () => {
    renderInTestApp(
      <EntityProvider entity={asyncApiEntity({ definition: '' })}>
        <SpecmeshCostContent />
      </EntityProvider>,
      { apis: specmeshTestApis({}) },
    );

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
