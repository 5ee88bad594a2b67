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
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header row, quotes what needs it and defuses formulas', () => {
    expect(
      toCsv(
        ['name', 'amount', 'note'],
        [
          { name: 'a,b', amount: 1.5, note: null },
          { name: '=cmd()', amount: -2, note: 'say "hi"' },
        ],
      ),
    ).toBe('name,amount,note\r\n"a,b",1.5,\r\n\'=cmd(),-2,"say ""hi"""\r\n');
  });
});
