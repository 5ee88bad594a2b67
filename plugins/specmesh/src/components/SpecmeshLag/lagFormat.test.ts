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
import { describeLag, formatCount, formatDuration } from './lagFormat';

describe('lag in words', () => {
  it('writes counts and durations as people read them', () => {
    expect(formatCount(1204)).toBe('1,204');
    expect(formatDuration(0.2)).toBe('< 1 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(170)).toBe('3 min');
    expect(formatDuration(2.5 * 3600)).toBe('2.5 h');
    expect(formatDuration(3 * 3600)).toBe('3 h');
    expect(formatDuration(30 * 3600)).toBe('1 d');
    expect(formatDuration(4 * 86400)).toBe('4 d');
  });

  it('says how far behind, with the time estimate when there is one', () => {
    expect(describeLag({ lag: 1204, estimatedSeconds: 170 })).toBe(
      '1,204 messages · ≈ 3 min behind',
    );
    expect(describeLag({ lag: 1, estimatedSeconds: 5 })).toBe(
      '1 message · ≈ 5 s behind',
    );
    expect(describeLag({ lag: 12, estimatedSeconds: null })).toBe(
      '12 messages behind (time unknown)',
    );
    expect(describeLag({ lag: 0, estimatedSeconds: null })).toBe('caught up');
    expect(describeLag({ lag: 3, estimatedSeconds: 0.4 })).toBe(
      '3 messages · < 1 s behind',
    );
  });
});
