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
import { withSchemaFiles } from './withSchemaFiles';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'x', ...(annotations && { annotations }) },
  spec: {},
});

describe('withSchemaFiles', () => {
  it('sets the annotation beside the others', () => {
    expect(
      withSchemaFiles(entity({ a: '1' }), '{}').metadata.annotations,
    ).toEqual({ a: '1', 'meshport.dev/schema-files': '{}' });
  });

  it('replaces or removes what the entity declared', () => {
    const declared = entity({
      a: '1',
      'meshport.dev/schema-files': '{"x":""}',
    });
    expect(withSchemaFiles(declared, '{}').metadata.annotations).toEqual({
      a: '1',
      'meshport.dev/schema-files': '{}',
    });
    expect(withSchemaFiles(declared, undefined).metadata.annotations).toEqual({
      a: '1',
    });
    expect(
      withSchemaFiles(entity({ 'meshport.dev/schema-files': '{}' }), undefined)
        .metadata,
    ).toEqual({ name: 'x' });
  });

  it('returns the entity itself when nothing changes', () => {
    const unchanged = entity({ 'meshport.dev/schema-files': '{}' });
    expect(withSchemaFiles(unchanged, '{}')).toBe(unchanged);
    const plain = entity();
    expect(withSchemaFiles(plain, undefined)).toBe(plain);
  });
});
