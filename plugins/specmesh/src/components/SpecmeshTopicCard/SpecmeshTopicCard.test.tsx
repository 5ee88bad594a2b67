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
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import { topicEntity } from '../../__fixtures__/topicEntity';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { EntityStatus, SpecmeshApi, TopicChargeback } from '../../api';
import { SpecmeshTopicCard } from './SpecmeshTopicCard';

const TOPIC = 'acme.lifestyle.onboarding._protected.purchased';
const SUBJECT = `${TOPIC}-value`;

function renderCard(entity: Entity, specmeshApi: SpecmeshApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshTopicCard />
    </EntityProvider>,
    {
      apis: specmeshTestApis({ specmeshApi }),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const status = (items: EntityStatus['items']): EntityStatus => ({
  entityRef: 'api:default/acme.lifestyle.onboarding',
  appId: 'acme.lifestyle.onboarding',
  cluster: 'local',
  status: 'in-sync',
  checkedAt: '2026-11-24T08:00:00Z',
  pendingChanges: 0,
  items,
});

const chargeback = (lines: TopicChargeback['lines'] = []): TopicChargeback => ({
  topic: TOPIC,
  from: '2026-10-26',
  to: '2026-11-24',
  totals: [{ currency: 'USD', amount: 0 }],
  lines,
});

describe('SpecmeshTopicCard', () => {
  it("shows the topic's owner, access, grantees and consumers from the catalog", async () => {
    await renderCard(
      topicEntity(),
      fakeSpecmeshApi({
        getStatus: jest.fn(() => pending()),
        getTopicChargeback: jest.fn(() => pending()),
      }),
    );

    expect(await screen.findByText(TOPIC)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /lifestyle$/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/lifestyle',
    );
    expect(
      screen.getByRole('link', { name: 'acme.lifestyle.onboarding' }),
    ).toHaveAttribute('href', '/catalog/default/api/acme.lifestyle.onboarding');
    expect(screen.getByText('protected')).toBeInTheDocument();
    expect(
      screen.getAllByText('acme.finance.accounting, acme.retail.shipping'),
    ).toHaveLength(2); // who can read, and the grantees
    expect(
      screen.getByRole('link', { name: 'acme.retail.shipping' }),
    ).toHaveAttribute('href', '/catalog/default/api/acme.retail.shipping');
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText('cluster default')).toBeInTheDocument();
  });

  it("shows the schema's latest version and the topic's live status from the owning data product", async () => {
    const specmeshApi = fakeSpecmeshApi({
      getStatus: jest.fn(async () =>
        status([
          { kind: 'topic', key: TOPIC, status: 'in-sync', exists: true },
          {
            kind: 'schema',
            key: SUBJECT,
            status: 'in-sync',
            exists: true,
            latestVersion: 2,
          },
          // Another topic's subject does not belong on this card.
          {
            kind: 'schema',
            key: 'acme.lifestyle.onboarding._public.other-value',
            status: 'missing',
            exists: false,
          },
        ]),
      ),
      getTopicChargeback: jest.fn(() => pending()),
    });
    await renderCard(topicEntity(), specmeshApi);

    expect(await screen.findByText(/version 2/)).toBeInTheDocument();
    expect(screen.getByText(SUBJECT)).toBeInTheDocument();
    expect(screen.getByText('in sync')).toBeInTheDocument();
    expect(screen.queryByText(/other-value/)).not.toBeInTheDocument();
    expect(specmeshApi.getStatus).toHaveBeenCalledWith({
      kind: 'api',
      namespace: 'default',
      name: 'acme.lifestyle.onboarding',
    });
  });

  it('shows what the topic cost in the last 30 days and who pays for reading it', async () => {
    const line = {
      day: '2026-11-20',
      cluster: 'local',
      topic: TOPIC,
      ownerAppId: 'acme.lifestyle.onboarding',
      payerAppId: 'acme.lifestyle.onboarding',
      groupId: null,
      currency: 'USD',
      quantity: 1,
      records: 10,
    };
    const specmeshApi = fakeSpecmeshApi({
      getStatus: jest.fn(async () => status([])),
      getTopicChargeback: jest.fn(async () =>
        chargeback([
          {
            ...line,
            category: 'storage',
            unit: 'GB-month',
            amount: 2,
            bytes: 0,
          },
          {
            ...line,
            category: 'production',
            unit: 'GB',
            amount: 0.5,
            bytes: 10 * 1024 ** 3,
          },
          {
            ...line,
            category: 'consumption',
            unit: 'GB',
            payerAppId: 'acme.retail.shipping',
            groupId: 'acme.retail.shipping.reader',
            amount: 0.25,
            bytes: 5 * 1024 ** 3,
          },
        ]),
      ),
    });
    await renderCard(topicEntity(), specmeshApi);

    expect(await screen.findByText('$2.75')).toBeInTheDocument();
    expect(
      screen.getByText(
        'storage $2.00 · partitions $0.00 · production $0.50 · consumption $0.25',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/acme\.retail\.shipping pays \$0\.25 for reading 5/),
    ).toBeInTheDocument();
    const [topic, range] = specmeshApi.getTopicChargeback.mock.calls[0];
    expect(topic).toBe(TOPIC);
    const days =
      (Date.parse(range!.to!) - Date.parse(range!.from!)) / 86_400_000 + 1;
    expect(days).toBe(30);
  });

  it('says when no usage has been recorded yet', async () => {
    await renderCard(
      topicEntity(),
      fakeSpecmeshApi({
        getStatus: jest.fn(async () => status([])),
        getTopicChargeback: jest.fn(async () => chargeback([])),
      }),
    );
    expect(
      await screen.findByText(/No usage recorded yet/),
    ).toBeInTheDocument();
  });

  it('explains a cost the user may not see, and a cluster that cannot be reached, keeping the rest', async () => {
    const forbidden = await responseError(403, 'Only owners see costs');
    const down = await responseError(503, 'Broker localhost:9092 is down');
    await renderCard(
      topicEntity(),
      fakeSpecmeshApi({
        getStatus: jest.fn(async () => {
          throw down;
        }),
        getTopicChargeback: jest.fn(async () => {
          throw forbidden;
        }),
      }),
    );

    expect(
      await screen.findByText(/You may not see its cost/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /The Kafka cluster or schema registry cannot be reached/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(TOPIC)).toBeInTheDocument();
  });

  it('asks for the topic annotation on an entity without one', async () => {
    const entity = topicEntity();
    delete entity.metadata.annotations!['meshport.dev/topic'];
    await renderCard(entity, fakeSpecmeshApi());

    expect(await screen.findByText(/meshport\.dev\/topic/)).toBeInTheDocument();
  });

  it('does not ask for a status when no data product owns the topic', async () => {
    const specmeshApi = fakeSpecmeshApi({
      getTopicChargeback: jest.fn(() => pending()),
    });
    await renderCard(topicEntity({ relations: [] }), specmeshApi);

    expect(
      await screen.findByText('no data product in the catalog owns it'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('no data product in the catalog reads it'),
    ).toBeInTheDocument();
    expect(specmeshApi.getStatus).not.toHaveBeenCalled();
  });
});
