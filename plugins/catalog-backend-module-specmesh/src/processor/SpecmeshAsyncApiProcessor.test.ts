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
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorResult,
  processingResult,
} from '@backstage/plugin-catalog-node';
import * as common from '@meshport/plugin-specmesh-common';
import { SpecmeshAsyncApiProcessor } from './SpecmeshAsyncApiProcessor';

jest.mock('@meshport/plugin-specmesh-common', () => {
  const actual = jest.requireActual('@meshport/plugin-specmesh-common');
  return { ...actual, parseSpecText: jest.fn(actual.parseSpecText) };
});

const location: LocationSpec = {
  type: 'url',
  target: 'https://git.example.com/acme/onboarding/catalog-info.yaml',
};

const onboardingSpec = `asyncapi: '2.5.0'
id: 'urn:acme.lifestyle.onboarding'
info:
  title: ACME Lifestyle Onboarding
  version: '1.0.0'
channels:
  _public.user_signed_up:
    publish:
      message:
        payload:
          type: string
`;

// No id: the spec names no app-id, which the rule book treats as an error.
const specWithoutId = `asyncapi: '2.5.0'
info:
  title: Nameless
  version: '1.0.0'
channels:
  _public.thing:
    publish:
      message:
        payload:
          type: string
`;

function apiEntity(spec: Record<string, unknown>, name = 'onboarding'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name },
    spec: { type: 'asyncapi', lifecycle: 'production', ...spec },
  };
}

async function run(
  processor: SpecmeshAsyncApiProcessor,
  entity: Entity,
): Promise<{ entity: Entity; emitted: CatalogProcessorResult[] }> {
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.preProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  return { entity: result, emitted };
}

describe('SpecmeshAsyncApiProcessor', () => {
  beforeEach(() => jest.mocked(common.parseSpecText).mockClear());

  it('annotates the entity with its app-id and owns it by the app-id group', async () => {
    const { entity, emitted } = await run(
      new SpecmeshAsyncApiProcessor(),
      apiEntity({ definition: onboardingSpec }),
    );

    expect(emitted).toEqual([]);
    expect(entity.metadata.annotations).toEqual({
      'meshport.dev/app-id': 'acme.lifestyle.onboarding',
    });
    expect(entity.spec?.owner).toBe('group:default/acme.lifestyle.onboarding');
  });

  it('keeps an explicit owner and the other annotations', async () => {
    const { entity } = await run(new SpecmeshAsyncApiProcessor(), {
      ...apiEntity({
        definition: onboardingSpec,
        owner: 'group:default/admins',
      }),
      metadata: {
        name: 'onboarding',
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      },
    });

    expect(entity.spec?.owner).toBe('group:default/admins');
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/techdocs-ref': 'dir:.',
      'meshport.dev/app-id': 'acme.lifestyle.onboarding',
    });
  });

  it('leaves other APIs and other kinds untouched', async () => {
    const processor = new SpecmeshAsyncApiProcessor();
    const openapi = apiEntity({
      type: 'openapi',
      definition: 'openapi: 3.0.0',
    });
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { type: 'asyncapi' },
    };

    expect((await run(processor, openapi)).entity).toBe(openapi);
    expect((await run(processor, component)).entity).toBe(component);
    expect(common.parseSpecText).not.toHaveBeenCalled();
  });

  it('leaves an unresolved definition placeholder to the placeholder processor', async () => {
    const entity = apiEntity({ definition: { $text: './asyncapi.yaml' } });
    const result = await run(new SpecmeshAsyncApiProcessor(), entity);
    expect(result.entity).toBe(entity);
    expect(result.emitted).toEqual([]);
  });

  it("reports each of the rule engine's errors as an input error, with its exact message", async () => {
    const parsed = common.parseSpecText(specWithoutId, 'api:default/nameless');
    const computed = common.computeDesiredState(parsed.document, {
      file: 'api:default/nameless',
    });
    const expectedMessages = [...parsed.problems, ...computed.problems]
      .filter(p => p.severity === 'error')
      .map(common.formatProblem);
    expect(expectedMessages.length).toBeGreaterThan(0);

    const { emitted, entity } = await run(
      new SpecmeshAsyncApiProcessor(),
      apiEntity(
        { definition: specWithoutId, owner: 'group:default/x' },
        'nameless',
      ),
    );

    expect(emitted).toEqual(
      expectedMessages.map(m => processingResult.inputError(location, m)),
    );
    expect(
      entity.metadata.annotations?.['meshport.dev/app-id'],
    ).toBeUndefined();
  });

  it('reports a spec that is not YAML', async () => {
    const { emitted } = await run(
      new SpecmeshAsyncApiProcessor(),
      apiEntity({ definition: "asyncapi: '2.5.0'\nchannels: [\n" }),
    );
    expect(emitted.length).toBeGreaterThan(0);
    for (const result of emitted) {
      expect(result).toEqual(
        expect.objectContaining({ type: 'error', location }),
      );
    }
  });

  it('runs the rule engine once per distinct spec', async () => {
    const processor = new SpecmeshAsyncApiProcessor();
    const entity = apiEntity({ definition: onboardingSpec });

    const first = await run(processor, entity);
    const second = await run(processor, entity);
    expect(common.parseSpecText).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);

    await run(
      processor,
      apiEntity({ definition: `${onboardingSpec}\n# changed\n` }),
    );
    expect(common.parseSpecText).toHaveBeenCalledTimes(2);
  });

  it('forgets the least recently used spec beyond its cache size', async () => {
    const processor = new SpecmeshAsyncApiProcessor({ cacheSize: 1 });
    const a = apiEntity({ definition: onboardingSpec });
    const b = apiEntity({ definition: `${onboardingSpec}# b\n` });

    await run(processor, a);
    await run(processor, b);
    await run(processor, a);
    expect(common.parseSpecText).toHaveBeenCalledTimes(3);
  });

  it('costs well under a millisecond for an unchanged spec', async () => {
    const processor = new SpecmeshAsyncApiProcessor();
    const entity = apiEntity({ definition: onboardingSpec });
    await run(processor, entity);

    const rounds = 500;
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) {
      await processor.preProcessEntity(entity, location, () => {});
    }
    const perRoundMs = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
    expect(perRoundMs).toBeLessThan(1);
  });
});
