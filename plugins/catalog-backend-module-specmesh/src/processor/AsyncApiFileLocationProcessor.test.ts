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
import {
  CatalogProcessorResult,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { AsyncApiFileLocationProcessor } from './AsyncApiFileLocationProcessor';

const SPEC = `asyncapi: '2.5.0'
id: 'urn:acme:lifestyle:onboarding'
info: { title: Onboarding, version: '1' }
channels: {}
`;

// The judge's first AsyncAPI parse takes seconds on a busy machine.
jest.setTimeout(120_000);

describe('AsyncApiFileLocationProcessor', () => {
  const dir = createMockDirectory({
    content: {
      'asyncapi.yaml': SPEC,
      'asyncapi.json': JSON.stringify({
        asyncapi: '3.0.0',
        id: 'urn:acme.json',
        info: { title: 'x', version: '1' },
      }),
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Location\nspec: { targets: [] }\n',
      'mentions.yaml': 'kind: Component\nnotes: |\n  asyncapi: 2.0.0\n',
      // Several entities whose inline definitions are AsyncAPI documents.
      'inline-definitions.yaml': `apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: streetlights }
spec:
  type: asyncapi
  definition: |
    asyncapi: '2.6.0'
    info: { title: Streetlights, version: '1' }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: signups }
spec:
  type: asyncapi
  definition: |
    asyncapi: 3.0.0
`,
      'descriptor-first.yaml':
        "kind: API\napiVersion: backstage.io/v1alpha1\nasyncapi: '2.6.0'\n",
      'no-id.yaml': "asyncapi: '2.5.0'\ninfo: { title: x, version: '1' }\n",
      'bad-id.yaml':
        "asyncapi: '2.5.0'\nid: 'urn:.london.x'\ninfo: { title: x, version: '1' }\nchannels: {}\n",
      'with-schemas/asyncapi.yaml': `asyncapi: '2.5.0'
id: 'urn:acme.shop'
channels:
  _public.order:
    publish:
      message:
        payload: { $ref: /schema/order.avsc }
  _public.escape:
    publish:
      message:
        payload: { $ref: ../secret.avsc }
`,
      'with-schemas/schema/order.avsc': '{"type":"string"}',
      'secret.avsc': 'secret',
    },
  });
  const processor = new AsyncApiFileLocationProcessor();

  async function read(target: string, type = 'file') {
    const emitted: CatalogProcessorResult[] = [];
    const location = { type, target };
    const handled = await processor.readLocation(location, false, r =>
      emitted.push(r),
    );
    return { handled, emitted, location };
  }

  it('runs before the catalog’s file reader', () => {
    expect(processor.getPriority()).toBeLessThan(20);
  });

  it('emits the API entity of a spec, named after its app-id', async () => {
    const { handled, emitted, location } = await read(
      dir.resolve('asyncapi.yaml'),
    );
    expect(handled).toBe(true);
    expect(emitted).toEqual([
      processingResult.entity(location, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: 'acme.lifestyle.onboarding',
          annotations: { 'meshport.dev/data-product': 'true' },
        },
        spec: { type: 'asyncapi', lifecycle: 'production', definition: SPEC },
      }),
    ]);
  });

  it('reads JSON specs too', async () => {
    const { emitted } = await read(dir.resolve('asyncapi.json'));
    expect(emitted).toEqual([
      expect.objectContaining({
        type: 'entity',
        entity: expect.objectContaining({
          metadata: expect.objectContaining({ name: 'acme.json' }),
        }),
      }),
    ]);
  });

  it('leaves other files, globs, missing files and other location types to the catalog', async () => {
    for (const { target, type } of [
      { target: dir.resolve('catalog-info.yaml'), type: 'file' },
      { target: dir.resolve('mentions.yaml'), type: 'file' },
      { target: dir.resolve('inline-definitions.yaml'), type: 'file' },
      { target: dir.resolve('descriptor-first.yaml'), type: 'file' },
      { target: dir.resolve('*.yaml'), type: 'file' },
      { target: dir.resolve('missing.yaml'), type: 'file' },
      { target: 'https://git.example.com/asyncapi.yaml', type: 'url' },
    ]) {
      const { handled, emitted } = await read(target, type);
      expect({ target, handled, emitted }).toEqual({
        target,
        handled: false,
        emitted: [],
      });
    }
  });

  it('reports a spec whose id names no app-id on the location, with the rule engine’s message', async () => {
    for (const file of ['no-id.yaml', 'bad-id.yaml']) {
      const { handled, emitted, location } = await read(dir.resolve(file));
      expect(handled).toBe(true);
      expect(emitted.length).toBeGreaterThan(0);
      for (const result of emitted) {
        expect(result).toEqual({
          type: 'error',
          location,
          error: expect.objectContaining({
            name: 'InputError',
            message: expect.stringContaining(dir.resolve(file)),
          }),
        });
      }
    }
    const { emitted } = await read(dir.resolve('bad-id.yaml'));
    expect(emitted.map(r => r.type === 'error' && r.error.message)).toEqual([
      expect.stringContaining('.london.x'),
    ]);
  });

  it('annotates the schema files beside the spec, and reports a ref that leaves its folder', async () => {
    const { emitted, location } = await read(
      dir.resolve('with-schemas/asyncapi.yaml'),
    );
    const folder = dir.resolve('with-schemas');
    expect(emitted).toEqual([
      processingResult.inputError(
        location,
        `${folder}/asyncapi.yaml: error at /channels/_public.escape/publish/message/payload: The schema $ref "../secret.avsc" leads outside the spec's folder ${folder}, so it was not read.\n    fix: Keep schema files in ${folder} or below it; a leading "/" means that folder ("/schema/x.avsc" is ${folder}/schema/x.avsc).`,
      ),
      expect.objectContaining({
        type: 'entity',
        entity: expect.objectContaining({
          metadata: {
            name: 'acme.shop',
            annotations: {
              'meshport.dev/data-product': 'true',
              'meshport.dev/schema-files': JSON.stringify({
                '/schema/order.avsc': '{"type":"string"}',
              }),
            },
          },
        }),
      }),
    ]);
  });
});
