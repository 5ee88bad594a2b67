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
import { ApiEntity, Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import { asyncApiEntity, readVector } from '../../__fixtures__/asyncApiEntity';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { kafkaTopicResource } from '../../__testUtils__/meshTopics';
import { judges } from '../../__testUtils__/servedDesiredState';
import { SpecmeshApi } from '../../api';
import { SpecmeshTopicsContent } from './SpecmeshTopicsContent';

function renderContent(
  entity: ApiEntity,
  options: { specmeshApi?: SpecmeshApi; entities?: Entity[] } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshTopicsContent />
    </EntityProvider>,
    {
      apis: specmeshTestApis({
        specmeshApi:
          options.specmeshApi ??
          fakeSpecmeshApi({
            getDesiredState: judges(entity.spec.definition),
            getStatus: jest.fn(() => pending()),
          }),
        entities: options.entities,
      }),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const onboarding = () => ({
  ...asyncApiEntity({
    appId: 'acme.lifestyle.onboarding',
    definition: readVector('01-onboarding.asyncapi.yaml'),
  }),
  // Its topic entity, as the catalog module relates it.
  relations: [
    {
      type: 'hasPart',
      targetRef:
        'resource:default/acme-lifestyle-onboarding-public-user-signed-up',
    },
  ],
});

const SIGNED_UP = 'acme.lifestyle.onboarding._public.user_signed_up';
const CHECKOUT = 'acme.lifestyle.onboarding._private.user_checkout';
const PURCHASED = 'acme.lifestyle.onboarding._protected.purchased';

/**
 * The queries of a topic's table row, each run on the row as it is at the time: rows are
 * rebuilt as the status, the catalog's topic entities and the schema versions arrive, and
 * a row found earlier may be gone by then (a loaded machine answers in another order).
 */
async function tableRowOf(topic: string): Promise<ReturnType<typeof within>> {
  await screen.findByText(topic);
  const row = () => screen.getByText(topic).closest('tr')!;
  return new Proxy({} as ReturnType<typeof within>, {
    // Not a thenable: the proxy is what the async function resolves to.
    get: (_, name: string) => {
      if (name === 'then') return undefined;
      if (name.startsWith('find')) {
        return (...args: unknown[]) =>
          waitFor(() =>
            (within(row()) as any)[name.replace('find', 'get')](...args),
          );
      }
      return (...args: unknown[]) => (within(row()) as any)[name](...args);
    },
  });
}

describe('SpecmeshTopicsContent', () => {
  it('shows the topics the onboarding spec owns, with access and grantees', async () => {
    renderContent(
      asyncApiEntity({
        appId: 'acme.lifestyle.onboarding',
        definition: readVector('01-onboarding.asyncapi.yaml'),
      }),
    );

    const signedUp = await tableRowOf(
      'acme.lifestyle.onboarding._public.user_signed_up',
    );
    expect(signedUp.getByText('public')).toBeInTheDocument();
    expect(signedUp.getByText('3')).toBeInTheDocument();
    expect(signedUp.getByText('retention.ms=999000')).toBeInTheDocument();
    expect(signedUp.getByText('cleanup.policy=delete')).toBeInTheDocument();
    expect(
      signedUp.getByText('all authenticated principals'),
    ).toBeInTheDocument();

    const checkout = await tableRowOf(
      'acme.lifestyle.onboarding._private.user_checkout',
    );
    expect(checkout.getByText('private')).toBeInTheDocument();
    expect(checkout.getAllByText('cluster default')).toHaveLength(2);
    expect(checkout.getByText('cluster defaults')).toBeInTheDocument();
    expect(checkout.getByText('owner only')).toBeInTheDocument();

    const purchased = await tableRowOf(
      'acme.lifestyle.onboarding._protected.purchased',
    );
    expect(purchased.getByText('protected')).toBeInTheDocument();
    expect(purchased.getAllByText('cluster default')).toHaveLength(2);
    expect(purchased.getByText('some.other.domain.root')).toBeInTheDocument();

    expect(
      screen.getByText('The spec reads no topics of other data products.'),
    ).toBeInTheDocument();
  });

  it('shows the topics of other data products that a consumer spec reads', async () => {
    renderContent(
      asyncApiEntity({
        appId: 'acme.finance.accounting',
        definition: readVector('02-accounting.asyncapi.yaml'),
      }),
    );

    const signedUp = await tableRowOf(
      'acme.lifestyle.onboarding._public.user_signed_up',
    );
    expect(signedUp.getByText('acme.lifestyle.onboarding')).toBeInTheDocument();
    const purchased = await tableRowOf(
      'acme.lifestyle.onboarding._protected.purchased',
    );
    expect(
      purchased.getByText('acme.lifestyle.onboarding'),
    ).toBeInTheDocument();

    const invoices = await tableRowOf(
      'acme.finance.accounting._public.invoice_issued',
    );
    expect(invoices.getByText('6')).toBeInTheDocument();
    expect(invoices.getByText('cleanup.policy=delete')).toBeInTheDocument();
  });

  it('lists the problems of a spec the rule book rejects, and no topics', async () => {
    renderContent(
      asyncApiEntity({
        appId: 'acme.typo',
        definition: [
          "asyncapi: '2.5.0'",
          "id: 'urn:acme.typo'",
          'info: { title: Typo, version: 1.0.0 }',
          'channels:',
          '  _pubic.misspelled:',
          '    publish:',
          '      message: { payload: { type: string } }',
        ].join('\n'),
      }),
    );

    expect(
      await screen.findByText(/The AsyncAPI spec has 1 error$/),
    ).toBeInTheDocument();
    // The backend's problems name the entity whose spec it judged.
    expect(
      screen.getByText(
        /^api:default\/onboarding: error at .*"_pubic.misspelled" starts with "_pubic"/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Use "_public"/)).toBeInTheDocument();
    expect(screen.getByText('No topics to show')).toBeInTheDocument();
    expect(screen.queryByText('Owned topics')).not.toBeInTheDocument();
  });

  it("shows the backend's verdict, not one of its own", async () => {
    // The browser judges nothing: whatever the definition, the backend's state shows.
    const specmeshApi = fakeSpecmeshApi({
      getDesiredState: judges(readVector('01-onboarding.asyncapi.yaml')),
      getStatus: jest.fn(() => pending()),
    });
    renderContent(
      asyncApiEntity({
        appId: 'acme.lifestyle.onboarding',
        definition: 'not: [an, asyncapi, spec',
      }),
      { specmeshApi },
    );

    expect(await tableRowOf(SIGNED_UP)).toBeTruthy();
    expect(screen.queryByText(/The AsyncAPI spec has/)).not.toBeInTheDocument();
    expect(specmeshApi.getDesiredState).toHaveBeenCalledWith({
      kind: 'API',
      namespace: 'default',
      name: 'onboarding',
    });
  });

  it('shows progress while the backend judges the spec', async () => {
    renderContent(onboarding(), {
      specmeshApi: fakeSpecmeshApi({
        getDesiredState: jest.fn(() => pending()),
        getStatus: jest.fn(() => pending()),
      }),
    });

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('Owned topics')).not.toBeInTheDocument();
  });

  it('explains a desired state the backend cannot give', async () => {
    const error = await responseError(
      400,
      'Entity api:default/onboarding has no AsyncAPI definition',
    );
    renderContent(onboarding(), {
      specmeshApi: fakeSpecmeshApi({
        getDesiredState: jest.fn(async () => {
          throw error;
        }),
        getStatus: jest.fn(() => pending()),
      }),
    });

    expect(
      await screen.findByText(
        /The backend cannot derive the topics of this spec/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /has no AsyncAPI definition\. Fix what the message names/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Owned topics')).not.toBeInTheDocument();
  });

  it('does not show the status error of a spec with errors beside its problems', async () => {
    const definition = [
      "asyncapi: '2.5.0'",
      "id: 'urn:acme.typo'",
      'info: { title: Typo, version: 1.0.0 }',
      'channels:',
      '  _pubic.misspelled:',
      '    publish:',
      '      message: { payload: { type: string } }',
    ].join('\n');
    const error = await responseError(400, 'The spec has 1 error');
    renderContent(asyncApiEntity({ appId: 'acme.typo', definition }), {
      specmeshApi: fakeSpecmeshApi({
        getDesiredState: judges(definition),
        getStatus: jest.fn(async () => {
          throw error;
        }),
      }),
    });

    expect(await screen.findByText('No topics to show')).toBeInTheDocument();
    expect(
      screen.queryByText(/The backend cannot see the live status/),
    ).not.toBeInTheDocument();
  });

  it('shows warnings next to the topics of a spec the rule book accepts', async () => {
    renderContent(
      asyncApiEntity({
        appId: 'acme.levelless',
        definition: [
          "asyncapi: '2.5.0'",
          "id: 'urn:acme.levelless'",
          'info: { title: Levelless, version: 1.0.0 }',
          'channels:',
          '  user_events:',
          '    publish:',
          '      message: { payload: { type: string } }',
        ].join('\n'),
      }),
    );

    expect(
      await screen.findByText(/The AsyncAPI spec has 1 warning$/),
    ).toBeInTheDocument();
    const userEvents = await tableRowOf('acme.levelless.user_events');
    expect(userEvents.getByText('protected')).toBeInTheDocument();
  });

  it('asks for the app-id annotation on an API entity without one', async () => {
    renderContent(
      asyncApiEntity({ definition: readVector('01-onboarding.asyncapi.yaml') }),
    );

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.getAllByText('meshport.dev/app-id').length).toBeGreaterThan(
      0,
    );
    expect(
      screen.queryByText('acme.lifestyle.onboarding._public.user_signed_up'),
    ).not.toBeInTheDocument();
  });

  it('says so when the API entity has no definition', async () => {
    renderContent(
      asyncApiEntity({ appId: 'acme.lifestyle.onboarding', definition: ' ' }),
    );

    expect(
      await screen.findByText('No AsyncAPI definition'),
    ).toBeInTheDocument();
  });

  it('shows the live status of each topic beside what the spec says', async () => {
    const specmeshApi = fakeSpecmeshApi({
      getDesiredState: judges(onboarding().spec.definition),
      getStatus: jest.fn(async () => ({
        entityRef: 'api:default/onboarding',
        appId: 'acme.lifestyle.onboarding',
        cluster: 'local',
        status: 'drifted' as const,
        checkedAt: '2026-01-01T00:00:00Z',
        pendingChanges: 2,
        items: [
          {
            kind: 'topic' as const,
            key: SIGNED_UP,
            status: 'in-sync' as const,
            exists: true,
          },
          {
            kind: 'topic' as const,
            key: CHECKOUT,
            status: 'missing' as const,
            exists: false,
          },
          {
            kind: 'topic' as const,
            key: PURCHASED,
            status: 'drifted' as const,
            exists: true,
            changes: [
              { field: 'configs.retention.ms', before: '1000', after: '2000' },
            ],
          },
        ],
      })),
    });
    renderContent(onboarding(), { specmeshApi });

    expect(
      (await tableRowOf(SIGNED_UP)).getByText('in sync'),
    ).toBeInTheDocument();
    expect(
      (await tableRowOf(CHECKOUT)).getByText('missing on the cluster'),
    ).toBeInTheDocument();
    const purchased = await tableRowOf(PURCHASED);
    expect(purchased.getByText('drifted')).toBeInTheDocument();
    expect(
      purchased.getByText('configs.retention.ms: 1000 → 2000'),
    ).toBeInTheDocument();
    expect(specmeshApi.getStatus).toHaveBeenCalledWith({
      kind: 'API',
      namespace: 'default',
      name: 'onboarding',
    });
  });

  it("shows each topic's schema subjects with the registry's latest version", async () => {
    const specmeshApi = fakeSpecmeshApi({
      getDesiredState: judges(onboarding().spec.definition),
      getStatus: jest.fn(async () => ({
        entityRef: 'api:default/onboarding',
        appId: 'acme.lifestyle.onboarding',
        cluster: 'local',
        status: 'drifted' as const,
        checkedAt: '2026-01-01T00:00:00Z',
        pendingChanges: 1,
        items: [
          {
            kind: 'schema' as const,
            key: `${SIGNED_UP}-value`,
            status: 'in-sync' as const,
            exists: true,
            latestVersion: 4,
            schemaId: 17,
          },
          {
            kind: 'schema' as const,
            key: `${CHECKOUT}-value`,
            status: 'missing' as const,
            exists: false,
          },
        ],
      })),
    });
    renderContent(onboarding(), { specmeshApi });

    const signedUp = await tableRowOf(SIGNED_UP);
    // Found (or the wait fails) in the row as it is then; the row may be rebuilt right after.
    await signedUp.findByText(/version 4/);
    expect(signedUp.getByText(`${SIGNED_UP}-value`)).toBeInTheDocument();
    expect(signedUp.getByText(/\(AVRO\)/)).toBeInTheDocument();
    const checkout = await tableRowOf(CHECKOUT);
    expect(checkout.getByText(/not registered/)).toBeInTheDocument();
    expect(checkout.getByText(/\(JSON\)/)).toBeInTheDocument();
    // A topic whose messages name no schema says so.
    expect(
      (await tableRowOf(PURCHASED)).getByText('no schema'),
    ).toBeInTheDocument();
  });

  it('says the status is being checked while the backend answers', async () => {
    renderContent(onboarding());

    expect(
      (await tableRowOf(SIGNED_UP)).getByText('checking…'),
    ).toBeInTheDocument();
  });

  it('keeps the desired topics and explains a backend that cannot reach the cluster', async () => {
    const error = await responseError(503, 'Broker localhost:9092 is down');
    renderContent(onboarding(), {
      specmeshApi: fakeSpecmeshApi({
        getDesiredState: judges(onboarding().spec.definition),
        getStatus: jest.fn(async () => {
          throw error;
        }),
      }),
    });

    expect(
      await screen.findByText(
        /The Kafka cluster or schema registry cannot be reached/,
      ),
    ).toBeInTheDocument();
    expect(
      (await tableRowOf(SIGNED_UP)).getByText('not checked'),
    ).toBeInTheDocument();
  });

  it('links each owned topic to its Resource entity, never one registered by hand', async () => {
    const emitted = kafkaTopicResource({
      topic: SIGNED_UP,
      appId: 'acme.lifestyle.onboarding',
      access: 'public',
    });
    // Registered by hand for the same topic: not one of the API's parts.
    const copy: Entity = {
      ...emitted,
      metadata: { ...emitted.metadata, name: 'someone-elses-copy' },
      spec: { type: 'kafka-topic', owner: 'group:default/strangers' },
    };
    renderContent(onboarding(), { entities: [emitted, copy] });

    const link = await screen.findByRole('link', { name: SIGNED_UP });
    expect(link.getAttribute('href')).toContain(
      '/resource/acme-lifestyle-onboarding-public-user-signed-up',
    );
    expect(document.body.innerHTML).not.toContain('someone-elses-copy');
    expect(
      screen.queryByRole('link', { name: CHECKOUT }),
    ).not.toBeInTheDocument();
  });
});
