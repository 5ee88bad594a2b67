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
import { readSchemaFilesAnnotation } from './schemaFilesAnnotation';

describe('readSchemaFilesAnnotation', () => {
  it('reads the file texts by ref', () => {
    expect(
      readSchemaFilesAnnotation('{"/schema/a.avsc":"{}","b.proto":"syntax"}'),
    ).toEqual({
      ok: true,
      files: { '/schema/a.avsc': '{}', 'b.proto': 'syntax' },
    });
  });

  it.each([
    [
      'not JSON',
      '{',
      /meshport\.dev\/schema-files cannot be read: it is not JSON/,
    ],
    ['a list', '["a"]', /it is not a JSON object/],
    ['null', 'null', /it is not a JSON object/],
    [
      'a parsed file',
      '{"/a.avsc":{"type":"record"}}',
      /the value of "\/a\.avsc" is not the file's text/,
    ],
  ])(
    'names the problem and the expected shape when it is %s',
    (_, value, reason) => {
      const reading = readSchemaFilesAnnotation(value);
      expect(reading.ok).toBe(false);
      const { message } = reading as { message: string };
      expect(message).toMatch(reason);
      expect(message).toContain('{ "/schema/x.avsc": "…" }');
    },
  );
});
