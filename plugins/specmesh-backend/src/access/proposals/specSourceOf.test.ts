/*
 * Copyright 2026 The Meshport Authors
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
import type { Entity } from '@backstage/catalog-model';
import { specSourceOf } from './specSourceOf';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'x', annotations },
});

describe('specSourceOf', () => {
  it('reads a GitLab folder with its group path', () => {
    expect(
      specSourceOf(
        entity({
          'backstage.io/source-location':
            'url:https://gitlab.example.com/acme/data/mesh/-/tree/develop/products/x',
        }),
      ),
    ).toEqual({
      sourceLocation:
        'https://gitlab.example.com/acme/data/mesh/-/tree/develop/products/x/',
      specPath: 'asyncapi.yaml',
      specUrl:
        'https://gitlab.example.com/acme/data/mesh/-/tree/develop/products/x/asyncapi.yaml',
      repoUrl: 'gitlab.example.com?owner=acme%2Fdata&repo=mesh',
      repoPath: 'products/x',
      branch: 'develop',
    });
  });

  it('uses the managed-by location when there is no source location', () => {
    expect(
      specSourceOf(
        entity({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/mesh/blob/main/catalog-info.yaml',
        }),
      ),
    ).toMatchObject({
      sourceLocation: 'https://github.com/acme/mesh/blob/main/',
      repoUrl: 'github.com?owner=acme&repo=mesh',
      repoPath: '.',
    });
  });

  it('is undefined without any location', () => {
    expect(specSourceOf(entity({}))).toBeUndefined();
  });

  it.each([
    '../other/asyncapi.yaml',
    '/etc/passwd',
    'https://evil.test/x.yaml',
  ])('refuses the spec path %s outside the folder', path => {
    expect(() =>
      specSourceOf(
        entity({
          'backstage.io/managed-by-location': 'file:/srv/x/catalog-info.yaml',
          'meshport.dev/spec-path': path,
        }),
      ),
    ).toThrow(
      /must be the spec's path relative to the catalog-info file's folder/,
    );
  });
});
