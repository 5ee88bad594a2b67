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
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSpecText } from '../parseSpecText';
import { bundleSchemaRefsForDisplay } from './bundleSchemaRefsForDisplay';

// CI checks the shared contract out beside the repository.
const VECTORS = resolve(__dirname, '../../../../../shared/vectors');
const AVRO = 'application/vnd.apache.avro;version=1.9.0';

const SIGNED_UP_REF = '/schema/simple.schema_demo._public.user_signed_up.avsc';
const CHECKOUT_REF = '/schema/simple.schema_demo._public.user_checkout.yml';

const signedUp = {
  type: 'record',
  namespace: 'simple.schema_demo._public',
  name: 'UserSignedUp',
  fields: [{ name: 'fullName', type: 'string' }],
};
const files = {
  '/schema/signed_up.avsc': JSON.stringify(signedUp),
  '/schema/key.avsc':
    '// a comment, as Avro allows\n{"type": "record", "name": "Key", "fields": []}',
  'schema/checkout.yml':
    'title: Checkout\ntype: object\nproperties:\n  id: { type: number }\n',
  'schema/info.proto':
    'syntax = "proto3";\nmessage UserInfo { string fullName = 1; }\n',
  'schema/legacy.proto': 'message Legacy { required string id = 1; }\n',
};

function yaml(text: string): any {
  const { document, problems } = parseSpecText(text);
  expect(problems).toEqual([]);
  return document;
}

function bundle(
  document: unknown,
  schemaFiles: Record<string, string> = files,
): any {
  return bundleSchemaRefsForDisplay(document, schemaFiles);
}

const v2 = (message: string) =>
  yaml(
    `asyncapi: '2.6.0'\nchannels:\n  a:\n    publish:\n      message:\n${message.replace(
      /^/gm,
      '        ',
    )}\n`,
  );

