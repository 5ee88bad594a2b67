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

import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { ordinaryAsyncApis } from '../__testUtils__/ordinaryAsyncApis';
import { FileLocationDefinitionProcessor } from './FileLocationDefinitionProcessor';
import { SpecmeshAsyncApiProcessor } from './SpecmeshAsyncApiProcessor';
import { UrlLocationDefinitionProcessor } from './UrlLocationDefinitionProcessor';

// Which AsyncAPI APIs the processors take is the rule of isDataProductEntity
// (tested in common); this is what they do with the others: nothing.

const urlLocation: LocationSpec = {
  type: 'url',
  target: 'https://git.example.com/acme/events/blob/main/catalog-info.yaml',
};

const ordinary = ordinaryAsyncApis();
const ordinaryNames = Object.keys(ordinary);

/** A spec SpecMesh would accept, in an entity that does not say it is a data product. */
const specmeshShaped: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders' },
  spec: {
    type: 'asyncapi',
    lifecycle: 'production',
    owner: 'shop',
    definition: `asyncapi: '2.6.0'
id: 'urn:acme.shop.orders'
info: { title: Orders, version: '1.0.0' }
channels:
  _public.placed:
    publish:
      message:
        payload: { type: string }
`,
  },
};

async function preAndPost(
  processor: CatalogProcessor,
  entity: Entity,
  location: LocationSpec = urlLocation,
) {
  const emitted: CatalogProcessorResult[] = [];
  const emit = (r: CatalogProcessorResult) => emitted.push(r);
  const cache: CatalogProcessorCache = {
    get: async () => undefined,
    set: async () => {},
  };
  const pre = await processor.preProcessEntity!(
    entity,
    location,
    emit,
    location,
    cache,
  );
  const post = processor.postProcessEntity
    ? await processor.postProcessEntity(pre, location, emit, cache)
    : pre;
  return { pre, post, emitted };
}

describe('the processors pass AsyncAPI APIs that are not data products through', () => {
  it('has the three ordinary AsyncAPI APIs of examples/ordinary-asyncapi', () => {
    expect(ordinaryNames).toEqual([
      'streetlights-mqtt',
      'streetlights-kafka',
      'user-signups',
    ]);
  });

  it.each([...ordinaryNames, 'a SpecMesh-shaped spec without the annotation'])(
    'SpecmeshAsyncApiProcessor: %s, the same entity, nothing emitted',
    async name => {
      const entity = ordinary[name] ?? specmeshShaped;
      const before = structuredClone(entity);
      const { pre, post, emitted } = await preAndPost(
        new SpecmeshAsyncApiProcessor(),
        entity,
      );
      expect(pre).toBe(entity);
      expect(post).toBe(entity);
      expect(entity).toEqual(before);
      expect(emitted).toEqual([]);
    },
  );

  it('SpecmeshAsyncApiProcessor.fromConfig: annotated unless the config says all', async () => {
    const processor = SpecmeshAsyncApiProcessor.fromConfig(
      new ConfigReader({}),
    );
    const entity = ordinary['streetlights-mqtt'];
    expect((await preAndPost(processor, entity)).emitted).toEqual([]);
  });

  it('FileLocationDefinitionProcessor leaves their $text to the catalog, reading nothing', async () => {
    const dir = createMockDirectory({
      content: {
        'catalog-info.yaml': '',
        // Would be a processing error for a data product: the ref leaves the folder.
        'asyncapi.yaml':
          "asyncapi: '2.6.0'\nchannels:\n  a:\n    publish:\n      message:\n        payload: { $ref: '../outside.avsc' }\n",
      },
    });
    const entity: Entity = {
      ...ordinary['streetlights-kafka'],
      spec: {
        ...ordinary['streetlights-kafka'].spec,
        definition: { $text: './asyncapi.yaml' },
      },
    };
    const before = structuredClone(entity);
    const { pre, emitted } = await preAndPost(
      new FileLocationDefinitionProcessor(),
      entity,
      { type: 'file', target: dir.resolve('catalog-info.yaml') },
    );
    expect(pre).toBe(entity);
    expect(entity).toEqual(before);
    expect(emitted).toEqual([]);
  });

  it('UrlLocationDefinitionProcessor leaves their $text to the catalog, reading nothing', async () => {
    const reader = {
      readUrl: jest.fn(),
      readTree: jest.fn(),
      search: jest.fn(),
    };
    const entity: Entity = {
      ...ordinary['user-signups'],
      spec: {
        ...ordinary['user-signups'].spec,
        definition: { $text: './asyncapi.yaml' },
      },
    };
    const before = structuredClone(entity);
    const { pre, emitted } = await preAndPost(
      new UrlLocationDefinitionProcessor({
        reader,
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      }),
      entity,
    );
    expect(pre).toBe(entity);
    expect(entity).toEqual(before);
    expect(emitted).toEqual([]);
    expect(reader.readUrl).not.toHaveBeenCalled();
  });
});

describe('with dataProducts: all, every AsyncAPI API is a data product', () => {
  const all = () =>
    SpecmeshAsyncApiProcessor.fromConfig(
      new ConfigReader({
        catalog: { processors: { specmesh: { dataProducts: 'all' } } },
      }),
    );

  it.each([
    ['streetlights-mqtt', /channel|topic/i],
    ['streetlights-kafka', /has no "id"/],
  ])('judges %s as a spec and reports its errors', async (name, expected) => {
    const { emitted } = await preAndPost(all(), ordinary[name]);
    const errors = emitted.flatMap(r =>
      r.type === 'error' ? [r.error.message] : [],
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(expected);
  });

  it('marks a good spec as a data product, for the entity tabs to find', async () => {
    const { pre, emitted } = await preAndPost(all(), specmeshShaped);
    expect(pre.metadata.annotations).toEqual({
      'meshport.dev/data-product': 'true',
      'meshport.dev/app-id': 'acme.shop.orders',
    });
    expect(emitted.some(r => r.type === 'entity')).toBe(true);
  });
});
