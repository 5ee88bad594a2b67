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
  ACCOUNTING_REF,
  accounting,
  backendFor,
  CHECKOUT,
  ONBOARDING_REF,
  onboarding,
  openDialog,
  PURCHASED,
  renderAccess,
  request,
  rowOf,
  SLOW,
} from '../../__testUtils__/accessRequestsTestApp';
import { AccessRequestCreated } from '../../api';

const ACCOUNTING_DEV = { userGroup: 'group:default/acme.finance.accounting' };

/** Opens the request dialog for the protected topic and sends it with a reason. */
/** The list item (not the table cell) that names the topic. */
async function listItemOf(topic: string) {
  const cells = await screen.findAllByText(topic, {}, SLOW);
  return cells.flatMap(cell => cell.closest('li') ?? [])[0] as HTMLElement;
}

async function askForPurchased(reason: string) {
  await listItemOf(PURCHASED);
  const dialog = await openDialog(
    () => screen.getByLabelText(`Request access to ${PURCHASED}`),
    'Request read access',
  );
  const send = within(dialog).getByText('Send request').closest('button')!;
  // A reason is required.
  expect(send).toBeDisabled();
  fireEvent.change(within(dialog).getByLabelText(/Reason/), {
    target: { value: reason },
  });
  fireEvent.click(send);
  return dialog;
}

describe('asking for access on the Access tab', () => {
  it.each<[AccessRequestCreated['outcome'], RegExp]>([
    ['created', /Request sent/],
    ['merged', /already pending/],
    ['already-granted', /may already read this topic/],
  ])(
    "asks from the owner's page for one of the visitor's data products, and says what happened (%s)",
    async (outcome, message) => {
      const specmeshApi = backendFor(onboarding);
      specmeshApi.requestAccess.mockImplementation(async () => ({
        outcome,
        request: request(),
      }));
      await renderAccess(onboarding, specmeshApi, ACCOUNTING_DEV);

      const dialog = await askForPurchased('Month-end revenue reconciliation');
      expect(
        await within(dialog).findByText(message, {}, SLOW),
      ).toBeInTheDocument();
      expect(specmeshApi.requestAccess).toHaveBeenCalledWith({
        topic: PURCHASED,
        requesterEntityRef: ACCOUNTING_REF,
        reason: 'Month-end revenue reconciliation',
      });
    },
  );

  it('never offers to ask for a private topic, and says why', async () => {
    await renderAccess(onboarding, backendFor(onboarding), ACCOUNTING_DEV);
    const item = await listItemOf(CHECKOUT);
    expect(
      within(item).getByText(/Private data is never shared/),
    ).toBeInTheDocument();
    expect(within(item).queryByText('Request access')).not.toBeInTheDocument();
  });

  it("shows the backend's refusal in the dialog", async () => {
    const specmeshApi = backendFor(onboarding);
    specmeshApi.requestAccess.mockImplementation(async () => {
      throw await responseError(
        403,
        'You may ask for access only for data products your groups own',
      );
    });
    await renderAccess(onboarding, specmeshApi, ACCOUNTING_DEV);
    const dialog = await askForPurchased('Because');
    expect(
      await within(dialog).findByText(
        /only for data products your groups own/,
        {},
        SLOW,
      ),
    ).toBeInTheDocument();
  });

  it("offers no way to ask on the owner's page to a visitor who owns no other data product", async () => {
    await renderAccess(onboarding, backendFor(onboarding), {
      userGroup: 'group:default/acme.logistics.shipping',
    });
    await screen.findByText('Who can write and read', {}, SLOW);
    expect(
      screen.queryByText('Read these topics from your data products'),
    ).not.toBeInTheDocument();
  });

  it("lists the requester's own requests with their state, proposal and the owner's comment", async () => {
    const granted = request({
      state: 'granted',
      decidedBy: 'user:default/onboarding-dev',
      decisionComment: 'Approved for reconciliation',
      proposal: {
        url: 'https://git.example/pr/9',
        description: 'Pull request #9',
      },
    });
    const denied = request({
      id: 'r2',
      topic: 'acme.lifestyle.onboarding._protected.refunds',
      state: 'denied',
      decisionComment: 'Not this quarter',
    });
    await renderAccess(
      accounting,
      backendFor(accounting, { outgoing: [granted, denied] }),
      ACCOUNTING_DEV,
    );

    await screen.findByText(
      'Approved for reconciliation',
      { exact: false },
      SLOW,
    );
    // The topic shows among the ungranted reads too: the request's row is the table row.
    const [grantedRow] = screen
      .getAllByText(PURCHASED)
      .flatMap(cell => cell.closest('tr') ?? []);
    expect(
      within(grantedRow as HTMLElement).getByText('granted'),
    ).toBeInTheDocument();
    expect(
      within(grantedRow as HTMLElement)
        .getByText('proposal')
        .closest('a'),
    ).toHaveAttribute('href', 'https://git.example/pr/9');
    const deniedRow = rowOf('acme.lifestyle.onboarding._protected.refunds');
    expect(within(deniedRow).getByText('denied')).toBeInTheDocument();
    expect(within(deniedRow).getByText(/Not this quarter/)).toBeInTheDocument();
  });

  it('lets the owner revoke a read grant of the spec, with a comment', async () => {
    const specmeshApi = backendFor(onboarding);
    specmeshApi.revokeAccess.mockImplementation(async () =>
      request({
        kind: 'revoke',
        state: 'approved',
        ownerEntityRef: ONBOARDING_REF,
      }),
    );
    await renderAccess(onboarding, specmeshApi, {
      userGroup: 'group:default/acme.lifestyle.onboarding',
    });
    const dialog = await openDialog(
      () =>
        screen.getByLabelText(
          `Revoke some.other.domain.root's read access to ${PURCHASED}`,
        ),
      'Revoke read access',
    );
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'The contract ended' },
    });
    fireEvent.click(within(dialog).getByText('Revoke').closest('button')!);
    await waitFor(() =>
      expect(specmeshApi.revokeAccess).toHaveBeenCalledWith({
        topic: PURCHASED,
        granteeAppId: 'some.other.domain.root',
        comment: 'The contract ended',
      }),
    );
  });
});
