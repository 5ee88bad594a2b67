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
import { asyncApiEntity } from './__fixtures__/asyncApiEntity';
import { isSpecmeshAvailable } from './isSpecmeshAvailable';

describe('isSpecmeshAvailable', () => {
  it('accepts a data product that declares an app-id', () => {
    expect(
      isSpecmeshAvailable(
        asyncApiEntity({ appId: 'acme.lifestyle.onboarding', definition: '' }),
      ),
    ).toBe(true);
  });

  it('rejects an API entity without the app-id annotation', () => {
    expect(isSpecmeshAvailable(asyncApiEntity({ definition: '' }))).toBe(false);
  });

  it('rejects an AsyncAPI API that is not a data product, even with an app-id', () => {
    expect(
      isSpecmeshAvailable(
        asyncApiEntity({
          appId: 'acme.lifestyle.onboarding',
          dataProduct: false,
          definition: '',
        }),
      ),
    ).toBe(false);
  });

  it('rejects a data product whose spec the catalog could not read (no app-id)', () => {
    expect(isSpecmeshAvailable(asyncApiEntity({ definition: '' }))).toBe(false);
  });

  it('rejects other kinds even when they carry the annotation', () => {
    const component = {
      ...asyncApiEntity({ appId: 'acme.lifestyle.onboarding', definition: '' }),
      kind: 'Component',
    };
    expect(isSpecmeshAvailable(component)).toBe(false);
  });
});
