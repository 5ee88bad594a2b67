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
import { sameSchemaContent } from './schemaContent';

describe('sameSchemaContent', () => {
  const avro =
    '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}';

  it('ignores layout and member order of Avro and JSON schemas', () => {
    const reformatted = `{
      "name": "Order",
      "type": "record",
      "fields": [ { "type": "string", "name": "id" } ]
    }`;
    expect(sameSchemaContent(avro, reformatted, 'AVRO')).toBe(true);
    expect(sameSchemaContent(avro, reformatted, 'JSON')).toBe(true);
  });

  it('sees changed fields, changed field order and changed values', () => {
    const added =
      '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"n","type":"int"}]}';
    const renamed =
      '{"type":"record","name":"Order2","fields":[{"name":"id","type":"string"}]}';
    const typed =
      '{"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]}';
    const extraMember =
      '{"type":"record","name":"Order","doc":"x","fields":[{"name":"id","type":"string"}]}';
    for (const other of [added, renamed, typed, extraMember]) {
      expect(sameSchemaContent(avro, other, 'AVRO')).toBe(false);
    }
    const twoFields = '{"fields":[{"name":"a"},{"name":"b"}]}';
    const swapped = '{"fields":[{"name":"b"},{"name":"a"}]}';
    expect(sameSchemaContent(twoFields, swapped, 'AVRO')).toBe(false);
  });

  it('tells null, arrays and objects apart', () => {
    expect(sameSchemaContent('{"a":null}', '{"a":{}}', 'JSON')).toBe(false);
    expect(sameSchemaContent('{"a":[]}', '{"a":{}}', 'JSON')).toBe(false);
    expect(sameSchemaContent('{"a":[1]}', '{"a":[1,2]}', 'JSON')).toBe(false);
    expect(sameSchemaContent('{"a":1}', '{"b":1}', 'JSON')).toBe(false);
  });

  it('compares Protobuf as text with whitespace collapsed', () => {
    const proto = 'syntax = "proto3";\nmessage Order {\n  string id = 1;\n}\n';
    expect(
      sameSchemaContent(
        proto,
        'syntax = "proto3"; message Order { string id = 1; }',
        'PROTOBUF',
      ),
    ).toBe(true);
    expect(
      sameSchemaContent(proto, proto.replace('id', 'key'), 'PROTOBUF'),
    ).toBe(false);
  });

  it('falls back to text when a schema is not JSON', () => {
    expect(sameSchemaContent('not json ', ' not  json', 'AVRO')).toBe(true);
    expect(sameSchemaContent('not json', '{}', 'AVRO')).toBe(false);
  });
});
