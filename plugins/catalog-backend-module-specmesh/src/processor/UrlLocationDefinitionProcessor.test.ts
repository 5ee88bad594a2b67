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

import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { JsonValue } from '@backstage/types';
import { etagOf, fakeUrlReader, Served } from '../__testUtils__/fakeUrlReader';
import { SchemaFileReader } from '@meshport/plugin-specmesh-node';
import { UrlLocationDefinitionProcessor } from './UrlLocationDefinitionProcessor';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

const AVRO = '{"type":"record","name":"SignedUp","fields":[]}';
const CHECKOUT = 'title: Checkout\ntype: object\n';
const SPEC = "asyncapi: '2.5.0'\nid: 'urn:acme.x'\n";

const specWithRefs = (...refs: string[]) =>
  `asyncapi: '2.5.0'\nid: 'urn:acme.x'\nchannels:\n${refs
    .map(
      (ref, i) =>
        `  _public.t${i}:\n    publish:\n      message:\n        payload: { $ref: "${ref}" }\n`,
    )
    .join('')}`;

function apiEntity(definition: JsonValue, type = 'asyncapi'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    // A data product: these processors leave other AsyncAPI APIs alone.
    metadata: {
      name: 'x',
      annotations: { 'meshport.dev/data-product': 'true' },
    },
    spec: { type, lifecycle: 'production', definition },
  };
}

/** The catalog's per-entity processor cache, kept from run to run. */
function processorCache(): CatalogProcessorCache & {
  state: Record<string, JsonValue>;
} {
  const state: Record<string, JsonValue> = {};
  return {
    state,
    get: async <T extends JsonValue>(key: string) =>
      state[key] as T | undefined,
    set: async (key, value) => {
      state[key] = value;
    },
  };
}

const schemaFilesOf = (entity: Entity) =>
  entity.metadata.annotations?.['meshport.dev/schema-files'];

