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
import { JsonValue } from '@backstage/types';
import { FileLocationDefinitionProcessor } from './FileLocationDefinitionProcessor';

const SPEC = "asyncapi: '2.5.0'\nid: 'urn:acme.x'\n";

function apiEntity(definition: JsonValue, type = 'asyncapi'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'x' },
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
    );
    expect(result.spec?.definition).toBe(SPEC);
  });

  it('reads a relative $text below the catalog-info file', async () => {
    const result = await processor.preProcessEntity(
      apiEntity({ $text: 'specs/v2.yaml' }),
      fileLocation,
    );
    expect(result.spec?.definition).toBe('v2');
  });

  it('refuses a path outside the catalog-info folder', async () => {
    await expect(
      processor.preProcessEntity(
        apiEntity({ $text: '../secret.txt' }),
        fileLocation,
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
      expect(await processor.preProcessEntity(entity, location)).toBe(entity);
    }
  });
});
