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
import { describeFormat, payloadText } from './payloadText';

describe('payloadText', () => {
  it('pretty-prints decoded values as JSON text', () => {
    const payload = {
      format: 'avro' as const,
      schemaId: 7,
      data: { id: 1, name: '<b>x</b>' },
    };
    expect(payloadText(payload)).toBe('{\n  "id": 1,\n  "name": "<b>x</b>"\n}');
    expect(describeFormat(payload)).toBe('Avro, schema 7');
  });

  it('shows text as escaped by the backend and bytes as base64', () => {
    expect(payloadText({ format: 'text', text: 'a\\u0000b' })).toBe(
      'a\\u0000b',
    );
    expect(payloadText({ format: 'bytes', base64: 'AAE=' })).toBe('AAE=');
    expect(describeFormat({ format: 'bytes' })).toBe('bytes, base64');
  });

  it('keeps falsy decoded values', () => {
    expect(payloadText({ format: 'json', data: 0 })).toBe('0');
    expect(payloadText({ format: 'json', data: null })).toBe('null');
  });
});