describe('bundleSchemaRefsForDisplay', () => {
  describe('on the onboarding vector', () => {
    const document = yaml(
      readFileSync(join(VECTORS, '01-onboarding.asyncapi.yaml'), 'utf8'),
    );
    const schemaFiles = {
      [SIGNED_UP_REF]: readFileSync(join(VECTORS, SIGNED_UP_REF), 'utf8'),
      [CHECKOUT_REF]: readFileSync(join(VECTORS, CHECKOUT_REF), 'utf8'),
    };
    const before = JSON.stringify(document);
    const bundled = bundle(document, schemaFiles);

    it('inlines the Avro payload and declares its format', () => {
      const message =
        bundled.channels['_public.user_signed_up'].publish.message;
      expect(message.schemaFormat).toBe(AVRO);
      expect(message.payload).toEqual(JSON.parse(schemaFiles[SIGNED_UP_REF]));
    });

    it('inlines the JSON Schema payload without declaring a format', () => {
      const message =
        bundled.channels['_private.user_checkout'].publish.message;
      expect(message.schemaFormat).toBeUndefined();
      expect(message.payload).toMatchObject({
        title: 'UserCheckout',
        type: 'object',
      });
    });

    it('leaves no file refs', () => {
      expect(JSON.stringify(bundled)).not.toContain('"$ref"');
    });

    it('changes neither the input nor what has no file refs', () => {
      expect(JSON.stringify(document)).toBe(before);
      expect(bundled.info).toBe(document.info);
      expect(bundled.channels['_protected.purchased']).toBe(
        document.channels['_protected.purchased'],
      );
    });
  });

  it('returns a document without file refs as it is', () => {
    const document = yaml(
      readFileSync(join(VECTORS, '02-accounting.asyncapi.yaml'), 'utf8'),
    );
    expect(bundle(document)).toBe(document);
    expect(bundle('not a document')).toBe('not a document');
  });

  describe('in AsyncAPI 2.x', () => {
    it('keeps a declared Avro format the viewer reads, and replaces one of another type', () => {
      const declared = bundle(
        v2(
          `schemaFormat: application/vnd.apache.avro+json;version=1.9.0\npayload: { $ref: /schema/signed_up.avsc }`,
        ),
      ).channels.a.publish.message;
      expect(declared.schemaFormat).toBe(
        'application/vnd.apache.avro+json;version=1.9.0',
      );

      const wrong = bundle(
        v2(
          `schemaFormat: application/json;version=1.9.0\npayload: { $ref: /schema/signed_up.avsc }`,
        ),
      ).channels.a.publish.message;
      expect(wrong.schemaFormat).toBe(AVRO);

      const unknownVersion = bundle(
        v2(
          `schemaFormat: application/vnd.apache.avro;version=1.11.1\npayload: { $ref: /schema/signed_up.avsc }`,
        ),
      ).channels.a.publish.message;
      expect(unknownVersion.schemaFormat).toBe(AVRO);
    });

    it('hands Protobuf text to the viewer with the format of its syntax', () => {
      const proto3 = bundle(
        v2(
          `schemaFormat: application/json;version=1.9.0\npayload: { $ref: schema/info.proto }`,
        ),
      ).channels.a.publish.message;
      expect(proto3).toMatchObject({
        schemaFormat: 'application/vnd.google.protobuf;version=3',
        payload: files['schema/info.proto'],
      });
      const proto2 = bundle(v2('payload: { $ref: schema/legacy.proto }'))
        .channels.a.publish.message;
      expect(proto2.schemaFormat).toBe(
        'application/vnd.google.protobuf;version=2',
      );
    });

    it('switches a declared Avro format to JSON Schema for a JSON Schema file', () => {
      const message = bundle(
        v2(`schemaFormat: ${AVRO}\npayload: { $ref: schema/checkout.yml }`),
      ).channels.a.publish.message;
      expect(message.schemaFormat).toBe(
        'application/schema+json;version=draft-07',
      );
      expect(message.payload.title).toBe('Checkout');
    });

    it('inlines Kafka keys: Avro as it is, Protobuf as text', () => {
      const avroKey = bundle(
        v2(
          'bindings: { kafka: { key: { $ref: /schema/key.avsc } } }\npayload: { $ref: /schema/signed_up.avsc }',
        ),
      ).channels.a.publish.message;
      expect(avroKey.bindings.kafka.key).toEqual({
        type: 'record',
        name: 'Key',
        fields: [],
      });

      const protoKey = bundle(
        v2('bindings: { kafka: { key: { $ref: schema/info.proto } } }'),
      ).channels.a.publish.message;
      expect(protoKey.bindings.kafka.key).toEqual({
        type: 'string',
        description: expect.stringContaining(
          'Protobuf schema `schema/info.proto`:\n\n```protobuf\nsyntax = "proto3";',
        ),
      });
    });

    it('reads the messages of oneOf, subscribe and components', () => {
      const bundled = bundle(
        yaml(`asyncapi: '2.6.0'
channels:
  a:
    subscribe:
      message:
        oneOf:
          - payload: { $ref: /schema/signed_up.avsc }
          - $ref: '#/components/messages/checkout'
components:
  messages:
    checkout:
      payload: { $ref: schema/checkout.yml }
`),
      );
      expect(bundled.channels.a.subscribe.message.oneOf[0]).toEqual({
        payload: signedUp,
        schemaFormat: AVRO,
      });
      expect(bundled.channels.a.subscribe.message.oneOf[1]).toEqual({
        $ref: '#/components/messages/checkout',
      });
      expect(bundled.components.messages.checkout.payload.title).toBe(
        'Checkout',
      );
    });
  });

  describe('in AsyncAPI 3.0', () => {
    const document = yaml(`asyncapi: 3.0.0
channels:
  signedUp:
    address: _public.user_signed_up
    messages:
      signedUp:
        bindings: { kafka: { key: { $ref: /schema/key.avsc } } }
        payload: { $ref: /schema/signed_up.avsc }
      info:
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: { $ref: schema/info.proto }
components:
  messages:
    checkout:
      payload: { $ref: schema/checkout.yml }
  schemas:
    signedUp: { $ref: /schema/signed_up.avsc }
`);
    const bundled = bundle(document);
    const messages = bundled.channels.signedUp.messages;

    it('wraps Avro payloads and keys in Multi Format Schema Objects', () => {
      expect(messages.signedUp.payload).toEqual({
        schemaFormat: AVRO,
        schema: signedUp,
      });
      expect(messages.signedUp.bindings.kafka.key).toEqual({
        schemaFormat: AVRO,
        schema: { type: 'record', name: 'Key', fields: [] },
      });
      expect(messages.signedUp.schemaFormat).toBeUndefined();
    });

    it('fills in the schema of a Multi Format Schema Object', () => {
      expect(messages.info.payload).toEqual({
        schemaFormat: 'application/vnd.google.protobuf;version=3',
        schema: files['schema/info.proto'],
      });
    });

    it('inlines JSON Schema files and reads component messages and schemas', () => {
      expect(bundled.components.messages.checkout.payload.title).toBe(
        'Checkout',
      );
      expect(bundled.components.schemas.signedUp).toEqual({
        schemaFormat: AVRO,
        schema: signedUp,
      });
    });
  });

  describe('what the viewer cannot show', () => {
    it('explains a missing file with a string schema, never a format that would reject it', () => {
      const message = bundle(
        v2(`schemaFormat: ${AVRO}\npayload: { $ref: /schema/missing.avsc }`),
        {},
      ).channels.a.publish.message;
      expect(message.schemaFormat).toBe(
        'application/schema+json;version=draft-07',
      );
      expect(message.payload).toEqual({
        type: 'string',
        description:
          "The schema file `/schema/missing.avsc` is not available to the portal: the catalog did not read it. See the spec's source.",
      });
    });

    it('shows the text of a file that does not parse', () => {
      const payload = bundle(v2('payload: { $ref: /schema/broken.avsc }'), {
        '/schema/broken.avsc': '{ "type": ',
      }).channels.a.publish.message.payload;
      expect(payload.description).toMatch(
        /^The schema file `\/schema\/broken\.avsc` cannot be parsed: .+\n\n```\n\{ "type":\n```$/,
      );
    });

    it('shows Avro that refers to types in other files as text', () => {
      const message = bundle(v2('payload: { $ref: /schema/entity.avsc }'), {
        '/schema/entity.avsc':
          '{"type":"record","name":"Entity","fields":[{"name":"a","type":"ThingA"}]}',
      }).channels.a.publish.message;
      expect(message.schemaFormat).toBeUndefined();
      expect(message.payload.type).toBe('string');
      expect(message.payload.description).toContain(
        'Avro schema `/schema/entity.avsc`, shown as text: it uses types defined in other files (ThingA).',
      );
      expect(message.payload.description).toContain('"name": "Entity"');
    });

    it('follows the local refs of a JSON Schema file, and describes recursive and external ones', () => {
      const payload = bundle(v2('payload: { $ref: schema/tree.json }'), {
        'schema/tree.json': JSON.stringify({
          type: 'object',
          properties: {
            leaf: { $ref: '#/definitions/leaf' },
            child: { $ref: '#/definitions/node' },
            other: { $ref: './other.json' },
          },
          definitions: {
            leaf: { type: 'string' },
            node: {
              type: 'object',
              properties: { next: { $ref: '#/definitions/node' } },
            },
          },
        }),
      }).channels.a.publish.message.payload;
      expect(payload.properties.leaf).toEqual({ type: 'string' });
      expect(payload.properties.child).toEqual({
        type: 'object',
        properties: {
          next: { description: 'Recursive: `#/definitions/node`.' },
        },
      });
      expect(payload.properties.other).toEqual({
        description: 'Defined by `./other.json`, not shown here.',
      });
    });

    it('replaces file refs elsewhere, keeping local and remote refs', () => {
      const bundled = bundle(
        v2(`headers: { $ref: schema/info.proto }
payload:
  type: object
  properties:
    checkout: { $ref: schema/checkout.yml }
    notes: { $ref: ./notes.txt }
    local: { $ref: '#/components/schemas/x' }
    remote: { $ref: 'https://example.com/x.json' }`),
      );
      const { headers, payload } = bundled.channels.a.publish.message;
      expect(headers.description).toContain(
        'Protobuf schema `schema/info.proto`',
      );
      expect(payload.properties).toEqual({
        checkout: expect.objectContaining({ title: 'Checkout' }),
        notes: {
          type: 'string',
          description: 'Defined in `./notes.txt`, not shown here.',
        },
        local: { $ref: '#/components/schemas/x' },
        remote: { $ref: 'https://example.com/x.json' },
      });
    });

    it('never reads inherited properties as files', () => {
      const payload = bundle(v2('payload: { $ref: /constructor.avsc }'), {})
        .channels.a.publish.message.payload;
      expect(payload.description).toContain('is not available to the portal');
    });
  });
});
