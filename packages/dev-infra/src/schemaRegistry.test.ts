/*
 * Proof that the harness' registry is a real Confluent-compatible schema registry for the client
 * Meshport provisions with: @kafkajs/confluent-schema-registry registers Avro and JSON schemas and
 * reads them back, and the registry's own compatibility check rejects an incompatible change.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { RunningInfra, startOrReuseInfra } from './infra';

jest.setTimeout(300_000);

let infra: RunningInfra;
let registry: SchemaRegistry;

beforeAll(async () => {
  infra = await startOrReuseInfra({ users: [] });
  registry = new SchemaRegistry({ host: infra.registry.url });
});

afterAll(async () => {
  await infra?.stop();
});

const unique = () =>
  `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

const registryHeaders = {
  'Content-Type': 'application/vnd.schemaregistry.v1+json',
};

async function setCompatibility(subject: string, compatibility: string) {
  const response = await fetch(`${infra.registry.url}/config/${subject}`, {
    method: 'PUT',
    headers: registryHeaders,
    body: JSON.stringify({ compatibility }),
  });
  expect(response.status).toBe(200);
}

const userSignedUp = (fields: object[]) => ({
  type: 'record',
  namespace: 'dev_infra_it',
  name: 'UserSignedUp',
  fields,
});

describe('schema registry through @kafkajs/confluent-schema-registry', () => {
  it('registers an Avro schema and reads it back', async () => {
    const subject = `dev-infra-it.${unique()}._public.user_signed_up-value`;
    const schema = userSignedUp([
      { name: 'fullName', type: 'string' },
      { name: 'age', type: 'int' },
    ]);

    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject },
    );

    expect(await registry.getLatestSchemaId(subject)).toBe(id);
    const stored = await fetch(`${infra.registry.url}/schemas/ids/${id}`).then(
      r => r.json(),
    );
    expect(JSON.parse(stored.schema)).toEqual(schema);
    const encoded = await registry.encode(id, { fullName: 'Ada', age: 36 });
    expect(await registry.decode(encoded)).toEqual({
      fullName: 'Ada',
      age: 36,
    });
  });

  it('registers a JSON schema and reads it back', async () => {
    const subject = `dev-infra-it.${unique()}._protected.invoice-value`;
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Invoice',
      type: 'object',
      properties: { invoiceId: { type: 'string' }, amount: { type: 'number' } },
      required: ['invoiceId'],
    };

    const { id } = await registry.register(
      { type: SchemaType.JSON, schema: JSON.stringify(schema) },
      { subject },
    );

    const response = await fetch(`${infra.registry.url}/schemas/ids/${id}`);
    const body = await response.json();
    expect(body.schemaType).toBe('JSON');
    expect(JSON.parse(body.schema)).toMatchObject({ title: 'Invoice' });
    const encoded = await registry.encode(id, {
      invoiceId: 'i-1',
      amount: 12.5,
    });
    expect(await registry.decode(encoded)).toEqual({
      invoiceId: 'i-1',
      amount: 12.5,
    });
  });

  it('rejects an incompatible change through the compatibility check', async () => {
    const subject = `dev-infra-it.${unique()}._public.user_signed_up-value`;
    await registry.register(
      {
        type: SchemaType.AVRO,
        schema: JSON.stringify(
          userSignedUp([{ name: 'fullName', type: 'string' }]),
        ),
      },
      { subject },
    );
    await setCompatibility(subject, 'BACKWARD');
    // A new required field without a default cannot read data written with the old schema.
    const incompatible = userSignedUp([
      { name: 'fullName', type: 'string' },
      { name: 'email', type: 'string' },
    ]);

    const check = await fetch(
      `${infra.registry.url}/compatibility/subjects/${subject}/versions/latest`,
      {
        method: 'POST',
        headers: registryHeaders,
        body: JSON.stringify({ schema: JSON.stringify(incompatible) }),
      },
    );
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ is_compatible: false });

    await expect(
      registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(incompatible) },
        { subject },
      ),
    ).rejects.toThrow();

    // A compatible change (a new field with a default) is accepted as the next version.
    const compatible = userSignedUp([
      { name: 'fullName', type: 'string' },
      { name: 'email', type: 'string', default: '' },
    ]);
    await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(compatible) },
      { subject },
    );
    const versions = await fetch(
      `${infra.registry.url}/subjects/${subject}/versions`,
    );
    expect(await versions.json()).toEqual([1, 2]);
  });
});
