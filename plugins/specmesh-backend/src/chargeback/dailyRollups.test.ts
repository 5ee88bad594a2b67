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
import { daySharesBetween } from './dailyRollups';

describe('daySharesBetween', () => {
  it('splits an interval at midnight UTC by the hours each day holds', () => {
    expect(
      daySharesBetween('2025-06-01T18:00:00.000Z', '2025-06-03T06:00:00.000Z'),
    ).toEqual([
      { day: '2025-06-01', share: 6 / 36 },
      { day: '2025-06-02', share: 24 / 36 },
      { day: '2025-06-03', share: 6 / 36 },
    ]);
  });

  it('puts an interval within one day, or an empty one, on that day', () => {
    expect(
      daySharesBetween('2025-06-01T00:00:00.000Z', '2025-06-01T23:59:59.999Z'),
    ).toEqual([{ day: '2025-06-01', share: 1 }]);
    expect(
      daySharesBetween('2025-06-01T12:00:00.000Z', '2025-06-01T12:00:00.000Z'),
    ).toEqual([{ day: '2025-06-01', share: 1 }]);
  });
});
