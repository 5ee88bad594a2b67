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
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorResult,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { JsonValue } from '@backstage/types';
import { symlinkSync } from 'node:fs';
import { SchemaFileReader } from '@meshport/plugin-specmesh-node';
import { FileLocationDefinitionProcessor } from './FileLocationDefinitionProcessor';

const SPEC = "asyncapi: '2.5.0'\nid: 'urn:acme.x'\n";

const ignoreEmitted = () => {};

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

describe('FileLocationDefinitionProcessor', () => {
  const dir = createMockDirectory({
    content: {
      'product/catalog-info.yaml': '',
      'product/asyncapi.yaml': SPEC,
      'product/specs/v2.yaml': 'v2',
      'secret.txt': 'secret',
    },
  });
  const processor = new FileLocationDefinitionProcessor();
  const fileLocation = {
    type: 'file',
    target: dir.resolve('product/catalog-info.yaml'),
  };

  it('runs before the placeholder processor', () => {
    expect(processor.getPriority()).toBeLessThan(20);
  });

  it('reads a relative $text beside the catalog-info file', async () => {
    const result = await processor.preProcessEntity(
      apiEntity({ $text: './asyncapi.yaml' }),
      fileLocation,
      ignoreEmitted,
    );
    expect(result.spec?.definition).toBe(SPEC);
  });

  it('reads a relative $text below the catalog-info file', async () => {
    const result = await processor.preProcessEntity(
      apiEntity({ $text: 'specs/v2.yaml' }),
      fileLocation,
      ignoreEmitted,
    );
    expect(result.spec?.definition).toBe('v2');
  });

  it('refuses a path outside the catalog-info folder', async () => {
    await expect(
      processor.preProcessEntity(
        apiEntity({ $text: '../secret.txt' }),
        fileLocation,
        ignoreEmitted,
      ),
    ).rejects.toThrow(
      `${
        fileLocation.target
      }: spec.definition of api:default/x reads '../secret.txt', outside the folder ${dir.resolve(
        'product',
      )}; keep the AsyncAPI file beside catalog-info.yaml or below it`,
    );
  });

  it('names the entity, the path and the fix for a missing file', async () => {
    await expect(
      processor.preProcessEntity(
        apiEntity({ $text: './missing.yaml' }),
        fileLocation,
        ignoreEmitted,
      ),
    ).rejects.toThrow(
      /spec\.definition of api:default\/x reads '\.\/missing\.yaml', which could not be read .*ENOENT.*; fix the path, relative to the catalog-info file$/,
    );
  });

  it('leaves URL locations, absolute URLs and other APIs to the catalog', async () => {
    const urlLocation = {
      type: 'url',
      target: 'https://git.example.com/acme/x/catalog-info.yaml',
    };
    const cases: Array<[Entity, typeof fileLocation]> = [
      [apiEntity({ $text: './asyncapi.yaml' }), urlLocation],
      [apiEntity({ $text: 'https://example.com/asyncapi.yaml' }), fileLocation],
      [apiEntity({ $text: './asyncapi.yaml' }, 'openapi'), fileLocation],
      [apiEntity({ $yaml: './asyncapi.yaml' }), fileLocation],
      [apiEntity(SPEC), fileLocation],
    ];
    for (const [entity, location] of cases) {
      expect(
        await processor.preProcessEntity(entity, location, ignoreEmitted),
      ).toBe(entity);
    }
  });

  describe('schema files', () => {
    const AVRO = '{"type":"record","name":"SignedUp","fields":[]}';
    const CHECKOUT = 'title: Checkout\ntype: object\n';
    const specWithRefs = (...refs: string[]) =>
      `asyncapi: '2.5.0'\nid: 'urn:acme.x'\nchannels:\n${refs
        .map(
          (ref, i) =>
            `  _public.t${i}:\n    publish:\n      message:\n        payload: { $ref: "${ref}" }\n`,
        )
        .join('')}`;
    const schemaDir = createMockDirectory();
    const catalogInfo: LocationSpec = {
      type: 'file',
      target: schemaDir.resolve('product/catalog-info.yaml'),
    };

    beforeEach(() => {
      schemaDir.setContent({
        'product/catalog-info.yaml': '',
        'product/specs/schema/signed_up.avsc': AVRO,
        'product/specs/checkout.yml': CHECKOUT,
        'product/outside.avsc': AVRO,
        'secret.avsc': 'secret',
      });
    });

    async function preProcess(
      spec: string,
      entity: Entity = apiEntity({ $text: 'specs/asyncapi.yaml' }),
      target = new FileLocationDefinitionProcessor(),
    ) {
      schemaDir.addContent({ 'product/specs/asyncapi.yaml': spec });
      const emitted: CatalogProcessorResult[] = [];
      const result = await target.preProcessEntity(entity, catalogInfo, r =>
        emitted.push(r),
      );
      return { entity: result, emitted };
    }

    const schemaFilesOf = (entity: Entity) =>
      entity.metadata.annotations?.['meshport.dev/schema-files'];

    it('annotates the texts of the files the spec refers to, from its own folder', async () => {
      const { entity, emitted } = await preProcess(
        specWithRefs('/schema/signed_up.avsc', './checkout.yml'),
      );
      expect(emitted).toEqual([]);
      expect(schemaFilesOf(entity)).toBe(
        JSON.stringify({
          '/schema/signed_up.avsc': AVRO,
          './checkout.yml': CHECKOUT,
        }),
      );
    });

    it('leaves out files that do not exist, for the rule engine to report', async () => {
      const { entity, emitted } = await preProcess(
        specWithRefs('/schema/missing.avsc', './checkout.yml'),
      );
      expect(emitted).toEqual([]);
      expect(JSON.parse(schemaFilesOf(entity)!)).toEqual({
        './checkout.yml': CHECKOUT,
      });
    });

    it('adds no annotation to a spec without schema files, and drops a declared one', async () => {
      const declared: Entity = {
        ...apiEntity({ $text: 'specs/asyncapi.yaml' }),
        metadata: {
          name: 'x',
          annotations: {
            'meshport.dev/data-product': 'true',
            'meshport.dev/schema-files': '{"stale":"x"}',
          },
        },
      };
      const { entity } = await preProcess(SPEC, declared);
      expect(entity.metadata.annotations).toEqual({
        'meshport.dev/data-product': 'true',
      });
    });

    it.each([
      ['../outside.avsc', 'a relative path'],
      ['/../../secret.avsc', 'a path from the schema root'],
    ])(
      'reports a ref that leaves the spec’s folder (%s, %s), without reading it',
      async ref => {
        const { entity, emitted } = await preProcess(
          specWithRefs(ref, './checkout.yml'),
        );
        const folder = schemaDir.resolve('product/specs');
        expect(emitted).toEqual([
          processingResult.inputError(
            catalogInfo,
            `${folder}/asyncapi.yaml: error at /channels/_public.t0/publish/message/payload: The schema $ref "${ref}" leads outside the spec's folder ${folder}, so it was not read.\n    fix: Keep schema files in ${folder} or below it; a leading "/" means that folder ("/schema/x.avsc" is ${folder}/schema/x.avsc).`,
          ),
        ]);
        expect(JSON.parse(schemaFilesOf(entity)!)).toEqual({
          './checkout.yml': CHECKOUT,
        });
      },
    );

    it('does not follow a symbolic link out of the spec’s folder', async () => {
      symlinkSync(
        schemaDir.resolve('secret.avsc'),
        schemaDir.resolve('product/specs/schema/link.avsc'),
      );
      const { entity, emitted } = await preProcess(
        specWithRefs('/schema/link.avsc'),
      );
      expect(emitted).toEqual([
        expect.objectContaining({
          type: 'error',
          error: expect.objectContaining({
            message: expect.stringContaining(
              'The schema $ref "/schema/link.avsc" leads outside the spec\'s folder',
            ),
          }),
        }),
      ]);
      expect(schemaFilesOf(entity)).toBe('{}');
    });

    it('warns and leaves files too large for the entity off it', async () => {
      const logger = mockServices.logger.mock();
      const limited = new FileLocationDefinitionProcessor({
        schemaFiles: new SchemaFileReader({ annotationMaxBytes: 64 }),
        logger,
      });
      const { entity, emitted } = await preProcess(
        specWithRefs('/schema/signed_up.avsc', './checkout.yml'),
        undefined,
        limited,
      );
      expect(emitted).toEqual([]);
      expect(schemaFilesOf(entity)).toBeUndefined();
      const bytes = JSON.stringify({
        '/schema/signed_up.avsc': AVRO,
        './checkout.yml': CHECKOUT,
      }).length;
      expect(logger.warn).toHaveBeenCalledWith(
        `${schemaDir.resolve(
          'product/specs/asyncapi.yaml',
        )}: the schema files take ${bytes} bytes, more than the 64 bytes an entity may carry; they are left off the meshport.dev/schema-files annotation, so the portal shows placeholders for them and the catalog does not check them. Raise catalog.processors.specmesh.schemaFilesMaxBytes to carry them.`,
      );
    });
  });
});
