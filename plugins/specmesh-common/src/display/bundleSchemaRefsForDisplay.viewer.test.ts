/**
 * @jest-environment node
 */

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

// The portal's AsyncAPI viewer (@asyncapi/react-component) parses with
// @asyncapi/parser and the Avro and Protobuf schema parsers: a bundled spec must
// parse with them without errors, or the whole Definition tab shows them.
import { AvroSchemaParser as avroSchemaParser } from '@asyncapi/avro-schema-parser';
import { Parser } from '@asyncapi/parser';
import { ProtoBuffSchemaParser as protobufSchemaParser } from '@asyncapi/protobuf-schema-parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { schemaFileRefs } from '../document/schemaFileRefs';
import { parseSpecText } from '../parseSpecText';
import { bundleSchemaRefsForDisplay } from './bundleSchemaRefsForDisplay';

const REPOSITORY = resolve(__dirname, '../../../..');
// CI checks the shared contract out beside the repository.
const SHARED = resolve(REPOSITORY, '../shared');

// Errors of these specs themselves, which the viewer shows whatever we do.
const OWN_ERRORS: Record<string, RegExp> = {
  'peer-specs/specmesh/cli/simple_schema_demo-api.yaml':
    /"operationId" must be unique/,
  'peer-specs/specmesh/kafka/apispec-functional-test-app.yaml':
    /"operationId" must be unique/,
};

function specsBelow(folder: string): string[] {
  return readdirSync(folder).flatMap(name => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return specsBelow(path);
    return /\.ya?ml$/.test(name) &&
      /^asyncapi:/m.test(readFileSync(path, 'utf8'))
      ? [path]
      : [];
  });
}

/** The schema files of a spec, read as the catalog module reads them. */
function schemaFilesOf(
  document: unknown,
  specFile: string,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const ref of schemaFileRefs(document)) {
    try {
      files[ref] = readFileSync(join(dirname(specFile), ref), 'utf8');
    } catch {
      // Peer specs name schemas their owners keep: shown as placeholders.
    }
  }
  return files;
}

const parser = new Parser();
parser.registerSchemaParser(avroSchemaParser());
parser.registerSchemaParser(protobufSchemaParser());

async function viewerErrors(document: unknown): Promise<string[]> {
  const { diagnostics } = await parser.parse(JSON.stringify(document));
  return diagnostics
    .filter(diagnostic => diagnostic.severity === 0)
    .map(
      diagnostic => `${diagnostic.message} at /${diagnostic.path.join('/')}`,
    );
}

describe('bundled specs in the portal’s AsyncAPI viewer', () => {
  const specs = [
    ...specsBelow(join(REPOSITORY, 'examples')).map(file => ({
      name: relative(REPOSITORY, file),
      file,
    })),
    ...['vectors', 'peer-specs'].flatMap(folder =>
      specsBelow(join(SHARED, folder)).map(file => ({
        name: relative(SHARED, file),
        file,
      })),
    ),
  ];

  it('finds the examples, vectors and peer specs', () => {
    expect(specs.length).toBeGreaterThanOrEqual(20);
  });

  it.each(specs)('$name parses without errors', async ({ name, file }) => {
    const { document } = parseSpecText(readFileSync(file, 'utf8'));
    const bundled = bundleSchemaRefsForDisplay(
      document,
      schemaFilesOf(document, file),
    );
    const errors = await viewerErrors(bundled);
    const expected = OWN_ERRORS[name];
    expect(errors.filter(error => !expected?.test(error))).toEqual([]);
  });

  it('converts the Avro payload of the onboarding example for display', async () => {
    const file = join(
      REPOSITORY,
      'examples/data-products/onboarding/asyncapi.yaml',
    );
    const { document } = parseSpecText(readFileSync(file, 'utf8'));
    const { document: parsed } = await parser.parse(
      JSON.stringify(
        bundleSchemaRefsForDisplay(document, schemaFilesOf(document, file)),
      ),
    );
    const payload = parsed!
      .channels()
      .get('_public.user_signed_up')!
      .messages()[0]
      .payload();
    expect(payload?.type()).toBe('object');
    expect(Object.keys(payload?.properties() ?? {})).toEqual([
      'fullName',
      'email',
      'age',
    ]);
  });

  it('shows AsyncAPI 3.0 Avro, Protobuf and JSON Schema files', async () => {
    const avro =
      '{"type":"record","name":"Key","namespace":"acme","fields":[{"name":"id","type":"long"}]}';
    const { document } = parseSpecText(`asyncapi: 3.0.0
info: { title: t, version: '1' }
channels:
  a:
    address: acme.app._public.a
    messages:
      avro:
        bindings: { kafka: { key: { $ref: /schema/key.avsc } } }
        payload: { $ref: /schema/key.avsc }
      proto:
        payload: { $ref: /schema/info.proto }
      json:
        payload: { $ref: /schema/info.json }
      missing:
        payload: { $ref: /schema/missing.avsc }
operations:
  send:
    action: send
    channel: { $ref: '#/channels/a' }
`);
    const bundled = bundleSchemaRefsForDisplay(document, {
      '/schema/key.avsc': avro,
      '/schema/info.proto':
        'syntax = "proto3";\nmessage Info { string name = 1; }\n',
      '/schema/info.json':
        '{"title":"Info","type":"object","properties":{"name":{"type":"string"}}}',
    });
    expect(await viewerErrors(bundled)).toEqual([]);
    const { document: parsed } = await parser.parse(JSON.stringify(bundled));
    const messages = parsed!.channels().get('a')!.messages();
    for (const id of ['avro', 'proto', 'json']) {
      const payload = messages.get(id)!.payload();
      expect(payload?.type()).toBe('object');
    }
  });
});
