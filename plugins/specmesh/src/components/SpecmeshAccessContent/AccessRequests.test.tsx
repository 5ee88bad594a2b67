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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { responseError } from '../../__testUtils__/fakeSpecmeshApi';
import {
  backendFor,
  openDialog,
  onboarding,
  renderAccess,
  request,
  rowOf,
  SLOW,
} from '../../__testUtils__/accessRequestsTestApp';

describe('access requests on the Access tab', () => {
  it('lets the owner approve a pending request with a comment, and shows the proposal once approved', async () => {
    const specmeshApi = backendFor(onboarding, { incoming: [request()] });
    specmeshApi.decideAccessRequest.mockImplementation(async () =>
      request({ state: 'approved' }),
    );
    renderAccess(onboarding, specmeshApi, {
      userGroup: 'group:default/acme.lifestyle.onboarding',
    });

    await screen.findByText('Month-end revenue reconciliation', {}, SLOW);
    const row = rowOf('Month-end revenue reconciliation');
    expect(
      within(row).getByText('acme.finance.accounting'),
    ).toBeInTheDocument();
    expect(within(row).getByText('accounting-dev')).toBeInTheDocument();
    expect(within(row).getByText('pending')).toBeInTheDocument();

    // The answer after the decision, as the list shows it on reload.
    const approved = request({
      state: 'approved',
      decidedBy: 'user:default/someone',
      decisionComment: 'Fine for month-end',
      proposal: {
        url: 'https://git.example/pr/7',
        description: 'Pull request #7',
      },
    });
    (specmeshApi.listAccessRequests as jest.Mock).mockImplementation(
      async query => (query?.ownerEntityRef ? [approved] : []),
    );
    const dialog = await openDialog(
      () =>
        within(rowOf('Month-end revenue reconciliation')).getByText('Approve'),
      'Approve read access',
    );
    fireEvent.change(within(dialog).getByLabelText('Comment'), {
      target: { value: 'Fine for month-end' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));

    await waitFor(() =>
      expect(specmeshApi.decideAccessRequest).toHaveBeenCalledWith('r1', {
        decision: 'approve',
        comment: 'Fine for month-end',
      }),
    );
    expect(await screen.findByText('approved', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('proposal').closest('a')).toHaveAttribute(
      'href',
      'https://git.example/pr/7',
    );
    expect(screen.getByText(/Fine for month-end/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('asks for a comment before a denial, and keeps the dialog open with the error when the backend refuses', async () => {
    const specmeshApi = backendFor(onboarding, { incoming: [request()] });
    specmeshApi.decideAccessRequest.mockImplementation(async () => {
      throw await responseError(409, 'The request is no longer pending');
    });
    renderAccess(onboarding, specmeshApi, {
      userGroup: 'group:default/acme.lifestyle.onboarding',
    });
    await screen.findByText('Month-end revenue reconciliation', {}, SLOW);
    const dialog = await openDialog(
      () => screen.getByText('Deny'),
      'Deny read access',
    );
    const deny = within(dialog).getByRole('button', { name: 'Deny' });
    expect(deny).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'Not this quarter' },
    });
    fireEvent.click(deny);
    expect(
      await within(dialog).findByText(/no longer pending/, {}, SLOW),
    ).toBeInTheDocument();
  });

  it('shows no decision actions to people who may not decide', async () => {
    // usePermission caches answers per permission and entity for the whole
    // test file (SWR): an entity the earlier tests did not ask about gets
    // this test's own answer.
    const unseen = {
      ...onboarding,
      metadata: { ...onboarding.metadata, namespace: 'unseen' },
    };
    const specmeshApi = backendFor(unseen, { incoming: [request()] });
    renderAccess(unseen, specmeshApi, {
      userGroup: 'group:default/acme.finance.accounting',
      mayDecide: false,
    });
    await screen.findByText('Month-end revenue reconciliation', {}, SLOW);
    // The permission answers after the requests: wait for its verdict.
    expect(
      await screen.findByText('Members of the owner group decide', {}, SLOW),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Revoke/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when no one has asked', async () => {
    renderAccess(onboarding, backendFor(onboarding), {
      userGroup: 'group:default/acme.lifestyle.onboarding',
    });
    await waitFor(
      () =>
        expect(
          screen.getByText(
            'No one has asked for access to this data product’s topics.',
          ),
        ).toBeInTheDocument(),
      SLOW,
    );
  });

  it('shows the error when the requests cannot be listed', async () => {
    const specmeshApi = backendFor(
      onboarding,
      {},
      {
        listAccessRequests: jest.fn(async () => {
          throw await responseError(
            503,
            'The access-request store is unavailable',
          );
        }),
      },
    );
    renderAccess(onboarding, specmeshApi, {
      userGroup: 'group:default/acme.lifestyle.onboarding',
    });
    expect(
      (
        await screen.findAllByText(
          /access-request store is unavailable/,
          {},
          SLOW,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
