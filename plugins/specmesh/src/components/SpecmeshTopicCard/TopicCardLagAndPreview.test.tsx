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
import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { specmeshTopicPreviewPermission } from '@meshport/plugin-specmesh-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { topicEntity } from '../../__fixtures__/topicEntity';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { GroupLag, SpecmeshApi, MessagePreview } from '../../api';
import { SpecmeshTopicCard } from './SpecmeshTopicCard';

const TOPIC = 'acme.lifestyle.onboarding._protected.purchased';
const OWNER_REF = 'api:default/acme.lifestyle.onboarding';

// usePermission caches answers per resource for the whole file: each render
// shows a topic entity of its own name.
let renders = 0;
function distinctTopicEntity(): Entity {
  renders += 1;
  const base = topicEntity();
  return {
    ...base,
    metadata: { ...base.metadata, name: `purchased-${renders}` },
  };
}

function renderCard(
  entity: Entity,
  specmeshApi: SpecmeshApi,
  canPreview = true,
) {
  const permissionApi = mockApis.permission({
    authorize: request =>
      request.permission.name === specmeshTopicPreviewPermission.name &&
      !canPreview
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshTopicCard />
    </EntityProvider>,
    {
      apis: [
        ...specmeshTestApis({ specmeshApi }).filter(
          ([ref]) => ref !== permissionApiRef,
        ),
        [permissionApiRef, permissionApi],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const reader = (overrides: Partial<GroupLag>): GroupLag => ({
  groupId: 'acme.finance.accounting.invoicing',
  consumerAppId: 'acme.finance.accounting',
  topic: TOPIC,
  lag: 0,
  estimatedSeconds: 0,
  partitions: [],
  ...overrides,
});

const preview = (overrides: Partial<MessagePreview> = {}): MessagePreview => ({
  topic: TOPIC,
  cluster: 'local',
  fetchedAt: '2026-11-24T08:00:00Z',
  limit: 20,
  partition: null,
  truncated: false,
  messages: [
    {
      partition: 2,
      offset: '1041',
      timestamp: '2026-11-24T07:59:00.000Z',
      key: { format: 'text', text: 'user-7' },
      value: {
        format: 'avro',
        schemaId: 3,
        data: { id: 7, note: '<img src=x onerror=alert(1)>' },
      },
      headers: [{ key: 'trace', value: { format: 'bytes', base64: 'AAEC' } }],
      sizeBytes: 210,
    },
    {
      partition: 0,
      offset: '99',
      timestamp: '2026-11-24T07:58:00.000Z',
      key: null,
      value: {
        format: 'bytes',
        base64: '3q2+7w==',
        error: 'no schema with id 44 in the registry',
      },
      headers: [],
      sizeBytes: 12,
    },
  ],
  ...overrides,
});

const quietCard = (overrides: Partial<SpecmeshApi>) =>
  fakeSpecmeshApi({
    getStatus: jest.fn(() => pending()),
    getTopicChargeback: jest.fn(() => pending()),
    getReadersLag: jest.fn(() => pending()),
    ...overrides,
  });

describe('SpecmeshTopicCard: lag and preview', () => {
  it('shows each reader and how far behind it is, unattributed groups as such', async () => {
    const specmeshApi = quietCard({
      getReadersLag: jest.fn(async () => ({
        entityRef: OWNER_REF,
        collectedAt: '2026-11-24T08:00:00Z',
        topics: [
          {
            topic: TOPIC,
            ownerAppId: 'acme.lifestyle.onboarding',
            readers: [
              reader({ lag: 0 }),
              reader({
                groupId: 'acme.retail.shipping.labels',
                consumerAppId: 'acme.retail.shipping',
                lag: 1204,
                estimatedSeconds: 170,
              }),
              reader({
                groupId: 'console-consumer-4711',
                consumerAppId: null,
                lag: 12,
                estimatedSeconds: null,
              }),
            ],
          },
        ],
      })),
    });
    await renderCard(distinctTopicEntity(), specmeshApi);

    const lines = await screen.findAllByTestId('reader-lag');
    expect(lines.map(line => line.textContent)).toEqual([
      'acme.retail.shipping (group acme.retail.shipping.labels): 1,204 messages · ≈ 3 min behind',
      'unattributed group console-consumer-4711: 12 messages behind (time unknown)',
      'acme.finance.accounting (group acme.finance.accounting.invoicing): caught up',
    ]);
    expect(specmeshApi.getReadersLag).toHaveBeenCalledWith(OWNER_REF, {
      topic: TOPIC,
    });
  });

  it('says so before the first collection, and when lag cannot be read', async () => {
    await renderCard(
      distinctTopicEntity(),
      quietCard({
        getReadersLag: jest.fn(async () => ({
          entityRef: OWNER_REF,
          collectedAt: null,
          topics: [],
        })),
      }),
    );
    expect(
      await screen.findByText('no offsets collected yet'),
    ).toBeInTheDocument();
  });

  it('previews the newest messages as text, never as markup, with their partition, offset, key and headers', async () => {
    const specmeshApi = quietCard({
      previewMessages: jest.fn(async () => preview({ truncated: true })),
    });
    await renderCard(distinctTopicEntity(), specmeshApi);

    const button = await screen.findByRole('button', {
      name: 'Preview messages',
    });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(/Partition 2 · offset 1041/),
    ).toBeInTheDocument();
    expect(specmeshApi.previewMessages).toHaveBeenCalledWith(TOPIC, {
      limit: 20,
      partition: undefined,
    });

    const values = within(dialog).getAllByTestId('payload-value');
    expect(values[0].textContent).toBe(
      '{\n  "id": 7,\n  "note": "<img src=x onerror=alert(1)>"\n}',
    );
    expect(dialog.querySelector('img')).toBeNull();
    expect(
      within(dialog).getByText('Value (Avro, schema 3)'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('user-7')).toBeInTheDocument();
    expect(within(dialog).getByText('AAEC')).toBeInTheDocument();
    expect(values[1].textContent).toBe('3q2+7w==');
    expect(
      within(dialog).getByText(
        'Not decoded: no schema with id 44 in the registry',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Key: null')).toBeInTheDocument();
    expect(within(dialog).getByText(/Truncated/)).toBeInTheDocument();
    // Newest first, as the backend ordered them.
    const headings = within(dialog)
      .getAllByTestId('preview-message')
      .map(m => m.textContent);
    expect(headings[0]).toContain('offset 1041');
    expect(headings[1]).toContain('offset 99');
  });

  it('asks again for one partition and for fewer messages', async () => {
    const specmeshApi = quietCard({
      previewMessages: jest.fn(async () => preview()),
    });
    await renderCard(distinctTopicEntity(), specmeshApi);
    const button = await screen.findByRole('button', {
      name: 'Preview messages',
    });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText(/offset 1041/);

    fireEvent.mouseDown(
      within(dialog).getByRole('button', { name: /^Partition/ }),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'Partition 1' }));
    await waitFor(() =>
      expect(specmeshApi.previewMessages).toHaveBeenLastCalledWith(TOPIC, {
        limit: 20,
        partition: 1,
      }),
    );
    fireEvent.mouseDown(
      within(dialog).getByRole('button', { name: /^Messages/ }),
    );
    fireEvent.click(await screen.findByRole('option', { name: '5' }));
    await waitFor(() =>
      expect(specmeshApi.previewMessages).toHaveBeenLastCalledWith(TOPIC, {
        limit: 5,
        partition: 1,
      }),
    );
  });

  it('disables the preview, saying why, for a user the policy denies', async () => {
    const specmeshApi = quietCard({});
    await renderCard(distinctTopicEntity(), specmeshApi, false);

    expect(
      await screen.findByTestId('preview-denied-reason'),
    ).toHaveTextContent(/may not preview this topic's messages/);
    expect(
      screen.getByRole('button', { name: 'Preview messages' }),
    ).toBeDisabled();
    expect(specmeshApi.previewMessages).not.toHaveBeenCalled();
  });

  it("shows the backend's reason when it refuses the preview", async () => {
    const message =
      'Previewing messages of a _private topic is for its owners only';
    const specmeshApi = quietCard({
      previewMessages: jest.fn(async () => {
        throw await responseError(403, message);
      }),
    });
    await renderCard(distinctTopicEntity(), specmeshApi);
    const button = await screen.findByRole('button', {
      name: 'Preview messages',
    });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /You may not preview the messages of this topic/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(new RegExp(message))).toBeInTheDocument();
  });
});
