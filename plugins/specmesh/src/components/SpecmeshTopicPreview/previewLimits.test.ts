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
import { limitChoices } from './previewLimits';

describe('limitChoices', () => {
  it('offers steps up to the configured maximum, the maximum included', () => {
    expect(limitChoices(undefined)).toEqual([5, 10, 20]);
    expect(limitChoices(50)).toEqual([5, 10, 20, 50]);
    expect(limitChoices(12)).toEqual([5, 10, 12]);
    expect(limitChoices(3)).toEqual([3]);
  });

  it('never goes above the hard cap of 50 or below 1', () => {
    expect(limitChoices(500)).toEqual([5, 10, 20, 50]);
    expect(limitChoices(0)).toEqual([1]);
  });
});
