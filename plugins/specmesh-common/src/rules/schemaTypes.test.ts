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
import {
  fileExtension,
  isPrimitiveSchema,
  schemaTypeOfFile,
  schemaTypeOfFormat,
} from './schemaTypes';

describe('schemaTypeOfFile', () => {
  it.each([
    ['/schema/a.b.User.avsc', 'AVRO'],
    ['schema/user.json', 'JSON'],
    ['schema/user.yml', 'JSON'],
    ['schema/user.YAML', 'JSON'],
    ['/schema/user_info.proto', 'PROTOBUF'],
  ])('%s is %s', (ref, type) => {
    expect(schemaTypeOfFile(ref)).toBe(type);
  });

  it('knows no type for other extensions', () => {
    expect(schemaTypeOfFile('/schema/user.xsd')).toBeUndefined();
    expect(schemaTypeOfFile('/schema.v1/user')).toBeUndefined();
  });

  it('ignores fragments and folder names with dots', () => {
    expect(fileExtension('schema/x.json#/definitions/a')).toBe('json');
    expect(fileExtension('a.b/c')).toBe('');
  });
});

describe('schemaTypeOfFormat', () => {
  it('registers inline schemas as JSON unless the format says Avro or Protobuf', () => {
    expect(schemaTypeOfFormat(undefined)).toBe('JSON');
    expect(
      schemaTypeOfFormat('application/vnd.aai.asyncapi+json;version=3.0.0'),
    ).toBe('JSON');
    expect(schemaTypeOfFormat('application/schema+json;version=draft-07')).toBe(
      'JSON',
    );
    expect(
      schemaTypeOfFormat('application/vnd.apache.avro;version=1.9.0'),
    ).toBe('AVRO');
    expect(
      schemaTypeOfFormat('application/vnd.apache.avro+json;version=1.9.0'),
    ).toBe('AVRO');
    expect(
      schemaTypeOfFormat('application/vnd.google.protobuf;version=3'),
    ).toBe('PROTOBUF');
  });
});

describe('isPrimitiveSchema', () => {
  it.each([
    { type: 'string' },
    { type: 'long' },
    { type: 'int' },
    { type: 'integer' },
    { type: 'string', enum: ['k'] },
    'string',
  ])('treats %j as primitive', schema => {
    expect(isPrimitiveSchema(schema)).toBe(true);
  });

  it.each([
    { type: 'record', name: 'K', fields: [] },
    { type: 'object' },
    { type: 'array' },
    {},
    'acme.Key',
    null,
  ])('treats %j as not primitive', schema => {
    expect(isPrimitiveSchema(schema)).toBe(false);
  });
});
