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
import { unifiedDiff } from './lineDiff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x')).toBe('');
  });

  it('shows separate changes as separate hunks with two lines of context', () => {
    const before = [
      '1',
      '2',
      '3',
      'old',
      '5',
      '6',
      '7',
      '8',
      '9',
      'gone',
      '11',
      '',
    ].join('\n');
    const after = [
      '1',
      '2',
      '3',
      'new',
      '5',
      '6',
      '7',
      '8',
      '9',
      '11',
      '',
    ].join('\n');
    expect(unifiedDiff(before, after, 'spec.yaml')).toBe(
      [
        '--- spec.yaml',
        '+++ spec.yaml',
        '@@ -2,5 +2,5 @@',
        ' 2',
        ' 3',
        '-old',
        '+new',
        ' 5',
        ' 6',
        '@@ -8,4 +8,3 @@',
        ' 8',
        ' 9',
        '-gone',
        ' 11',
        '',
      ].join('\n'),
    );
  });

  it('keeps lines common to both sides inside a changed region', () => {
    const diff = unifiedDiff('a\nx\nb\n', 'a\ny\nx\nz\nb\n', 'f');
    expect(diff).toContain('\n+y\n x\n+z\n');
  });
});
