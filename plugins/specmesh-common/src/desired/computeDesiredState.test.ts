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
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DesiredStateOptions, SpecProblem } from '../model';
import { parseSpecText } from '../parseSpecText';
import { computeDesiredState } from './computeDesiredState';

// CI checks the shared contract out beside the repository.
const VECTORS = resolve(__dirname, '../../../../../shared/vectors');

function desired(yaml: string, options: DesiredStateOptions = {}) {
  const { document, problems } = parseSpecText(yaml);
  expect(problems).toEqual([]);
  return computeDesiredState(document, options);
}

function messages(
  problems: SpecProblem[],
  severity: SpecProblem['severity'],
): string[] {
  return problems
    .filter(problem => problem.severity === severity)
    .map(problem => problem.message);
}

const sortedJson = (items: unknown[]) =>
  items.map(item => JSON.stringify(item)).sort();

describe('computeDesiredState against the shared vectors', () => {
  const names = readdirSync(VECTORS)
    .filter(file => file.endsWith('.asyncapi.yaml'))
    .map(file => file.replace('.asyncapi.yaml', ''));

  it('finds the vectors', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
  });

  it.each(names)('%s', name => {
    const expected = JSON.parse(
      readFileSync(join(VECTORS, `${name}.expected.json`), 'utf8'),
    );
    const principalsFile = join(VECTORS, `${name}.principals.json`);
    const principalMap = readdirSync(VECTORS).includes(
      `${name}.principals.json`,
    )
      ? JSON.parse(readFileSync(principalsFile, 'utf8'))
      : undefined;
    const schemaFiles: Record<string, string> = {};
    for (const file of readdirSync(join(VECTORS, 'schema'))) {
      schemaFiles[`/schema/${file}`] = readFileSync(
        join(VECTORS, 'schema', file),
        'utf8',
      );
    }
    const { document } = parseSpecText(
      readFileSync(join(VECTORS, `${name}.asyncapi.yaml`), 'utf8'),
    );
    const { state, problems } = computeDesiredState(document, {
      principalMap,
      schemaFiles,
    });

    expect(messages(problems, 'error')).toEqual([]);
    expect(state).toBeDefined();
    expect(state!.appId).toBe(expected.appId);
    expect(state!.principal).toBe(expected.principal);
    expect(sortedJson(state!.topics)).toEqual(sortedJson(expected.topics));
    expect(sortedJson(state!.acls)).toEqual(sortedJson(expected.acls));
    expect(
      sortedJson(
        state!.schemas.map(({ subject, schemaType, topic }) => ({
          subject,
          schemaType,
          topic,
        })),
      ),
    ).toEqual(sortedJson(expected.schemas));
    expect(sortedJson(state!.dependencies)).toEqual(
      sortedJson(expected.dependencies),
    );
  });
});

