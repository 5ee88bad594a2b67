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
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { asyncApiEntity, readVector } from './__fixtures__/asyncApiEntity';
import specmeshPlugin, { specmeshTopicsEntityContent } from './alpha';

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
    );

    expect(
      await screen.findByText(
        'acme.lifestyle.onboarding._public.user_signed_up',
      ),
    ).toBeInTheDocument();
  });
});

describe('specmesh frontend plugin', () => {
  it('uses the plugin id the backend shares', () => {
    expect(specmeshPlugin.pluginId).toBe('specmesh');
  });
});
