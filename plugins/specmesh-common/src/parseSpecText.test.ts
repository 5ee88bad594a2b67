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
});
