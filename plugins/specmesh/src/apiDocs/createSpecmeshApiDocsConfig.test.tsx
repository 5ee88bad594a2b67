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
import { ApiEntity } from '@backstage/catalog-model';
import { ApiDefinitionWidget } from '@backstage/plugin-api-docs';
import { render, screen } from '@testing-library/react';
import {
  asyncApiEntity,
  readVector,
  readVectorSchemaFiles,
} from '../__fixtures__/asyncApiEntity';
import { createSpecmeshApiDocsConfig } from './createSpecmeshApiDocsConfig';

// Stands in for the viewer: what it is given is what the test reads.
jest.mock('@backstage/plugin-api-docs', () => ({
  ...jest.requireActual('@backstage/plugin-api-docs'),
  AsyncApiDefinitionWidget: ({ definition }: { definition: string }) => (
    <pre data-testid="asyncapi-viewer">{definition}</pre>
  ),
}));

const SIGNED_UP_REF = '/schema/simple.schema_demo._public.user_signed_up.avsc';
const CHECKOUT_REF = '/schema/simple.schema_demo._public.user_checkout.yml';

const onboardingDefinition = readVector('01-onboarding.asyncapi.yaml');
const onboarding = asyncApiEntity({
  appId: 'acme.lifestyle.onboarding',
  definition: onboardingDefinition,
  schemaFiles: readVectorSchemaFiles(SIGNED_UP_REF, CHECKOUT_REF),
});

/** What the viewer receives when the Definition tab renders an entity. */
async function viewerInput(
  entity: ApiEntity,
  config = createSpecmeshApiDocsConfig(),
) {
  const widget = config.getApiDefinitionWidget(entity)!;
  render(widget.component(entity.spec.definition));
  // The bundling code loads with the tab.
  return (await screen.findByTestId('asyncapi-viewer')).textContent!;
}

describe('createSpecmeshApiDocsConfig', () => {
  it('gives the viewer the spec with its schema files inlined, no file refs left', async () => {
    const input = await viewerInput(onboarding);

    expect(input).not.toContain(SIGNED_UP_REF);
    expect(input).not.toContain(CHECKOUT_REF);
    const bundled = JSON.parse(input);
    const signedUp = bundled.channels['_public.user_signed_up'].publish.message;
    expect(signedUp.schemaFormat).toBe(
      'application/vnd.apache.avro;version=1.9.0',
    );
    expect(
      signedUp.payload.fields.map((f: { name: string }) => f.name),
    ).toEqual(['fullName', 'email', 'age']);
    expect(
      bundled.channels['_private.user_checkout'].publish.message.payload.title,
    ).toBe('UserCheckout');
  });

  it('keeps the AsyncAPI widget’s title and raw language', () => {
    const widget =
      createSpecmeshApiDocsConfig().getApiDefinitionWidget(onboarding);
    expect(widget).toEqual(
      expect.objectContaining({
        type: 'asyncapi',
        title: 'AsyncAPI',
        rawLanguage: 'yaml',
      }),
    );
  });

  it('passes a spec without schema files on as written', async () => {
    const definition = readVector('02-accounting.asyncapi.yaml');
    expect(await viewerInput(asyncApiEntity({ definition }))).toBe(definition);
  });

  it('shows placeholders for files the entity does not carry, rather than failing', async () => {
    const input = await viewerInput(
      asyncApiEntity({ definition: onboardingDefinition }),
    );
    const payload =
      JSON.parse(input).channels['_public.user_signed_up'].publish.message
        .payload;
    expect(payload).toEqual({
      type: 'string',
      description: expect.stringContaining(
        `The schema file \`${SIGNED_UP_REF}\` is not available to the portal`,
      ),
    });
  });

  it('leaves every other API type to the API docs’ widgets', () => {
    const openapi: ApiEntity = {
      ...onboarding,
      spec: {
        ...onboarding.spec,
        type: 'openapi',
        definition: 'openapi: 3.0.0',
      },
    };
    expect(
      createSpecmeshApiDocsConfig().getApiDefinitionWidget(openapi)?.title,
    ).toBe('OpenAPI');
    expect(
      createSpecmeshApiDocsConfig().getApiDefinitionWidget({
        ...openapi,
        spec: { ...openapi.spec, type: 'soap' },
      }),
    ).toBeUndefined();
  });

  it('leaves an AsyncAPI API that is not a data product to the API docs’ own widget', () => {
    const ordinary = asyncApiEntity({
      definition: onboardingDefinition,
      dataProduct: false,
    });
    // The widget it is given for AsyncAPI, as it is: no SpecMesh rendering.
    const custom: ApiDefinitionWidget[] = [
      { type: 'asyncapi', title: 'Events', component: () => <span /> },
    ];
    expect(
      createSpecmeshApiDocsConfig({
        definitionWidgets: custom,
      }).getApiDefinitionWidget(ordinary),
    ).toBe(custom[0]);
  });

  it('uses the widgets it is given', async () => {
    const custom: ApiDefinitionWidget[] = [
      {
        type: 'asyncapi',
        title: 'Events',
        component: () => <span>custom</span>,
      },
      { type: 'soap', title: 'SOAP', component: () => <span>soap</span> },
    ];
    const config = createSpecmeshApiDocsConfig({ definitionWidgets: custom });
    expect(config.getApiDefinitionWidget(onboarding)?.title).toBe('Events');
    expect(
      config.getApiDefinitionWidget({
        ...onboarding,
        spec: { ...onboarding.spec, type: 'soap' },
      }),
    ).toBe(custom[1]);
    expect(JSON.parse(await viewerInput(onboarding, config))).toHaveProperty(
      'channels',
    );
  });
});