describe('UrlLocationDefinitionProcessor', () => {
  const base = 'https://git.example.com/acme/x/raw/main/product';
  const specs = `${base}/specs`;
  const catalogInfo: LocationSpec = {
    type: 'url',
    target: `${base}/catalog-info.yaml`,
  };
  const entity = apiEntity({ $text: './specs/asyncapi.yaml' });

  function setup(
    served: Record<string, Served>,
    schemaFiles = new SchemaFileReader(),
  ) {
    const reader = fakeUrlReader(served);
    const logger = mockServices.logger.mock();
    const processor = new UrlLocationDefinitionProcessor({
      reader,
      integrations,
      schemaFiles,
      logger,
    });
    const cache = processorCache();
    const preProcess = async (
      target: Entity = entity,
      location: LocationSpec = catalogInfo,
    ) => {
      const emitted: CatalogProcessorResult[] = [];
      const result = await processor.preProcessEntity(
        target,
        location,
        r => emitted.push(r),
        location,
        cache,
      );
      return { entity: result, emitted };
    };
    return { reader, logger, processor, cache, preProcess };
  }

  const requested = (reader: ReturnType<typeof fakeUrlReader>) =>
    reader.readUrl.mock.calls.map(([url]) => url);

  it('runs before the placeholder processor', () => {
    expect(setup({}).processor.getPriority()).toBeLessThan(20);
  });

  it('reads the spec against the location, and its schema files against the spec', async () => {
    const { preProcess } = setup({
      [`${specs}/asyncapi.yaml`]: specWithRefs(
        '/schema/signed_up.avsc',
        'checkout.yml',
      ),
      [`${specs}/schema/signed_up.avsc`]: AVRO,
      [`${specs}/checkout.yml`]: CHECKOUT,
    });
    const { entity: result, emitted } = await preProcess();
    expect(result.spec?.definition).toBe(
      specWithRefs('/schema/signed_up.avsc', 'checkout.yml'),
    );
    expect(schemaFilesOf(result)).toBe(
      JSON.stringify({
        '/schema/signed_up.avsc': AVRO,
        'checkout.yml': CHECKOUT,
      }),
    );
    // Refresh keys, as the placeholder processor emits for what it reads.
    expect(emitted).toEqual([
      processingResult.refresh(`url:${specs}/asyncapi.yaml`),
      processingResult.refresh(`url:${specs}/schema/signed_up.avsc`),
      processingResult.refresh(`url:${specs}/checkout.yml`),
    ]);
  });

  it('resolves as the host’s integration does: GitHub', async () => {
    const github = 'https://github.com/acme/specs';
    const { preProcess, reader } = setup({
      [`${github}/tree/main/onboarding/asyncapi.yaml`]: specWithRefs(
        '/schema/signed_up.avsc',
      ),
      [`${github}/tree/main/onboarding/schema/signed_up.avsc`]: AVRO,
    });
    const { entity: result } = await preProcess(
      apiEntity({ $text: './asyncapi.yaml' }),
      {
        type: 'url',
        target: `${github}/blob/main/onboarding/catalog-info.yaml`,
      },
    );
    expect(requested(reader)).toEqual([
      `${github}/tree/main/onboarding/asyncapi.yaml`,
      `${github}/tree/main/onboarding/schema/signed_up.avsc`,
    ]);
    expect(JSON.parse(schemaFilesOf(result)!)).toEqual({
      '/schema/signed_up.avsc': AVRO,
    });
  });

  it('leaves out a schema file the host does not have (404), for the rule engine to report', async () => {
    const { preProcess } = setup({
      [`${specs}/asyncapi.yaml`]: specWithRefs(
        '/schema/missing.avsc',
        './checkout.yml',
      ),
      [`${specs}/checkout.yml`]: CHECKOUT,
    });
    const { entity: result, emitted } = await preProcess();
    expect(JSON.parse(schemaFilesOf(result)!)).toEqual({
      './checkout.yml': CHECKOUT,
    });
    // Its URL stays a refresh key: adding the file refreshes the entity.
    expect(emitted).toContainEqual(
      processingResult.refresh(`url:${specs}/schema/missing.avsc`),
    );
    expect(emitted.filter(r => r.type === 'error')).toEqual([]);
  });

  it.each([
    ['../outside.avsc', 'a relative path'],
    ['/../../secret.avsc', 'a path from the schema root'],
    ['%2e%2e/outside.avsc', 'an encoded climb'],
    ['file:///etc/secret.avsc', 'another place'],
  ])(
    'reports a ref that leaves the spec’s folder (%s, %s), without reading it',
    async ref => {
      const { preProcess, reader } = setup({
        [`${specs}/asyncapi.yaml`]: specWithRefs(ref, './checkout.yml'),
        [`${specs}/checkout.yml`]: CHECKOUT,
        [`${base}/outside.avsc`]: AVRO,
      });
      const { entity: result, emitted } = await preProcess();
      expect(emitted.filter(r => r.type === 'error')).toEqual([
        processingResult.inputError(
          catalogInfo,
          `${specs}/asyncapi.yaml: error at /channels/_public.t0/publish/message/payload: The schema $ref "${ref}" leads outside the spec's folder ${specs}/, so it was not read.\n    fix: Keep schema files in ${specs}/ or below it; a leading "/" means that folder ("/schema/x.avsc" is ${specs}/schema/x.avsc).`,
        ),
      ]);
      expect(requested(reader)).toEqual([
        `${specs}/asyncapi.yaml`,
        `${specs}/checkout.yml`,
      ]);
      expect(JSON.parse(schemaFilesOf(result)!)).toEqual({
        './checkout.yml': CHECKOUT,
      });
    },
  );

  it('fails the entity when a schema file cannot be read for another reason, so it keeps its last good state', async () => {
    const { preProcess, cache } = setup({
      [`${specs}/asyncapi.yaml`]: specWithRefs('/schema/signed_up.avsc'),
      [`${specs}/schema/signed_up.avsc`]: new ServiceUnavailableError(
        `could not read ${specs}/schema/signed_up.avsc, 503 Service Unavailable`,
      ),
    });
    await expect(preProcess()).rejects.toThrow(
      `${specs}/asyncapi.yaml: the schema files of api:default/x could not be read (ServiceUnavailableError: could not read ${specs}/schema/signed_up.avsc, 503 Service Unavailable); the catalog keeps the entity as it was last processed and tries again at its next refresh`,
    );
    expect(cache.state).toEqual({});
  });

  it('names the location, the entity, the path and the fix for a spec that is not there', async () => {
    const { preProcess } = setup({});
    await expect(preProcess()).rejects.toThrow(
      `${catalogInfo.target}: spec.definition of api:default/x reads './specs/asyncapi.yaml', which is not at ${specs}/asyncapi.yaml (NotFoundError: could not read ${specs}/asyncapi.yaml, 404 Not Found); fix the path, relative to the catalog-info file`,
    );
  });

  it('fails the entity when its spec cannot be read for another reason', async () => {
    const { preProcess } = setup({
      [`${specs}/asyncapi.yaml`]: new ServiceUnavailableError('rate limited'),
    });
    await expect(preProcess()).rejects.toThrow(
      `${catalogInfo.target}: spec.definition of api:default/x reads './specs/asyncapi.yaml', which could not be read at ${specs}/asyncapi.yaml (ServiceUnavailableError: rate limited); the catalog keeps the entity as it was last processed and tries again at its next refresh`,
    );
  });

  it('warns and leaves files too large for the entity off it', async () => {
    const { preProcess, logger } = setup(
      {
        [`${specs}/asyncapi.yaml`]: specWithRefs('/schema/signed_up.avsc'),
        [`${specs}/schema/signed_up.avsc`]: AVRO,
      },
      new SchemaFileReader({ annotationMaxBytes: 64 }),
    );
    const { entity: result } = await preProcess();
    expect(schemaFilesOf(result)).toBeUndefined();
    const bytes = JSON.stringify({ '/schema/signed_up.avsc': AVRO }).length;
    expect(logger.warn).toHaveBeenCalledWith(
      `${specs}/asyncapi.yaml: the schema files take ${bytes} bytes, more than the 64 bytes an entity may carry; they are left off the meshport.dev/schema-files annotation, so the portal shows placeholders for them and the catalog does not check them. Raise catalog.processors.specmesh.schemaFilesMaxBytes to carry them.`,
    );
  });

  it('adds no annotation to a spec without schema files, and drops a declared one', async () => {
    const { preProcess } = setup({ [`${specs}/asyncapi.yaml`]: SPEC });
    const declared: Entity = {
      ...entity,
      metadata: {
        name: 'x',
        annotations: {
          'meshport.dev/data-product': 'true',
          'meshport.dev/schema-files': '{"stale":"x"}',
        },
      },
    };
    const { entity: result } = await preProcess(declared);
    expect(result.spec?.definition).toBe(SPEC);
    expect(result.metadata.annotations).toEqual({
      'meshport.dev/data-product': 'true',
    });
  });

  it('revalidates what it read with the ETags of the previous run', async () => {
    const served: Record<string, Served> = {
      [`${specs}/asyncapi.yaml`]: specWithRefs('/schema/signed_up.avsc'),
      [`${specs}/schema/signed_up.avsc`]: AVRO,
    };
    const { preProcess, reader, cache } = setup(served);
    const first = await preProcess();
    expect(cache.state.readings).toEqual({
      [`${specs}/asyncapi.yaml`]: {
        etag: etagOf(specWithRefs('/schema/signed_up.avsc')),
        text: specWithRefs('/schema/signed_up.avsc'),
      },
      [`${specs}/schema/signed_up.avsc`]: { etag: etagOf(AVRO), text: AVRO },
    });

    reader.readUrl.mockClear();
    const unchanged = await preProcess();
    expect(unchanged.entity).toEqual(first.entity);
    expect(reader.readUrl.mock.calls).toEqual([
      [
        `${specs}/asyncapi.yaml`,
        { etag: etagOf(specWithRefs('/schema/signed_up.avsc')) },
      ],
      [`${specs}/schema/signed_up.avsc`, { etag: etagOf(AVRO) }],
    ]);
    for (const { value } of reader.readUrl.mock.results) {
      await expect(value).rejects.toMatchObject({ name: 'NotModifiedError' });
    }

    served[`${specs}/schema/signed_up.avsc`] = '"string"';
    const changed = await preProcess();
    expect(JSON.parse(schemaFilesOf(changed.entity)!)).toEqual({
      '/schema/signed_up.avsc': '"string"',
    });
  });

  it('leaves a $text outside the catalog-info folder to the placeholder processor, and says so once', async () => {
    const { preProcess, reader, logger } = setup({});
    for (const placeholder of [
      '../asyncapi.yaml',
      'https://git.example.com/acme/y/raw/main/asyncapi.yaml',
    ]) {
      const outside = apiEntity({ $text: placeholder });
      expect((await preProcess(outside)).entity).toBe(outside);
      expect((await preProcess(outside)).entity).toBe(outside);
    }
    expect(reader.readUrl).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledTimes(2);
    expect(logger.info).toHaveBeenCalledWith(
      `${catalogInfo.target}: spec.definition of api:default/x reads '../asyncapi.yaml', outside the catalog-info file's folder; the catalog reads the spec, but not its schema files, so the portal shows placeholders for them and the catalog does not check them. Keep the AsyncAPI file beside catalog-info.yaml or below it to carry them.`,
    );
  });

  it('leaves file locations, inline definitions and other APIs to others', async () => {
    const { preProcess, reader } = setup({});
    const fileLocation = { type: 'file', target: '/x/catalog-info.yaml' };
    const cases: Array<[Entity, LocationSpec]> = [
      [entity, fileLocation],
      [apiEntity({ $text: './asyncapi.yaml' }, 'openapi'), catalogInfo],
      [apiEntity({ $yaml: './asyncapi.yaml' }), catalogInfo],
      [apiEntity(SPEC), catalogInfo],
    ];
    for (const [target, location] of cases) {
      expect((await preProcess(target, location)).entity).toBe(target);
    }
    expect(reader.readUrl).not.toHaveBeenCalled();
  });
});
