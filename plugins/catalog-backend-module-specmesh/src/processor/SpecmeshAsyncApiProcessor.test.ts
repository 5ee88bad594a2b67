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
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorResult,
  processingResult,
} from '@backstage/plugin-catalog-node';
import * as common from '@meshport/plugin-specmesh-common';
import { topicEntityRef } from '../entities/topicEntity';
import { OwnershipRules } from '../ownership/OwnershipRules';
import { SpecJudge } from '@meshport/plugin-specmesh-node';
import { SpecmeshAsyncApiProcessor } from './SpecmeshAsyncApiProcessor';

// The judge's first AsyncAPI parse takes seconds on a busy machine.
jest.setTimeout(120_000);

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
  acme.finance.accounting._public.invoice_issued:
    subscribe:
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

// What marks an AsyncAPI API as a data product; the processor leaves others alone.
const DATA_PRODUCT = { 'meshport.dev/data-product': 'true' };

function apiEntity(spec: Record<string, unknown>, name = 'onboarding'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, annotations: DATA_PRODUCT },
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

function errorMessages(emitted: CatalogProcessorResult[]): string[] {
  return emitted.flatMap(r => (r.type === 'error' ? [r.error.message] : []));
}

async function runPost(
  processor: SpecmeshAsyncApiProcessor,
  entity: Entity,
): Promise<CatalogProcessorResult[]> {
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  expect(result).toBe(entity);
  return emitted;
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
      ...DATA_PRODUCT,
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
        annotations: { ...DATA_PRODUCT, 'backstage.io/techdocs-ref': 'dir:.' },
      },
    });

    expect(entity.spec?.owner).toBe('group:default/admins');
    expect(entity.metadata.annotations).toEqual({
      ...DATA_PRODUCT,
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

  it('judges each distinct spec once', async () => {
    const judge = new SpecJudge();
    const judged = jest.spyOn(judge, 'judge');
    const processor = new SpecmeshAsyncApiProcessor({ judge });
    const entity = apiEntity({ definition: onboardingSpec });

    const first = await run(processor, entity);
    const second = await run(processor, entity);
    expect(judged).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);

    await run(
      processor,
      apiEntity({ definition: `${onboardingSpec}\n# changed\n` }),
    );
    expect(judged).toHaveBeenCalledTimes(2);
  });

  it('forgets the least recently used spec beyond its cache size', async () => {
    const judge = new SpecJudge({ cacheSize: 0 });
    const judged = jest.spyOn(judge, 'judge');
    const processor = new SpecmeshAsyncApiProcessor({ cacheSize: 1, judge });
    const a = apiEntity({ definition: onboardingSpec });
    const b = apiEntity({ definition: `${onboardingSpec}# b\n` });

    await run(processor, a);
    await run(processor, b);
    await run(processor, a);
    expect(judged).toHaveBeenCalledTimes(3);
  });

  it('applies the ownership rules to what the entity leaves out', async () => {
    const processor = new SpecmeshAsyncApiProcessor({
      ownershipRules: new OwnershipRules([
        { appIdPrefix: 'acme.lifestyle', owner: 'lifestyle', system: 'life' },
      ]),
    });
    const ruled = await run(
      processor,
      apiEntity({ definition: onboardingSpec }),
    );
    expect(ruled.entity.spec).toEqual(
      expect.objectContaining({
        owner: 'group:default/lifestyle',
        system: 'system:default/life',
      }),
    );

    const declared = await run(
      processor,
      apiEntity({ definition: onboardingSpec, owner: 'me', system: 'mine' }),
    );
    expect(declared.entity.spec).toEqual(
      expect.objectContaining({ owner: 'me', system: 'mine' }),
    );
  });

  it('takes title and description from the spec’s info unless the entity has them', async () => {
    const processor = new SpecmeshAsyncApiProcessor();
    const spec = onboardingSpec.replace(
      "  version: '1.0.0'\n",
      "  version: '1.0.0'\n  description: Signs people up.\n",
    );
    const { entity } = await run(processor, apiEntity({ definition: spec }));
    expect(entity.metadata.title).toBe('ACME Lifestyle Onboarding');
    expect(entity.metadata.description).toBe('Signs people up.');

    const own = await run(processor, {
      ...apiEntity({ definition: spec }),
      metadata: {
        name: 'onboarding',
        title: 'Mine',
        description: 'Ours',
        annotations: DATA_PRODUCT,
      },
    });
    expect(own.entity.metadata.title).toBe('Mine');
    expect(own.entity.metadata.description).toBe('Ours');
  });

  it('emits a Resource per owned topic and the relations to owned and read topics', async () => {
    const processor = new SpecmeshAsyncApiProcessor();
    const { entity } = await run(processor, {
      ...apiEntity({
        definition: onboardingSpec,
        owner: 'team',
        system: 'lifestyle',
      }),
      metadata: {
        name: 'onboarding',
        namespace: 'acme',
        annotations: {
          ...DATA_PRODUCT,
          'backstage.io/source-location': 'url:https://git.example.com/x/',
        },
      },
    });
    const emitted = await runPost(processor, entity);

    const owned = topicEntityRef(
      'acme.lifestyle.onboarding._public.user_signed_up',
    );
    const read = topicEntityRef(
      'acme.finance.accounting._public.invoice_issued',
    );
    const api = { kind: 'API', namespace: 'acme', name: 'onboarding' };
    const entities = emitted.filter(r => r.type === 'entity');
    expect(entities).toEqual([
      processingResult.entity(
        location,
        expect.objectContaining({
          kind: 'Resource',
          metadata: expect.objectContaining({
            name: owned.name,
            namespace: 'default',
            title: 'acme.lifestyle.onboarding._public.user_signed_up',
            annotations: expect.objectContaining({
              'backstage.io/source-location': 'url:https://git.example.com/x/',
            }),
          }),
          // Full refs: the topic lives in another namespace than its API.
          spec: {
            type: 'kafka-topic',
            owner: 'group:acme/team',
            system: 'system:acme/lifestyle',
          },
        }),
      ),
    ]);
    expect(emitted.filter(r => r.type === 'relation')).toEqual([
      processingResult.relation({
        source: api,
        type: 'hasPart',
        target: owned,
      }),
      processingResult.relation({
        source: api,
        type: 'dependsOn',
        target: read,
      }),
      processingResult.relation({
        source: read,
        type: 'dependencyOf',
        target: api,
      }),
    ]);
  });

  it('has each emitted topic, processed in turn, emit its partOf relation to the API', async () => {
    const processor = new SpecmeshAsyncApiProcessor();
    const { entity } = await run(
      processor,
      apiEntity({ definition: onboardingSpec }),
    );
    const [topic] = (await runPost(processor, entity)).flatMap(r =>
      r.type === 'entity' ? [r.entity] : [],
    );
    expect(topic.metadata.annotations?.['meshport.dev/api']).toBe(
      'api:default/onboarding',
    );
    expect(await runPost(processor, topic)).toEqual([
      processingResult.relation({
        source: topicEntityRef(
          'acme.lifestyle.onboarding._public.user_signed_up',
        ),
        type: 'partOf',
        target: { kind: 'api', namespace: 'default', name: 'onboarding' },
      }),
    ]);
  });

  it('emits nothing after processing a spec with errors, or another entity', async () => {
    const processor = new SpecmeshAsyncApiProcessor();
    const broken = apiEntity(
      { definition: specWithoutId, owner: 'group:default/x' },
      'nameless',
    );
    expect(await runPost(processor, broken)).toEqual([]);
    expect(
      await runPost(processor, apiEntity({ type: 'openapi', definition: 'x' })),
    ).toEqual([]);
  });

  it('is configured by catalog.processors.specmesh, and names a bad rule by its key', async () => {
    const config = (ownership: JsonObject[]) =>
      new ConfigReader({
        catalog: { processors: { specmesh: { ownership } } },
      });

    const processor = SpecmeshAsyncApiProcessor.fromConfig(
      config([{ appIdPrefix: 'acme', owner: 'platform' }]),
    );
    const { entity } = await run(
      processor,
      apiEntity({ definition: onboardingSpec }),
    );
    expect(entity.spec?.owner).toBe('group:default/platform');

    expect(() =>
      SpecmeshAsyncApiProcessor.fromConfig(
        config([{ appIdPrefix: 'acme.', owner: 'platform' }]),
      ),
    ).toThrow(
      /^catalog\.processors\.specmesh\.ownership\[0\]\.appIdPrefix: 'acme\.' is not an app-id prefix/,
    );
  });

  describe('with the schema files of the spec', () => {
    const specWithFile = `asyncapi: '2.5.0'
id: 'urn:acme.shop'
info: { title: Shop, version: '1.0.0' }
channels:
  _public.order:
    bindings:
      kafka:
        schemaLookupStrategy: RecordNameStrategy
    publish:
      message:
        payload: { $ref: /schema/order.avsc }
`;
    const withSchemaFiles = (files: string | undefined): Entity => {
      const entity = apiEntity({ definition: specWithFile }, 'shop');
      return files === undefined
        ? entity
        : {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                ...DATA_PRODUCT,
                'meshport.dev/schema-files': files,
              },
            },
          };
    };
    const order = JSON.stringify({
      type: 'record',
      namespace: 'acme.shop',
      name: 'Order',
      fields: [],
    });

    it('names subjects after the records in the files', async () => {
      const processor = new SpecmeshAsyncApiProcessor();
      const entity = withSchemaFiles(
        JSON.stringify({ '/schema/order.avsc': order }),
      );
      const { entity: processed, emitted } = await run(processor, entity);
      expect(emitted).toEqual([]);
      const topics = (await runPost(processor, processed)).flatMap(r =>
        r.type === 'entity' ? [r.entity] : [],
      );
      expect(
        topics.map(
          t => t.metadata.annotations?.['meshport.dev/schema-subjects'],
        ),
      ).toEqual(['acme.shop.Order']);
    });

    it('reports what the rule engine finds in the files', async () => {
      const { emitted } = await run(
        new SpecmeshAsyncApiProcessor(),
        withSchemaFiles(
          JSON.stringify({
            '/schema/order.avsc': '{"title":"Order","type":"object"}',
          }),
        ),
      );
      expect(errorMessages(emitted)).toEqual([
        expect.stringContaining(
          'The schema file "/schema/order.avsc" has the extension of an Avro schema but contains a JSON Schema.',
        ),
      ]);
    });

    it('reports a file the spec writes with but the catalog could not read', async () => {
      const { emitted } = await run(
        new SpecmeshAsyncApiProcessor(),
        withSchemaFiles('{}'),
      );
      expect(errorMessages(emitted)).toEqual([
        expect.stringContaining(
          'The value schema file "/schema/order.avsc" cannot be read.',
        ),
      ]);
    });

    it('checks what it can without the files when the entity has no annotation', async () => {
      const { emitted } = await run(
        new SpecmeshAsyncApiProcessor(),
        withSchemaFiles(undefined),
      );
      // RecordNameStrategy needs the record name, which is in the file.
      expect(errorMessages(emitted)).toEqual([
        expect.stringContaining('The value schema has no record name'),
      ]);
    });

    it('judges the spec again when only the files change', async () => {
      const judge = new SpecJudge();
      const judged = jest.spyOn(judge, 'judge');
      const processor = new SpecmeshAsyncApiProcessor({ judge });
      const files = JSON.stringify({ '/schema/order.avsc': order });
      await run(processor, withSchemaFiles(files));
      await run(processor, withSchemaFiles(files));
      expect(judged).toHaveBeenCalledTimes(1);
      await run(
        processor,
        withSchemaFiles(JSON.stringify({ '/schema/order.avsc': '"string"' })),
      );
      expect(judged).toHaveBeenCalledTimes(2);
    });

    it('reports an annotation that is not a map of file texts', async () => {
      const { emitted } = await run(
        new SpecmeshAsyncApiProcessor(),
        withSchemaFiles('["/schema/order.avsc"]'),
      );
      expect(emitted).toContainEqual(
        processingResult.inputError(
          location,
          'api:default/shop: The annotation meshport.dev/schema-files cannot be read: it is not a JSON object. It must map each schema $ref of the spec to the file\'s text, as { "/schema/x.avsc": "…" }.',
        ),
      );
    });
  });
});
