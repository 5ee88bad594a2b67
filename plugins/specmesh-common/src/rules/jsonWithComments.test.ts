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
import { parseJsonWithComments } from './jsonWithComments';

describe('parseJsonWithComments', () => {
  it('parses plain JSON', () => {
    expect(parseJsonWithComments('{"a": 1}')).toEqual({ a: 1 });
  });

  it('ignores line and block comments outside strings', () => {
    const text =
      '{\n  "a": 1, // one\n  /* two\n lines */ "b": "x//y /* not a comment */"\n}';
    expect(parseJsonWithComments(text)).toEqual({
      a: 1,
      b: 'x//y /* not a comment */',
    });
  });

  it('keeps escaped quotes inside strings', () => {
    expect(
      parseJsonWithComments('{"a": "say \\"hi\\" // still text"} // end'),
    ).toEqual({ a: 'say "hi" // still text' });
  });

  it('still rejects broken JSON', () => {
    expect(() => parseJsonWithComments('{"a": } // x')).toThrow(SyntaxError);
    expect(() => parseJsonWithComments('{"a": ')).toThrow(SyntaxError);
  });
});
