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
import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_GRANT_CHECK_SCHEDULE,
  readGrantCheckSchedule,
} from './accessConfig';

describe('readGrantCheckSchedule', () => {
  const read = (accessRequests?: object) =>
    readGrantCheckSchedule(
      new ConfigReader(accessRequests ? { specmesh: { accessRequests } } : {}),
    );

  it('checks every 30 s on one replica by default', () => {
    expect(read()).toEqual(DEFAULT_GRANT_CHECK_SCHEDULE);
    expect(read({ grantCheck: {} })).toMatchObject({
      frequency: { seconds: 30 },
      scope: 'global',
    });
  });

  it('takes a schedule, keeps it global, and can be switched off', () => {
    expect(
      read({
        grantCheck: {
          schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } },
        },
      }),
    ).toEqual({
      frequency: { minutes: 2 },
      timeout: { minutes: 1 },
      scope: 'global',
    });
    expect(read({ grantCheck: { enabled: false } })).toBeUndefined();
  });

  it('names the key and the fix for an invalid schedule', () => {
    expect(() =>
      read({ grantCheck: { schedule: { frequency: 'often' } } }),
    ).toThrow(
      /^Invalid specmesh\.accessRequests\.grantCheck\.schedule: .*frequency: \{ seconds: 30 \}/,
    );
  });
});
