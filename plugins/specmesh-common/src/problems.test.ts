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
import { formatProblem, jsonPointer, ProblemCollector } from './problems';

describe('jsonPointer', () => {
  it('escapes "~" and "/" as RFC 6901 says', () => {
    expect(jsonPointer(['channels', '/a/b', 'x~y', 0])).toBe(
      '/channels/~1a~1b/x~0y/0',
    );
  });
});

describe('formatProblem', () => {
  it('names the file, severity, location, message and fix', () => {
    expect(
      formatProblem({
        severity: 'error',
        file: 'spec.yaml',
        location: '/id',
        message: 'Bad id.',
        fix: 'Fix it.',
      }),
    ).toBe('spec.yaml: error at /id: Bad id.\n    fix: Fix it.');
    expect(
      formatProblem({
        severity: 'warning',
        location: '/channels/a',
        message: 'Hm.',
      }),
    ).toBe('warning at /channels/a: Hm.');
  });
});

describe('ProblemCollector', () => {
  it('counts errors but not warnings', () => {
    const collector = new ProblemCollector('f.yaml');
    collector.warning('/a', 'w');
    expect(collector.hasErrors).toBe(false);
    collector.error('/b', 'e', 'f');
    expect(collector.hasErrors).toBe(true);
    expect(collector.problems).toEqual([
      { severity: 'warning', file: 'f.yaml', location: '/a', message: 'w' },
      {
        severity: 'error',
        file: 'f.yaml',
        location: '/b',
        message: 'e',
        fix: 'f',
      },
    ]);
  });
});
