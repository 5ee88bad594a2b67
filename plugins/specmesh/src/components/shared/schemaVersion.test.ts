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
import { describeSchemaVersion } from './schemaVersion';
import type { StatusItem } from '../../api';

const registered = (extra: Partial<StatusItem> = {}): StatusItem => ({
  kind: 'schema',
  key: 'acme.a._public.x-value',
  status: 'in-sync',
  exists: true,
  latestVersion: 3,
  ...extra,
});

describe('describeSchemaVersion', () => {
  it.each<[string, StatusItem | undefined, boolean, string]>([
    ['while the backend answers', registered(), true, 'checking…'],
    ['without an answer', undefined, false, 'not checked'],
    ['for a registered subject', registered(), false, 'version 3'],
    [
      'for a subject the registry lacks',
      registered({
        exists: false,
        status: 'missing',
        latestVersion: undefined,
      }),
      false,
      'not registered',
    ],
    [
      'when the spec carries a new schema',
      registered({
        status: 'drifted',
        changes: [
          { field: 'schema', before: 'version 3', after: 'new version' },
        ],
      }),
      false,
      "version 3; the spec's schema is newer",
    ],
    [
      'when only the compatibility differs',
      registered({
        status: 'drifted',
        changes: [
          { field: 'compatibility', before: 'NONE', after: 'BACKWARD' },
        ],
      }),
      false,
      'version 3; compatibility differs',
    ],
    [
      'when the registry could not be compared',
      registered({ status: 'unknown', exists: false }),
      false,
      'unknown',
    ],
  ])('describes a subject %s', (_case, item, loading, expected) => {
    expect(describeSchemaVersion(item, loading)).toBe(expected);
  });
});