describe('computeDesiredState', () => {
  it('keeps the raw schema text and ref for registration', () => {
    const avsc =
      '{"type": "record", "name": "U", "namespace": "a", "fields": []}';
    const { state } = desired(
      `asyncapi: 2.6.0
id: urn:acme.app
channels:
  _public.users:
    publish:
      message:
        payload: {$ref: /schema/u.avsc}
`,
      { schemaFiles: { '/schema/u.avsc': avsc } },
    );
    expect(state!.schemas).toEqual([
      {
        subject: 'acme.app._public.users-value',
        schemaType: 'AVRO',
        topic: 'acme.app._public.users',
        role: 'value',
        ref: '/schema/u.avsc',
        schema: avsc,
      },
    ]);
  });

  it('registers an Avro key file but no primitive key', () => {
    const key = '{"type": "record", "name": "K", "fields": []}';
    const { state } = desired(
      `asyncapi: 2.6.0
id: urn:acme.app
channels:
  _public.a:
    publish:
      message:
        bindings: {kafka: {key: {$ref: schema/k.avsc}}}
        payload: {type: object}
  _public.b:
    publish:
      message:
        bindings: {kafka: {key: {type: long}}}
        payload: {type: object}
`,
      { schemaFiles: { 'schema/k.avsc': key } },
    );
    expect(
      state!.schemas.map(
        schema => `${schema.subject} ${schema.schemaType} ${schema.role}`,
      ),
    ).toEqual([
      'acme.app._public.a-value JSON value',
      'acme.app._public.a-key AVRO key',
      'acme.app._public.b-value JSON value',
    ]);
  });

  it('registers an inline payload as Avro when the message says so', () => {
    const { state } = desired(`asyncapi: 2.6.0
id: urn:acme.app
channels:
  _public.a:
    publish:
      message:
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload: {type: record, name: A, namespace: acme, fields: []}
`);
    expect(state!.schemas[0]).toMatchObject({
      schemaType: 'AVRO',
      schema: '{"type":"record","name":"A","namespace":"acme","fields":[]}',
    });
  });

  it("registers nothing for read-only channels, even the owner's own", () => {
    const { state } = desired(
      `asyncapi: 2.6.0
id: urn:acme.app
channels:
  _private.commands:
    subscribe:
      message: {payload: {$ref: /schema/missing.avsc}}
  other.app._public.x:
    subscribe:
      message: {payload: {$ref: /schema/also-missing.avsc}}
`,
      { schemaFiles: {} },
    );
    expect(state!.topics.map(topic => topic.name)).toEqual([
      'acme.app._private.commands',
    ]);
    expect(state!.schemas).toEqual([]);
    expect(state!.dependencies).toEqual([
      { topic: 'other.app._public.x', appId: 'other.app' },
    ]);
  });

  it('maps grantees through the principal map, and _public to User:*', () => {
    const { state } = desired(
      `asyncapi: 2.6.0
id: urn:acme.app
channels:
  _protected.a:
    publish:
      tags: [name: "grant-access:x.reader", name: "grant-access:y.reader", name: "grant-access:_public"]
      message: {payload: {type: object}}
`,
      {
        principalMap: { 'x.reader': 'User:sa-x', 'acme.app': 'User:sa-owner' },
      },
    );
    const grants = state!.acls.filter(
      acl => acl.patternType === 'LITERAL' && acl.resourceType === 'TOPIC',
    );
    expect(grants.map(acl => `${acl.principal} ${acl.operation}`)).toEqual([
      'User:sa-x DESCRIBE',
      'User:sa-x READ',
      'User:y.reader DESCRIBE',
      'User:y.reader READ',
      'User:* DESCRIBE',
      'User:* READ',
    ]);
    expect(state!.principal).toBe('User:sa-owner');
    expect(state!.grants).toEqual({
      'acme.app._protected.a': ['x.reader', 'y.reader', '_public'],
    });
  });

  it('counts grant tags on the channel and the message, not only the operation', () => {
    const { state } = desired(`asyncapi: 3.0.0
id: urn:acme.app
channels:
  a:
    address: _protected.a
    tags: [{name: "grant-access:from.channel"}]
    messages:
      m: {tags: [{name: "grant-access:from.message"}], payload: {type: object}}
operations:
  send:
    action: send
    channel: {$ref: '#/channels/a'}
    tags: [{name: "grant-access:from.operation"}]
`);
    expect(state!.grants).toEqual({
      'acme.app._protected.a': [
        'from.channel',
        'from.operation',
        'from.message',
      ],
    });
  });

  it('rejects grants on _private channels and warns about grants on _public ones', () => {
    const result = desired(`asyncapi: 2.6.0
id: urn:acme.app
channels:
  _private.secret:
    publish:
      tags: [name: "grant-access:x.y"]
      message: {payload: {type: object}}
  _public.open:
    publish:
      tags: [name: "grant-access:x.y"]
      message: {payload: {type: object}}
`);
    expect(result.state).toBeUndefined();
    expect(messages(result.problems, 'error')).toEqual([
      expect.stringContaining('is _private but grants read access to x.y'),
    ]);
    expect(messages(result.problems, 'warning')).toEqual([
      expect.stringContaining(
        'is _public, so its grant-access tags (x.y) change nothing',
      ),
    ]);
  });

  it("warns about grant tags on another app-id's topic and on the owner itself", () => {
    const { state, problems } = desired(`asyncapi: 2.6.0
id: urn:acme.app
channels:
  _protected.mine:
    publish:
      tags: [name: "grant-access:acme.app"]
      message: {payload: {type: object}}
  other.app._protected.theirs:
    subscribe:
      tags: [name: "grant-access:acme.app"]
`);
    expect(messages(problems, 'warning')).toEqual([
      expect.stringContaining('grants access to its own owner acme.app'),
      expect.stringContaining(
        "reads another application's topic; its grant-access tags have no effect",
      ),
    ]);
    expect(
      state!.acls.filter(
        acl => acl.patternType === 'LITERAL' && acl.resourceType === 'TOPIC',
      ),
    ).toEqual([]);
  });

  it('treats level-less channels as _protected, with a warning', () => {
    const { state, problems } = desired(`asyncapi: 2.6.0
id: urn:acme.app
channels:
  orders:
    publish:
      message: {payload: {type: object}}
`);
    expect(state!.topics[0]).toMatchObject({
      name: 'acme.app.orders',
      access: 'protected',
    });
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        location: '/channels/orders',
        message: expect.stringContaining('treated as _protected'),
      }),
    ]);
  });

  it('leaves out IDEMPOTENT_WRITE when switched off', () => {
    const yaml = `asyncapi: 2.6.0
id: urn:acme.app
channels: {}
`;
    expect(
      desired(yaml).state!.acls.some(
        acl => acl.operation === 'IDEMPOTENT_WRITE',
      ),
    ).toBe(true);
    expect(
      desired(yaml, { idempotentWrite: false }).state!.acls.some(
        acl => acl.operation === 'IDEMPOTENT_WRITE',
      ),
    ).toBe(false);
  });

  it('reads 3.0 messages through $refs into components', () => {
    const { state } = desired(`asyncapi: 3.0.0
id: urn:acme.app
channels:
  a:
    address: _public.a
    messages:
      m: {$ref: '#/components/messages/M'}
operations:
  sendA:
    action: send
    channel: {$ref: '#/channels/a'}
    messages: [{$ref: '#/channels/a/messages/m'}]
components:
  messages:
    M:
      payload: {$ref: '#/components/schemas/S'}
  schemas:
    S: {type: object, title: S}
`);
    expect(state!.schemas).toEqual([
      expect.objectContaining({
        subject: 'acme.app._public.a-value',
        schemaType: 'JSON',
        schema: '{"type":"object","title":"S"}',
      }),
    ]);
  });

  it('reads a 3.0 multi-format schema', () => {
    const { state } = desired(`asyncapi: 3.0.0
id: urn:acme.app
channels:
  a:
    address: _public.a
    messages:
      m:
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema: {type: record, name: A, fields: []}
operations:
  sendA: {action: send, channel: {$ref: '#/channels/a'}}
`);
    expect(state!.schemas[0]).toMatchObject({ schemaType: 'AVRO' });
  });

  it('uses a channel key without address in 3.0', () => {
    const { state } = desired(`asyncapi: 3.0.0
id: urn:acme.app
channels:
  _public.a: {}
operations:
  sendA: {action: send, channel: {$ref: '#/channels/_public.a'}}
`);
    expect(state!.topics.map(topic => topic.name)).toEqual([
      'acme.app._public.a',
    ]);
  });

  it('warns about channels no operation uses', () => {
    const { state, problems } = desired(`asyncapi: 3.0.0
id: urn:acme.app
channels:
  _public.unused: {}
`);
    expect(state!.topics).toEqual([]);
    expect(messages(problems, 'warning')).toEqual([
      expect.stringContaining('has no operation'),
    ]);
  });

  it('reports missing schema files only when the caller supplies files', () => {
    const yaml = `asyncapi: 2.6.0
id: urn:acme.app
channels:
  _public.a:
    publish:
      message: {payload: {$ref: /schema/a.avsc}}
`;
    expect(desired(yaml).state!.schemas).toEqual([
      expect.objectContaining({ ref: '/schema/a.avsc', schemaType: 'AVRO' }),
    ]);
    expect(
      desired(yaml, { schemaFiles: {}, file: '/specs/app/asyncapi.yaml' })
        .problems,
    ).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: '/specs/app/asyncapi.yaml',
        location: '/channels/_public.a/publish/message/payload',
        message: 'The value schema file "/schema/a.avsc" cannot be read.',
        fix: expect.stringContaining('a leading "/" means the spec\'s folder'),
      }),
    ]);
  });

  it('gives one subject per distinct payload under record-name strategies', () => {
    const { state, problems } = desired(`asyncapi: 2.6.0
id: urn:acme.app
channels:
  _public.events:
    bindings: {kafka: {schemaLookupStrategy: TopicRecordNameStrategy}}
    publish:
      message:
        oneOf:
          - payload: {type: object, title: acme.Created}
          - payload: {type: object, title: acme.Deleted}
          - payload: {type: object, title: acme.Created}
`);
    expect(problems).toEqual([]);
    expect(state!.schemas.map(schema => schema.subject)).toEqual([
      'acme.app._public.events-acme.Created',
      'acme.app._public.events-acme.Deleted',
    ]);
  });

  it('rejects different schemas under one record name', () => {
    const { problems } = desired(`asyncapi: 2.6.0
id: urn:acme.app
channels:
  _public.events:
    bindings: {kafka: {schemaLookupStrategy: RecordNameStrategy}}
    publish:
      message:
        oneOf:
          - payload: {type: object, title: acme.Created}
          - payload: {type: object, title: acme.Created, required: [id]}
`);
    expect(messages(problems, 'error')).toEqual([
      expect.stringContaining('map to the same subject "acme.Created"'),
    ]);
  });

  it('accepts the same payload twice under TopicNameStrategy', () => {
    const { state } = desired(`asyncapi: 2.6.0
id: urn:acme.app
channels:
  _public.events:
    publish:
      message:
        oneOf:
          - payload: {$ref: '#/components/schemas/E'}
          - payload: {$ref: '#/components/schemas/E'}
components:
  schemas:
    E: {type: object}
`);
    expect(state!.schemas).toHaveLength(1);
  });

  it('does not crash on odd values where objects belong', () => {
    for (const channels of [
      '[]',
      '{a: 3}',
      '{_public.a: {publish: 3}}',
      '{_public.a: {publish: {message: 3}}}',
      '{_public.a: {publish: {message: {payload: 3}}}}',
    ]) {
      const { problems } = desired(
        `asyncapi: 2.6.0\nid: urn:acme.app\nchannels: ${channels}\n`,
      );
      expect(problems.length).toBeGreaterThan(0);
    }
  });
});
