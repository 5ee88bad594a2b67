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
import { parseSpecText } from './parseSpecText';

describe('parseSpecText', () => {
  it('parses YAML, including flow-style tag lists', () => {
    const { document, problems } = parseSpecText(
      'asyncapi: 2.6.0\ntags: [ name: "a", name: "b" ]\n',
      'spec.yaml',
    );
    expect(problems).toEqual([]);
    expect(document).toEqual({
      asyncapi: '2.6.0',
      tags: [{ name: 'a' }, { name: 'b' }],
    });
  });

  it('parses JSON', () => {
    expect(parseSpecText('{"asyncapi": "3.0.0", "id": "urn:a.b"}')).toEqual({
      document: { asyncapi: '3.0.0', id: 'urn:a.b' },
      problems: [],
    });
  });

  it('keeps YAML 1.2 scalars as the spec author expects', () => {
    const { document } = parseSpecText(
      'version: 1.0.0\nretention: 999000\nflag: yes\n',
    );
    expect(document).toEqual({
      version: '1.0.0',
      retention: 999000,
      flag: 'yes',
    });
  });

  it('reports syntax errors with line and column', () => {
    const { document, problems } = parseSpecText(
      'asyncapi: 2.6.0\nchannels:\n  a: [unclosed\n',
      'bad.yaml',
    );
    expect(document).toBeUndefined();
    expect(problems[0]).toMatchObject({
      severity: 'error',
      file: 'bad.yaml',
      location: expect.stringMatching(/^line \d+, column \d+$/),
      message: expect.stringContaining('not valid YAML or JSON'),
    });
  });

  it('reports duplicate keys, which would hide a channel', () => {
    const { problems } = parseSpecText(
      'channels:\n  _public.a: {}\n  _public.a: {}\n',
    );
    expect(problems[0].message).toContain('unique');
  });

  it('reports an empty file', () => {
    expect(parseSpecText(' \n').problems[0].message).toBe('The file is empty.');
  });

  describe('hostile documents', () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'
        .split('')
        .map(
          (name, i) =>
            `${name}: &${name} [${Array(9)
              .fill(`*${'abcdefghi'[i]}`)
              .join(',')}]`,
        ),
    ].join('\n');

    it.each([
      ['a YAML alias bomb', laughs, 'alias bomb'],
      [
        'JSON nested 100,000 deep',
        `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
        'more than 256 levels deep',
      ],
      [
        'YAML flow nested 100,000 deep',
        `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        'more than 256 levels deep',
      ],
      [
        'YAML blocks nested 2,000 deep',
        Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
        'more than 256 levels deep',
      ],
      [
        'JSON nested 300 deep',
        `{"a": ${'['.repeat(300)}${']'.repeat(300)}}`,
        'more than 256 levels deep',
      ],
    ])('reports %s in plain words, naming the file', (_, text, message) => {
      const { document, problems } = parseSpecText(text, 'evil.yaml');
      expect(document).toBeUndefined();
      expect(problems).toEqual([
        {
          severity: 'error',
          file: 'evil.yaml',
          location: '/',
          message: expect.stringContaining(message),
          fix: expect.stringMatching(/\S/),
        },
      ]);
      expect(JSON.stringify(problems)).not.toContain('call stack');
    });

    it('still reads brackets in strings and comments, and 200 levels', () => {
      const text = `a: "${'['.repeat(300)}" # ${'{'.repeat(
        300,
      )}\nb: '[[['\nc: ${'['.repeat(200)}${']'.repeat(200)}\n`;
      const { document, problems } = parseSpecText(text);
      expect(problems).toEqual([]);
      expect(document).toMatchObject({ a: '['.repeat(300), b: '[[[' });
    });
  });
});
