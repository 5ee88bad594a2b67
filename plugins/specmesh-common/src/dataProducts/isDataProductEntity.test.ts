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

import { MESHPORT_DATA_PRODUCT_ANNOTATION } from '../annotations';
import {
  DataProductCandidate,
  isDataProductEntity,
} from './isDataProductEntity';

function api(
  annotations?: Record<string, string>,
  type: unknown = 'asyncapi',
  kind = 'API',
): DataProductCandidate {
  return {
    kind,
    metadata: { ...(annotations && { annotations }) },
    spec: { type },
  };
}

const annotated = { [MESHPORT_DATA_PRODUCT_ANNOTATION]: 'true' };

describe('isDataProductEntity', () => {
  it.each([
    ['an annotated AsyncAPI API', api(annotated), true],
    ['the kind written in lower case', api(annotated, 'asyncapi', 'api'), true],
    ['an AsyncAPI API without annotations', api(), false],
    ['an AsyncAPI API with other annotations', api({ a: 'b' }), false],
    [
      'an AsyncAPI API that says "false"',
      api({ [MESHPORT_DATA_PRODUCT_ANNOTATION]: 'false' }),
      false,
    ],
    [
      'an AsyncAPI API that says "True" (annotations are exact strings)',
      api({ [MESHPORT_DATA_PRODUCT_ANNOTATION]: 'True' }),
      false,
    ],
    [
      'an AsyncAPI API that only declares an app-id',
      api({ 'meshport.dev/app-id': 'acme.lifestyle.onboarding' }),
      false,
    ],
    ['an annotated OpenAPI API', api(annotated, 'openapi'), false],
    ['an annotated API without a type', api(annotated, null), false],
    ['an annotated Component', api(annotated, 'asyncapi', 'Component'), false],
  ])('under annotated recognition, %s', (_, entity, expected) => {
    expect(isDataProductEntity(entity)).toBe(expected);
    expect(isDataProductEntity(entity, 'annotated')).toBe(expected);
  });

  it.each([
    ['an AsyncAPI API without annotations', api(), true],
    ['an annotated AsyncAPI API', api(annotated), true],
    ['an OpenAPI API', api(undefined, 'openapi'), false],
    ['a Resource', api(undefined, 'asyncapi', 'Resource'), false],
  ])('under all recognition, %s', (_, entity, expected) => {
    expect(isDataProductEntity(entity, 'all')).toBe(expected);
  });

  it('takes an entity without a spec', () => {
    expect(
      isDataProductEntity({
        kind: 'API',
        metadata: { annotations: annotated },
      }),
    ).toBe(false);
  });
});
