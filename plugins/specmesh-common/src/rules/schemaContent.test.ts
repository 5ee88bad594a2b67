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
import { readAvroSchema, readSchemaText } from './schemaContent';

const AVRO =
  '{"type": "record", "namespace": "acme.x", "name": "User", "fields": [{"name": "id", "type": "string"}]}';
const JSON_SCHEMA =
  '{"$schema": "http://json-schema.org/draft-07/schema#", "title": "User", "type": "object"}';
const PROTO =
  'syntax = "proto3";\npackage acme.x;\n\nmessage User {\n  string id = 1;\n  message Inner { int32 a = 1; }\n}\n';

describe('readSchemaText', () => {
  it('reads Avro, with the full record name', () => {
    expect(readSchemaText('AVRO', AVRO, 'u.avsc')).toEqual({
      ok: true,
      recordName: 'acme.x.User',
    });
    expect(
      readSchemaText(
        'AVRO',
        '{"type": "record", "name": "a.b.C", "fields": []}',
        'c.avsc',
      ),
    ).toEqual({ ok: true, recordName: 'a.b.C' });
    expect(readSchemaText('AVRO', '{"type": "int"}', 'i.avsc')).toEqual({
      ok: true,
    });
    expect(readSchemaText('AVRO', '["null", "string"]', 'u.avsc')).toEqual({
      ok: true,
    });
  });

  it('reads Avro with comments, as Avro itself does', () => {
    expect(
      readSchemaText('AVRO', `// a comment\n${AVRO}`, 'u.avsc'),
    ).toMatchObject({ ok: true });
  });

  it('reads JSON Schema in JSON and YAML, with the title as record name', () => {
    expect(readSchemaText('JSON', JSON_SCHEMA, 'u.json')).toEqual({
      ok: true,
      recordName: 'User',
    });
    expect(
      readSchemaText('JSON', 'title: Checkout\ntype: object\n', 'c.yml'),
    ).toEqual({ ok: true, recordName: 'Checkout' });
    expect(readSchemaText('JSON', 'true', 'any.json')).toEqual({ ok: true });
  });

  it('reads Protobuf, with package and first message as record name', () => {
    expect(readSchemaText('PROTOBUF', PROTO, 'u.proto')).toEqual({
      ok: true,
      recordName: 'acme.x.User',
    });
  });

  it.each([
    [
      'AVRO',
      '{"type": "record", "name": "U", "fields": [}',
      'is not valid JSON',
    ],
    ['AVRO', '{"name": "U"}', 'has no "type"'],
    ['AVRO', '{"type": "record", "fields": []}', 'without a "name"'],
    ['AVRO', '{"type": "record", "name": "U"}', 'without a "fields" list'],
    ['AVRO', '42', 'not an Avro schema'],
    ['JSON', '{"type": "object",', 'is not valid JSON'],
    ['JSON', '[1, 2]', 'not a schema object'],
    [
      'PROTOBUF',
      'syntax = "proto3";\nmessage U {\n  string id = 1;\n',
      'unbalanced braces',
    ],
    ['PROTOBUF', 'hello world', 'declares no syntax'],
  ] as const)('rejects broken %s content %s', (type, text, message) => {
    expect(readSchemaText(type, text, 'file')).toEqual({
      ok: false,
      message: expect.stringContaining(message),
      fix: expect.any(String),
    });
  });

  it('rejects broken YAML JSON Schemas', () => {
    expect(
      readSchemaText('JSON', 'title: [unclosed\n', 's.yaml'),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('is not valid YAML'),
    });
  });

  it.each([
    ['AVRO', PROTO, 'contains a Protobuf schema'],
    ['AVRO', JSON_SCHEMA, 'contains a JSON Schema'],
    ['JSON', AVRO, 'contains an Avro schema'],
    ['JSON', PROTO, 'contains a Protobuf schema'],
    ['PROTOBUF', AVRO, 'contains an Avro schema'],
    ['PROTOBUF', JSON_SCHEMA, 'contains a JSON Schema'],
  ] as const)(
    'rejects %s files with other content (%s)',
    (type, text, message) => {
      const reading = readSchemaText(type, text, 'the-file');
      expect(reading).toMatchObject({
        ok: false,
        message: expect.stringContaining(message),
      });
      expect(reading.ok === false && reading.message).toContain('"the-file"');
    },
  );

  it('ignores braces in Protobuf comments and strings', () => {
    const text =
      'syntax = "proto3";\n// a { in a comment\nmessage U { string id = 1 [json_name = "{"]; }\n';
    expect(readSchemaText('PROTOBUF', text, 'u.proto')).toEqual({
      ok: true,
      recordName: 'U',
    });
  });
});

describe('readAvroSchema', () => {
  it('accepts named type references and unions', () => {
    expect(readAvroSchema('acme.x.User', 'it')).toEqual({ ok: true });
    expect(readAvroSchema(['null', 'acme.x.User'], 'it')).toEqual({ ok: true });
  });
});
