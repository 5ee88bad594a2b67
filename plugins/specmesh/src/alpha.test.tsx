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
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { apiDocsConfigRef } from '@backstage/plugin-api-docs';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { useApi } from '@backstage/core-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import { asyncApiEntity, readVector } from './__fixtures__/asyncApiEntity';
import specmeshPlugin, {
  specmeshAccessEntityContent,
  specmeshApiDocsConfigApi,
  specmeshApiDocsModule,
  specmeshClientApi,
  specmeshCostEntityContent,
  specmeshLagEntityCard,
  specmeshProvisionEntityContent,
  specmeshTopicEntityCard,
  specmeshTopicsEntityContent,
} from './alpha';
import { topicEntity } from './__fixtures__/topicEntity';
import {
  fakeSpecmeshApi,
  pending,
  specmeshTestApis,
} from './__testUtils__/fakeSpecmeshApi';
import { judges } from './__testUtils__/servedDesiredState';
import { onboardingReport } from './__testUtils__/chargebackReport';
import { SpecmeshClient, specmeshApiRef } from './api';

// Stands in for the viewer: what it is given is what the test reads.
jest.mock('@backstage/plugin-api-docs', () => ({
  ...jest.requireActual('@backstage/plugin-api-docs'),
  AsyncApiDefinitionWidget: ({ definition }: { definition: string }) => (
    <pre data-testid="asyncapi-viewer">{definition}</pre>
  ),
}));

const onboarding = asyncApiEntity({
  appId: 'acme.lifestyle.onboarding',
  definition: readVector('01-onboarding.asyncapi.yaml'),
});

describe('specmeshTopicsEntityContent', () => {
  it('is the Topics tab at /topics', () => {
    const tester = createExtensionTester(specmeshTopicsEntityContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('/topics');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Topics');
  });

  it('appears only on API entities that declare an app-id', () => {
    const tester = createExtensionTester(specmeshTopicsEntityContent);
    const appliesTo = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;

    expect(appliesTo(onboarding)).toBe(true);
    expect(appliesTo(asyncApiEntity({ definition: '' }))).toBe(false);
    expect(appliesTo({ ...onboarding, kind: 'Component' })).toBe(false);
  });

  it('lets the app override the filter in config', () => {
    const tester = createExtensionTester(specmeshTopicsEntityContent, {
      config: { filter: { kind: 'api' } },
    });
    const appliesTo = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;

    expect(appliesTo(asyncApiEntity({ definition: '' }))).toBe(true);
  });

  it('renders the topics of the entity', async () => {
    const tester = createExtensionTester(specmeshTopicsEntityContent);

    renderInTestApp(
      <EntityProvider entity={onboarding}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: specmeshTestApis({
          specmeshApi: fakeSpecmeshApi({
            getDesiredState: judges(onboarding.spec.definition),
            getStatus: jest.fn(() => pending()),
          }),
        }),
      },
    );

    // The rows are rebuilt once the catalog lookup answers: wait for the last.
    await waitFor(() =>
      expect(
        screen.getByText('acme.lifestyle.onboarding._public.user_signed_up'),
      ).toBeInTheDocument(),
    );
  });
});

describe.each([
  [
    'Access',
    '/access',
    () => createExtensionTester(specmeshAccessEntityContent),
  ],
  [
    'Provision',
    '/provision',
    () => createExtensionTester(specmeshProvisionEntityContent),
  ],
  ['Cost', '/cost', () => createExtensionTester(specmeshCostEntityContent)],
])('the %s tab', (title, path, createTester) => {
  it(`is at ${path} on API entities that declare an app-id`, () => {
    const tester = createTester();
    const appliesTo = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;

    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    expect(appliesTo(onboarding)).toBe(true);
    expect(appliesTo(asyncApiEntity({ definition: '' }))).toBe(false);
  });
});

