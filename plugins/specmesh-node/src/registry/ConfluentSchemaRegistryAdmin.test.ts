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
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { ConfluentSchemaRegistryAdmin } from './ConfluentSchemaRegistryAdmin';
import { SchemaRegistryError } from './SchemaRegistryError';

const BASE = 'http://registry.test:8081';
const APICURIO = 'http://apicurio.test:8080/apis/ccompat/v7';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A fetch that answers from a table of `METHOD url` → [status, body]. */
function fakeFetch(answers: Record<string, [number, unknown]>) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    calls.push({
      url,
      method,
      headers: init.headers as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = answers[`${method} ${url}`];
    if (!answer)
      throw Object.assign(new TypeError('fetch failed'), {
        cause: { code: 'ECONNREFUSED' },
      });
    const [status, body] = answer;
    return new Response(body === undefined ? '' : JSON.stringify(body), {
      status,
    });
  }) as unknown as typeof fetch;
  return { fetchImpl, calls };
}

describe('ConfluentSchemaRegistryAdmin', () => {
  it('lists subjects', async () => {
    const { fetchImpl, calls } = fakeFetch({
      [`GET ${BASE}/subjects`]: [200, ['a-value', 'b-key']],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: `${BASE}/` },
      { fetch: fetchImpl },
    );

    expect(await registry.listSubjects()).toEqual(['a-value', 'b-key']);
    expect(calls[0].headers).toEqual({
      Accept: 'application/vnd.schemaregistry.v1+json',
    });
  });

  it('authenticates with basic auth when configured', async () => {
    const { fetchImpl, calls } = fakeFetch({
      [`GET ${BASE}/subjects`]: [200, []],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE, auth: { username: 'key', password: 'secret' } },
      { fetch: fetchImpl },
    );
    await registry.listSubjects();
    expect(calls[0].headers.Authorization).toBe(
      `Basic ${Buffer.from('key:secret').toString('base64')}`,
    );
  });

  it('reads the latest version, Avro when the registry leaves the type out', async () => {
    const { fetchImpl } = fakeFetch({
      [`GET ${BASE}/subjects/a%2Fb-value/versions/latest`]: [
        200,
        {
          subject: 'a/b-value',
          version: 4,
          id: 9,
          schema: '{"type":"string"}',
        },
      ],
      [`GET ${BASE}/subjects/j-value/versions/latest`]: [
        200,
        {
          subject: 'j-value',
          version: 1,
          id: 2,
          schema: '{}',
          schemaType: 'JSON',
        },
      ],
      [`GET ${BASE}/subjects/none/versions/latest`]: [
        404,
        { error_code: 40401, message: "Subject 'none' not found." },
      ],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE },
      { fetch: fetchImpl },
    );

    expect(await registry.latestSchema('a/b-value')).toEqual({
      subject: 'a/b-value',
      version: 4,
      id: 9,
      schemaType: 'AVRO',
      schema: '{"type":"string"}',
    });
    expect((await registry.latestSchema('j-value'))?.schemaType).toBe('JSON');
    expect(await registry.latestSchema('none')).toBeUndefined();
  });

  it("reads the compatibility in force, falling back to the registry's", async () => {
    const { fetchImpl } = fakeFetch({
      [`GET ${BASE}/config/a-value?defaultToGlobal=true`]: [
        200,
        { compatibilityLevel: 'FULL_TRANSITIVE' },
      ],
      [`GET ${BASE}/config/b-value?defaultToGlobal=true`]: [
        404,
        { error_code: 40408 },
      ],
      [`GET ${BASE}/config`]: [200, { compatibilityLevel: 'BACKWARD' }],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE },
      { fetch: fetchImpl },
    );

    expect(await registry.compatibilityLevel('a-value')).toBe(
      'FULL_TRANSITIVE',
    );
    expect(await registry.compatibilityLevel('b-value')).toBe('BACKWARD');
  });

  it("sets a subject's compatibility", async () => {
    const { fetchImpl, calls } = fakeFetch({
      [`PUT ${BASE}/config/a-value`]: [
        200,
        { compatibility: 'FULL_TRANSITIVE' },
      ],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE },
      { fetch: fetchImpl },
    );

    await registry.setCompatibilityLevel('a-value', 'FULL_TRANSITIVE');

    expect(calls[0].body).toEqual({ compatibility: 'FULL_TRANSITIVE' });
    expect(calls[0].headers['Content-Type']).toBe(
      'application/vnd.schemaregistry.v1+json',
    );
  });

  it('finds the version that holds a schema, sending the type only when it is not Avro', async () => {
    const { fetchImpl, calls } = fakeFetch({
      [`POST ${BASE}/subjects/a-value`]: [
        200,
        { subject: 'a-value', version: 2, id: 5, schema: '{}' },
      ],
      [`POST ${BASE}/subjects/j-value`]: [
        404,
        { error_code: 40403, message: 'Schema not found' },
      ],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE },
      { fetch: fetchImpl },
    );

    expect(
      await registry.findVersion('a-value', {
        schemaType: 'AVRO',
        schema: '"string"',
      }),
    ).toBe(2);
    expect(
      await registry.findVersion('j-value', {
        schemaType: 'JSON',
        schema: '{}',
      }),
    ).toBeUndefined();
    expect(calls.map(call => call.body)).toEqual([
      { schema: '"string"' },
      { schema: '{}', schemaType: 'JSON' },
    ]);
  });

  it("checks compatibility against the latest version and keeps the registry's messages", async () => {
    const { fetchImpl, calls } = fakeFetch({
      [`POST ${BASE}/compatibility/subjects/a-value/versions/latest?verbose=true`]:
        [
          200,
          {
            is_compatible: false,
            messages: ['READER_FIELD_MISSING_DEFAULT_VALUE: n'],
          },
        ],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE },
      { fetch: fetchImpl },
    );

    expect(
      await registry.checkCompatibility('a-value', {
        schemaType: 'AVRO',
        schema: '{}',
      }),
    ).toEqual({
      compatible: false,
      messages: ['READER_FIELD_MISSING_DEFAULT_VALUE: n'],
    });
    expect(calls).toHaveLength(1);
  });

  it("asks Apicurio's own API why, since its Confluent API does not say", async () => {
    const { fetchImpl, calls } = fakeFetch({
      [`POST ${APICURIO}/compatibility/subjects/a-value/versions/latest?verbose=true`]:
        [200, { is_compatible: false }],
      [`POST http://apicurio.test:8080/apis/registry/v3/groups/default/artifacts/a-value/versions?dryRun=true`]:
        [
          400,
          {
            causes: [
              {
                description:
                  'reader type: LONG not compatible with writer type: STRING',
                context: '/fields/0/type',
              },
              { description: 'no context' },
            ],
          },
        ],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: APICURIO },
      { fetch: fetchImpl },
    );

    const verdict = await registry.checkCompatibility('a-value', {
      schemaType: 'AVRO',
      schema: '{"x":1}',
    });

    expect(verdict).toEqual({
      compatible: false,
      messages: [
        'reader type: LONG not compatible with writer type: STRING at /fields/0/type',
        'no context',
      ],
    });
    expect(calls[1].body).toEqual({
      content: { content: '{"x":1}', contentType: 'application/json' },
    });
  });

  it("settles for no reasons when Apicurio's own API cannot tell", async () => {
    const { fetchImpl } = fakeFetch({
      [`POST ${APICURIO}/compatibility/subjects/a-value/versions/latest?verbose=true`]:
        [200, { is_compatible: false }],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: APICURIO },
      { fetch: fetchImpl },
    );

    expect(
      await registry.checkCompatibility('a-value', {
        schemaType: 'AVRO',
        schema: '{}',
      }),
    ).toEqual({
      compatible: false,
      messages: [],
    });
  });

  it("turns an error answer into an error with the status, the code and the registry's message", async () => {
    const { fetchImpl } = fakeFetch({
      [`POST ${BASE}/compatibility/subjects/a-value/versions/latest?verbose=true`]:
        [422, { error_code: 42201, message: 'Invalid schema' }],
    });
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE },
      { fetch: fetchImpl },
    );

    const error = await registry
      .checkCompatibility('a-value', { schemaType: 'AVRO', schema: '{' })
      .catch(e => e);

    expect(error).toBeInstanceOf(SchemaRegistryError);
    expect(error).toMatchObject({ status: 422, errorCode: 42201 });
    expect(error.message).toBe(
      'The schema registry answered POST /compatibility/subjects/a-value/versions/latest?verbose=true with 422: Invalid schema',
    );
  });

  it('says so when the registry cannot be reached', async () => {
    const registry = new ConfluentSchemaRegistryAdmin(
      { url: BASE },
      { fetch: fakeFetch({}).fetchImpl },
    );

    const error = await registry.listSubjects().catch(e => e);

    expect(error).toBeInstanceOf(SchemaRegistryError);
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      `Could not reach the schema registry at ${BASE}: ECONNREFUSED`,
    );
  });

  describe('register', () => {
    it("registers through the Confluent client with the subject's compatibility", async () => {
      const client = { register: jest.fn().mockResolvedValue({ id: 12 }) };
      const registry = new ConfluentSchemaRegistryAdmin(
        { url: BASE },
        { client: client as unknown as SchemaRegistry },
      );

      expect(
        await registry.register(
          'j-value',
          { schemaType: 'JSON', schema: '{}' },
          'FULL_TRANSITIVE',
        ),
      ).toEqual({ id: 12 });
      expect(client.register).toHaveBeenCalledWith(
        { type: 'JSON', schema: '{}' },
        {
          subject: 'j-value',
          compatibility: 'FULL_TRANSITIVE',
          updateConfig: false,
        },
      );
    });

    it('says the registry could not be reached, not that it answered 400, when the connection fails', async () => {
      const refused = Object.assign(
        new Error(
          'meshport - Error, status 400: connect ECONNREFUSED 127.0.0.1:8081',
        ),
        { status: 400 },
      );
      const registry = new ConfluentSchemaRegistryAdmin(
        { url: BASE },
        {
          client: {
            register: jest.fn().mockRejectedValue(refused),
          } as unknown as SchemaRegistry,
        },
      );

      const error = await registry
        .register(
          'j-value',
          { schemaType: 'JSON', schema: '{}' },
          'FULL_TRANSITIVE',
        )
        .catch(e => e);

      expect(error).toBeInstanceOf(SchemaRegistryError);
      expect(error.status).toBeUndefined();
      expect(error.message).toBe(
        `The schema registry did not register j-value: could not reach ${BASE}: ECONNREFUSED`,
      );
    });

    describe("a JSON Schema Apicurio's Confluent API cannot classify", () => {
      const unknownType = () =>
        Object.assign(
          new Error(
            'meshport - Failed to discover artifact type from content.',
          ),
          { status: 422 },
        );
      const V3 = 'http://apicurio.test:8080/apis/registry/v3';
      const CREATE = `POST ${V3}/groups/default/artifacts?ifExists=FIND_OR_CREATE_VERSION`;

      it("registers it unchanged through Apicurio's own API, typed JSON", async () => {
        const client = { register: jest.fn().mockRejectedValue(unknownType()) };
        const { fetchImpl, calls } = fakeFetch({
          [CREATE]: [
            200,
            { version: { version: '1', globalId: 40, contentId: 31 } },
          ],
        });
        const registry = new ConfluentSchemaRegistryAdmin(
          { url: APICURIO },
          { client: client as unknown as SchemaRegistry, fetch: fetchImpl },
        );

        expect(
          await registry.register(
            'j-value',
            { schemaType: 'JSON', schema: '{"type":"object"}' },
            'FULL_TRANSITIVE',
          ),
        ).toEqual({ id: 31 });
        expect(calls).toHaveLength(1);
        expect(calls[0].body).toEqual({
          artifactId: 'j-value',
          artifactType: 'JSON',
          firstVersion: {
            content: {
              content: '{"type":"object"}',
              contentType: 'application/json',
            },
          },
        });
      });

      it("reports Apicurio's reason when its own API refuses too", async () => {
        const client = { register: jest.fn().mockRejectedValue(unknownType()) };
        const { fetchImpl } = fakeFetch({
          [CREATE]: [
            400,
            {
              title: 'Incompatible artifact: j-value [JSON]',
              detail:
                'Incompatible artifact: j-value [JSON] Causes: Subschema type changed at /',
              status: 400,
            },
          ],
        });
        const registry = new ConfluentSchemaRegistryAdmin(
          { url: APICURIO },
          { client: client as unknown as SchemaRegistry, fetch: fetchImpl },
        );

        const error = await registry
          .register(
            'j-value',
            { schemaType: 'JSON', schema: '{"type":"string"}' },
            'FULL_TRANSITIVE',
          )
          .catch(e => e);

        expect(error).toBeInstanceOf(SchemaRegistryError);
        expect(error).toMatchObject({ status: 400 });
        expect(error.message).toBe(
          'The schema registry did not register j-value: Incompatible artifact: j-value [JSON] Causes: Subschema type changed at /',
        );
      });

      it('leaves other registries and other types alone', async () => {
        const { fetchImpl, calls } = fakeFetch({});
        const elsewhere = new ConfluentSchemaRegistryAdmin(
          { url: BASE },
          {
            client: {
              register: jest.fn().mockRejectedValue(unknownType()),
            } as unknown as SchemaRegistry,
            fetch: fetchImpl,
          },
        );
        const avroOnApicurio = new ConfluentSchemaRegistryAdmin(
          { url: APICURIO },
          {
            client: {
              register: jest.fn().mockRejectedValue(unknownType()),
            } as unknown as SchemaRegistry,
            fetch: fetchImpl,
          },
        );

        await expect(
          elsewhere.register(
            'j-value',
            { schemaType: 'JSON', schema: '{"type":"object"}' },
            'FULL_TRANSITIVE',
          ),
        ).rejects.toMatchObject({ status: 422 });
        await expect(
          avroOnApicurio.register(
            'a-value',
            { schemaType: 'AVRO', schema: '"string"' },
            'FULL_TRANSITIVE',
          ),
        ).rejects.toMatchObject({ status: 422 });
        expect(calls).toEqual([]);
      });
    });

    it("reports the registry's reason for refusing", async () => {
      const refusal = Object.assign(
        new Error(
          'meshport - Incompatible artifact: j-value [JSON], num of incompatible diffs: {1}',
        ),
        { status: 409 },
      );
      const client = { register: jest.fn().mockRejectedValue(refusal) };
      const registry = new ConfluentSchemaRegistryAdmin(
        { url: BASE },
        { client: client as unknown as SchemaRegistry },
      );

      const error = await registry
        .register(
          'j-value',
          { schemaType: 'JSON', schema: '{}' },
          'FULL_TRANSITIVE',
        )
        .catch(e => e);

      expect(error).toMatchObject({ status: 409 });
      expect(error.message).toBe(
        'The schema registry did not register j-value: Incompatible artifact: j-value [JSON], num of incompatible diffs: {1}',
      );
    });
  });
});
