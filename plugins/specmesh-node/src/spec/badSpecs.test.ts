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
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SpecJudge } from './judgeSpec';
import { readSpecFile } from './readSpecFile';

const BAD = resolve(__dirname, '../__fixtures__/bad');

/**
 * Every bad spec, with the error it must produce: where (a JSON pointer or a
 * line) and what (a part of the message). Each message also carries a fix.
 */
const EXPECTED: Record<string, { location: string; message: string }> = {
  // Not YAML or JSON, not AsyncAPI
  'not-yaml.yaml': {
    location: 'line 8, column 1',
    message: 'The file is not valid YAML or JSON',
  },
  'not-json.json': {
    location: 'line 1, column 51',
    message: 'The file is not valid YAML or JSON',
  },
  'empty.yaml': { location: '/', message: 'The file is empty.' },
  'top-level-list.yaml': {
    location: '/',
    message: 'its top level is not a map',
  },
  'no-asyncapi-field.yaml': {
    location: '/asyncapi',
    message: 'it has no "asyncapi" version field',
  },
  'asyncapi-1.yaml': {
    location: '/asyncapi',
    message: 'The AsyncAPI version "1.2.0" is not supported',
  },
  'asyncapi-number.yaml': {
    location: '/asyncapi',
    message: 'The AsyncAPI version 2.6 is not supported',
  },
  'v3-missing-info.yaml': {
    location: '/',
    message: 'must have required property "info"',
  },
  'operation-typo.yaml': {
    location: '/channels/_public.users/publsh',
    message: 'Property "publsh" is not expected to be here',
  },
  // Identity
  'id-missing.yaml': { location: '/id', message: 'The spec has no "id"' },
  'id-not-urn.yaml': {
    location: '/id',
    message: 'The id "acme.bad.app" does not start with "urn:"',
  },
  'id-not-string.yaml': {
    location: '/id',
    message: 'The id must be a string "urn:<app-id>", not 42',
  },
  'id-empty.yaml': { location: '/id', message: 'The app-id is empty' },
  'id-leading-dot.yaml': {
    location: '/id',
    message: 'has an empty segment (it starts with a dot)',
  },
  'id-double-dot.yaml': {
    location: '/id',
    message: 'has an empty segment (two dots in a row)',
  },
  'id-trailing-dot.yaml': {
    location: '/id',
    message: 'has an empty segment (it ends with a dot)',
  },
  'id-bad-segment.yaml': {
    location: '/id',
    message:
      'has the segment "life style" with characters outside [A-Za-z0-9_-]',
  },
  'id-too-long.yaml': {
    location: '/id',
    message: 'is 205 characters long; at most 200 are allowed',
  },
  // Topic names
  'topic-illegal-characters.yaml': {
    location: '/channels/_public.user signed up',
    message: 'which contains " "; Kafka topic names allow only',
  },
  'topic-too-long.yaml': {
    location: `/channels/_public.${'x'.repeat(240)}`,
    message: 'which is 261 characters long; Kafka allows at most 249',
  },
  'v3-address-with-parameter.yaml': {
    location: '/channels/user/address',
    message: 'which contains "{", "}"',
  },
  'two-channels-one-topic.yaml': {
    location: '/channels/~1_public~1users',
    message:
      'The channels "_public.users" and "/_public/users" both resolve to the topic "acme.bad.app._public.users"',
  },
  'two-channels-one-topic-qualified.yaml': {
    location: '/channels/acme.bad.app._public.users',
    message: 'both resolve to the topic "acme.bad.app._public.users"',
  },
  'v3-two-channels-one-address.yaml': {
    location: '/channels/b/address',
    message: 'The channels "a" and "b" both resolve to the topic',
  },
  'level-typo-pubic.yaml': {
    location: '/channels/_pubic.users',
    message: 'starts with "_pubic", which is not an access level',
  },
  'level-typo-capital.yaml': {
    location: '/channels/_Public.users',
    message: 'starts with "_Public", which is not an access level',
  },
  'level-typo-read-only.yaml': {
    location: '/channels/_protcted.users',
    message: 'starts with "_protcted", which is not an access level',
  },
  'v3-bad-action.yaml': {
    location: '/operations/pub/action',
    message: 'has action "publish"; it must be "send"',
  },
  'v3-dangling-channel.yaml': {
    location: '/operations/sendB/channel',
    message: 'does not refer to a channel of this document',
  },
  'v3-address-not-string.yaml': {
    location: '/channels/a/address',
    message: 'The address of channel "a" must be a string, not 42',
  },
  // Grants
  'grant-on-private.yaml': {
    location: '/channels/_private.secrets',
    message: 'is _private but grants read access to acme.other.app',
  },
  'grant-on-private-message-tag.yaml': {
    location: '/channels/_private.secrets',
    message: 'is _private but grants read access to acme.other.app',
  },
  'grant-empty.yaml': {
    location: '/channels/_protected.a/publish/tags/0',
    message: 'The grant tag "grant-access:" does not name a valid app-id',
  },
  'grant-bad-app-id.yaml': {
    location: '/channels/_protected.a/publish/tags/0',
    message:
      'The grant tag "grant-access:acme..other" does not name a valid app-id',
  },
  'grant-wrong-case.yaml': {
    location: '/channels/_protected.a/publish/tags/0',
    message: 'looks like a grant but is not written "grant-access:<app-id>"',
  },
  'grant-space.yaml': {
    location: '/channels/_protected.a/publish/tags/0',
    message: 'has the segment " acme"',
  },
  'grant-public-typo.yaml': {
    location: '/channels/_protected.a/publish/tags/0',
    message: 'names "_pubic", which is neither "_public" nor an app-id',
  },
  // Kafka binding
  'partitions-zero.yaml': {
    location: '/channels/_public.a/bindings/kafka/partitions',
    message: 'partitions is 0; it must be a positive whole number',
  },
  'partitions-quoted.yaml': {
    location: '/channels/_public.a/bindings/kafka/partitions',
    message: 'partitions is "3"; it must be a positive whole number',
  },
  'partitions-fraction.yaml': {
    location: '/channels/_public.a/bindings/kafka/partitions',
    message: 'partitions is 2.5',
  },
  'replicas-negative.yaml': {
    location: '/channels/_public.a/bindings/kafka/replicas',
    message: 'replicas is -1',
  },
  'replicas-too-many.yaml': {
    location: '/channels/_public.a/bindings/kafka/replicas',
    message:
      'replicas is 40000; it must be a positive whole number (at most 32767)',
  },
  'config-map-value.yaml': {
    location: '/channels/_public.a/bindings/kafka/configs/retention.ms',
    message:
      'has the value a map, which is not a string, number, boolean or list',
  },
  'config-null-value.yaml': {
    location: '/channels/_public.a/bindings/kafka/configs/cleanup.policy',
    message: 'has the value null',
  },
  'config-nested-list.yaml': {
    location:
      '/channels/_public.a/bindings/kafka/topicConfiguration/cleanup.policy',
    message: 'has the value a list',
  },
  'config-unsafe-number.yaml': {
    location: '/channels/_public.a/bindings/kafka/configs/retention.bytes',
    message: 'is a whole number too large to keep exactly',
  },
  'configs-not-map.yaml': {
    location: '/channels/_public.a/bindings/kafka/configs',
    message: 'configs must be a map of Kafka topic configs, not a list',
  },
  'kafka-binding-not-map.yaml': {
    location: '/channels/_public.a/bindings/kafka',
    message: 'The Kafka binding must be a map',
  },
  // Schemas
  'schema-file-missing.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message:
      'The value schema file "/schema/does-not-exist.avsc" cannot be read',
  },
  'key-file-missing.yaml': {
    location: '/channels/_public.users/publish/message/bindings/kafka/key',
    message: 'The key schema file "schema/missing-key.avsc" cannot be read',
  },
  'schema-file-avsc-unparseable.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message:
      'The Avro schema file "/schema/unparseable.avsc" is not valid JSON',
  },
  'schema-file-json-unparseable.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message:
      'The JSON Schema file "/schema/unparseable.json" is not valid JSON',
  },
  'schema-file-yaml-unparseable.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'The JSON Schema file "/schema/unparseable.yml" is not valid YAML',
  },
  'schema-file-proto-unbalanced.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'has unbalanced braces',
  },
  'schema-file-proto-no-declaration.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'declares no syntax, package, message, enum or service',
  },
  'schema-file-avsc-is-proto.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message:
      'has the extension of an Avro schema but contains a Protobuf schema',
  },
  'schema-file-avsc-is-json-schema.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'has the extension of an Avro schema but contains a JSON Schema',
  },
  'schema-file-json-is-avro.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'has the extension of a JSON Schema but contains an Avro schema',
  },
  'schema-file-proto-is-avro.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message:
      'has the extension of a Protobuf schema but contains an Avro schema',
  },
  'schema-file-proto-is-json-schema.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message:
      'has the extension of a Protobuf schema but contains a JSON Schema',
  },
  'schema-file-unknown-extension.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'has no known schema extension',
  },
  'schema-file-avro-record-without-name.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'is an Avro record without a "name"',
  },
  'record-name-strategy-without-title.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'has no record name, which RecordNameStrategy needs',
  },
  'topic-name-strategy-two-payloads.yaml': {
    location: '/channels/_public.users/publish/message/oneOf/1/payload',
    message:
      'writes more than one value schema to topic "acme.bad.app._public.users"',
  },
  'unknown-lookup-strategy.yaml': {
    location: '/channels/_public.users/bindings/kafka/schemaLookupStrategy',
    message:
      'schemaLookupStrategy is "SubjectPerMessage", which is no subject name strategy',
  },
  'local-ref-dangling.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'cannot be followed: it points to nothing in this document',
  },
  'remote-ref.yaml': {
    location: '/channels/_public.users/publish/message/payload',
    message: 'remote references are not supported',
  },
  'message-in-file.yaml': {
    location: '/channels/_public.users/publish/message',
    message: 'only schemas (payloads and keys) may live in files',
  },
};

describe('bad specs', () => {
  const judge = new SpecJudge({ cacheSize: 0 });
  const load = async (file: string) => judge.judge(await readSpecFile(file));
  const files = readdirSync(BAD).filter(file => file !== 'schema');

  it('has an expectation for every fixture, and at least 40 of them', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.entries(EXPECTED))(
    'rejects %s',
    async (name, { location, message }) => {
      const file = join(BAD, name);
      const { state, problems } = await load(file);
      expect(state).toBeUndefined();
      expect(problems).toContainEqual({
        severity: 'error',
        file,
        location,
        message: expect.stringContaining(message),
        fix: expect.stringMatching(/\S/),
      });
    },
  );
});
