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
import { ConfigReader } from '@backstage/config';
import { readPreviewSettings } from './previewConfig';

const read = (preview?: object) =>
  readPreviewSettings(
    new ConfigReader(preview ? { specmesh: { preview } } : {}),
  );

describe('readPreviewSettings', () => {
  it('defaults to 20 messages, 1 MiB and owners only', () => {
    expect(read()).toEqual({
      maxMessages: 20,
      maxBytes: 1_048_576,
      publicTopics: false,
    });
  });

  it('takes lower limits and opens public topics when asked', () => {
    expect(
      read({ maxMessages: 50, maxBytes: 1000, publicTopics: true }),
    ).toEqual({
      maxMessages: 50,
      maxBytes: 1000,
      publicTopics: true,
    });
  });

  it.each([
    [
      { maxMessages: 51 },
      'Invalid specmesh.preview.maxMessages: 51; use a whole number from 1 to 50',
    ],
    [
      { maxMessages: 0 },
      'Invalid specmesh.preview.maxMessages: 0; use a whole number from 1 to 50',
    ],
    [
      { maxBytes: 2_000_000 },
      'Invalid specmesh.preview.maxBytes: 2000000; use a whole number from 1 to 1048576',
    ],
    [
      { maxBytes: 1.5 },
      'Invalid specmesh.preview.maxBytes: 1.5; use a whole number from 1 to 1048576',
    ],
  ])('refuses %j', (preview, message) => {
    expect(() => read(preview)).toThrow(message);
  });
});
