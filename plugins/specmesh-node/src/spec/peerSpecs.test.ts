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
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SpecJudge } from './judgeSpec';
import { readSpecFile } from './readSpecFile';

// CI checks the shared contract out beside the repository.
const PEER_SPECS = resolve(
  __dirname,
  '../../../../../shared/peer-specs/specmesh',
);

const REJECTED: Record<string, { location: string; message: string }> = {
  'kafka/apispec-functional-test-app.yaml': {
    location: '/id',
    message: 'has an empty segment (it starts with a dot)',
  },
  'kafka/exporter-expected-spec.yaml': {
    location: '/asyncapi',
    message: 'it has no "asyncapi" version field',
  },
};

function findSpecs(folder: string): string[] {
  return readdirSync(folder).flatMap(name => {
    const path = join(folder, name);
    if (statSync(path).isDirectory())
      return name === 'schema' ? [] : findSpecs(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe("SpecMesh's own specs", () => {
  const judge = new SpecJudge();
  const load = async (file: string) => judge.judge(await readSpecFile(file));
  const specs = findSpecs(PEER_SPECS).map(path => relative(PEER_SPECS, path));

  it('finds them', () => {
    expect(specs.length).toBeGreaterThanOrEqual(15);
    for (const rejected of Object.keys(REJECTED))
      expect(specs).toContain(rejected);
  });

  it.each(specs.filter(spec => !REJECTED[spec]))('accepts %s', async spec => {
    const { state, problems } = await load(join(PEER_SPECS, spec));
    expect(problems.filter(problem => problem.severity === 'error')).toEqual(
      [],
    );
    expect(state?.topics.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(REJECTED))(
    'rejects %s, naming the problem',
    async (spec, { location, message }) => {
      const { state, problems } = await load(join(PEER_SPECS, spec));
      expect(state).toBeUndefined();
      expect(problems).toContainEqual(
        expect.objectContaining({
          severity: 'error',
          location,
          message: expect.stringContaining(message),
        }),
      );
    },
  );

  it('reads their schema files relative to the spec, "/" meaning its folder', async () => {
    const { state } = await load(
      join(PEER_SPECS, 'kafka/provisioner-functional-test-api.yaml'),
    );
    expect(
      state!.schemas.map(schema => [
        schema.subject,
        schema.schemaType,
        schema.ref,
      ]),
    ).toEqual([
      [
        'simple.provision_demo._public.user_signed_up-value',
        'AVRO',
        'schema/simple.provision_demo._public.user_signed_up.avsc',
      ],
      [
        'simple.provision_demo._public.user_signed_up-key',
        'AVRO',
        'schema/simple.provision_demo._public.user_signed_up.key.avsc',
      ],
      [
        'simple.provision_demo._protected.user_info-value',
        'PROTOBUF',
        'schema/simple.provision_demo._public.user_info.proto',
      ],
    ]);
    expect(state!.schemas[2].schema).toContain('message UserInfo');
  });

  it('uses the record name under RecordNameStrategy set on the message binding', async () => {
    const { state } = await load(
      join(PEER_SPECS, 'kafka/schema-ref/com.example.shared-api.yml'),
    );
    expect(state!.schemas.map(schema => schema.subject)).toEqual([
      'com.example.shared.Currency',
    ]);
  });

  it('accepts Avro files with comments, as Avro does, and registers them as written', async () => {
    const { state } = await load(
      join(PEER_SPECS, 'kafka/schema-ref/com.example.trading-api.yml'),
    );
    expect(state!.schemas[0].schema).toContain('// some comment - works');
    expect(state!.dependencies).toEqual([
      {
        topic: 'com.example.shared._public.currency',
        appId: 'com.example.shared',
      },
    ]);
  });

  it('downgrades duplicate operationIds to a warning, as the rule book makes them optional', async () => {
    const { state, problems } = await load(
      join(PEER_SPECS, 'cli/simple_schema_demo-api.yaml'),
    );
    expect(state).toBeDefined();
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('"operationId" must be unique'),
      }),
    );
  });
});