describe('specmeshTopicEntityCard', () => {
  it('is a content card on kafka-topic Resource entities only', () => {
    const tester = createExtensionTester(specmeshTopicEntityCard);
    const appliesTo = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;

    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    expect(appliesTo(topicEntity())).toBe(true);
    expect(appliesTo(topicEntity({ spec: { type: 'database' } }))).toBe(false);
    expect(appliesTo(onboarding)).toBe(false);
  });

  it('renders the card of the topic', async () => {
    const tester = createExtensionTester(specmeshTopicEntityCard);

    renderInTestApp(
      <EntityProvider entity={topicEntity()}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: specmeshTestApis({
          specmeshApi: fakeSpecmeshApi({
            getStatus: jest.fn(() => pending()),
            getTopicChargeback: jest.fn(() => pending()),
          }),
        }),
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(await screen.findByText('Kafka topic')).toBeInTheDocument();
    expect(
      screen.getByText('acme.lifestyle.onboarding._protected.purchased'),
    ).toBeInTheDocument();
  });
});

describe('specmeshLagEntityCard', () => {
  it('is a content card on data products only', () => {
    const tester = createExtensionTester(specmeshLagEntityCard);
    const appliesTo = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;

    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    expect(appliesTo(onboarding)).toBe(true);
    expect(appliesTo(topicEntity())).toBe(false);
  });

  it('renders the groups the data product owns', async () => {
    const tester = createExtensionTester(specmeshLagEntityCard);
    renderInTestApp(
      <EntityProvider entity={onboarding}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: specmeshTestApis({
          specmeshApi: fakeSpecmeshApi({
            getOwnedGroupsLag: jest.fn(async () => ({
              entityRef: 'api:default/onboarding',
              appId: 'acme.lifestyle.onboarding',
              collectedAt: '2026-11-24T08:00:00Z',
              groups: [],
            })),
          }),
        }),
      },
    );

    expect(
      await screen.findByText(/No consumer group of acme.lifestyle.onboarding/),
    ).toBeInTheDocument();
  });
});

describe('the new-system tabs', () => {
  it('render the Cost tab of the entity', async () => {
    const tester = createExtensionTester(specmeshCostEntityContent);

    renderInTestApp(
      <EntityProvider entity={onboarding}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: specmeshTestApis({
          specmeshApi: fakeSpecmeshApi({
            getEntityChargeback: jest.fn(async () => onboardingReport()),
          }),
        }),
      },
    );

    expect(await screen.findByText('$12.50')).toBeInTheDocument();
  });

  it('render the Provision tab of the entity', async () => {
    const tester = createExtensionTester(specmeshProvisionEntityContent);

    renderInTestApp(
      <EntityProvider entity={onboarding}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: specmeshTestApis({
          specmeshApi: fakeSpecmeshApi({
            plan: jest.fn(() => pending()),
            listApplies: jest.fn(() => pending()),
          }),
        }),
      },
    );

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});

describe('specmeshClientApi', () => {
  it('provides the SpecMesh client from discovery and fetch', () => {
    const factory = createExtensionTester(specmeshClientApi).get(
      ApiBlueprint.dataRefs.factory,
    );

    expect(factory.api).toBe(specmeshApiRef);
    expect(
      factory.factory({
        discoveryApi: { getBaseUrl: async () => '' },
        fetchApi: { fetch },
      }),
    ).toBeInstanceOf(SpecmeshClient);
  });
});

describe('specmesh frontend plugin', () => {
  it('uses the plugin id the backend shares', () => {
    expect(specmeshPlugin.pluginId).toBe('specmesh');
  });
});

describe('specmeshApiDocsModule', () => {
  it('replaces the API docs plugin’s config in an app', async () => {
    const { default: apiDocsPlugin } = await import(
      '@backstage/plugin-api-docs/alpha'
    );
    const entity = asyncApiEntity({
      definition: readVector('01-onboarding.asyncapi.yaml'),
    });
    const DefinitionTab = () => {
      const widget = useApi(apiDocsConfigRef).getApiDefinitionWidget(entity);
      return widget?.component(entity.spec.definition) ?? null;
    };

    renderInTestApp(<DefinitionTab />, {
      features: [apiDocsPlugin, specmeshApiDocsModule],
    });

    // The SpecMesh widget hands the viewer the spec without its file refs.
    const viewer = await screen.findByTestId('asyncapi-viewer');
    expect(viewer.textContent).not.toContain('"$ref"');
  });

  it('provides the API docs configuration ref', () => {
    const factory = createExtensionTester(specmeshApiDocsConfigApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(apiDocsConfigRef);
  });
});
