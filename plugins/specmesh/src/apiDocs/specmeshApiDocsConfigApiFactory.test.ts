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
import { apiDocsConfigRef } from '@backstage/plugin-api-docs';
import { asyncApiEntity } from '../__fixtures__/asyncApiEntity';
import { specmeshApiDocsConfigApiFactory } from './specmeshApiDocsConfigApiFactory';

describe('specmeshApiDocsConfigApiFactory', () => {
  it('provides the API docs configuration, with the SpecMesh AsyncAPI widget', () => {
    expect(specmeshApiDocsConfigApiFactory.api).toBe(apiDocsConfigRef);
    const config = specmeshApiDocsConfigApiFactory.factory({});
    expect(
      config.getApiDefinitionWidget(asyncApiEntity({ definition: '' }))?.title,
    ).toBe('AsyncAPI');
  });
});
