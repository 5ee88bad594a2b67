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
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { judgeSpec, JudgeSpecOptions, SpecJudge } from './judgeSpec';
import { readSpecFile } from './readSpecFile';

// CI checks the shared contract out beside the repository.
const VECTORS = resolve(__dirname, '../../../../../shared/vectors');

const AVSC =
  '{"type": "record", "name": "User", "namespace": "acme", "fields": [{"name": "id", "type": "string"}]}';

const SPEC = `asyncapi: '2.6.0'
id: 'urn:acme.app'
info: {title: App, version: '1.0.0'}
channels:
  _public.users:
    publish:
      message:
        payload: {$ref: /schema/user.avsc}
`;

describe('judgeSpec', () => {
  let folder: string;
  let file: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'meshport-spec-'));
    mkdirSync(join(folder, 'schema'));
    writeFileSync(join(folder, 'schema/user.avsc'), AVSC);
    file = join(folder, 'asyncapi.yaml');
    writeFileSync(file, SPEC);
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  const load = async (
    path: string,
    options: JudgeSpecOptions & { root?: string } = {},
  ) => {
    const { root, ...judgeOptions } = options;
    return judgeSpec(await readSpecFile(path, { root }), judgeOptions);
  };

  it('resolves "/schema/…" against the spec\'s folder and keeps the raw file text', async () => {
    const { state, problems } = await load(file);
    expect(problems).toEqual([]);
    expect(state!.schemas).toEqual([
      {
        subject: 'acme.app._public.users-value',
        schemaType: 'AVRO',
        topic: 'acme.app._public.users',
        role: 'value',
        ref: '/schema/user.avsc',
        schema: AVSC,
      },
    ]);
  });

  it('resolves "/…" against a root the spec is in', async () => {
    const spec = join(folder, 'specs/asyncapi.yaml');
    mkdirSync(join(folder, 'specs'));
    writeFileSync(spec, SPEC);
    const { state } = await load(spec, { root: folder });
    expect(state!.schemas[0].schema).toBe(AVSC);
  });

  it('applies the principal map', async () => {
    const { state } = await load(file, {
      principalMap: { 'acme.app': 'User:sa-1' },
    });
    expect(state!.principal).toBe('User:sa-1');
  });

  it('returns the parsed document', async () => {
    const { document } = await load(file);
    expect(document).toMatchObject({ id: 'urn:acme.app' });
  });

  it("reads v2 publish as the owner writing, unlike the parser's intent view", async () => {
    const { state } = await load(file);
    expect(state!.topics.map(topic => topic.name)).toEqual([
      'acme.app._public.users',
    ]);
    expect(state!.dependencies).toEqual([]);
  });

  it('judges AsyncAPI 3.0', async () => {
    const { state, problems } = await load(
      join(VECTORS, '02-accounting.asyncapi.yaml'),
    );
    expect(problems).toEqual([]);
    expect(state!.appId).toBe('acme.finance.accounting');
  });

  it('takes file refs as they are without schema files', async () => {
    const { state, problems } = await judgeSpec({ file: 'x', text: SPEC });
    expect(problems).toEqual([]);
    expect(state!.schemas[0].schema).toBeUndefined();
  });

  it('rejects a missing schema file, saying what a leading "/" means', async () => {
    rmSync(join(folder, 'schema/user.avsc'));
    const { state, problems } = await load(file);
    expect(state).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        file,
        message: 'The value schema file "/schema/user.avsc" cannot be read.',
        fix: expect.stringContaining('a leading "/" means'),
      }),
    ]);
  });

  it('rejects when the spec file cannot be read at all', async () => {
    await expect(readSpecFile(join(folder, 'nope.yaml'))).rejects.toThrow(
      /Cannot read the spec file .*nope\.yaml/,
    );
  });

  it('reports AsyncAPI errors with a JSON pointer and a fix', async () => {
    const { state, problems } = await judgeSpec({
      file: 'x.yaml',
      text: SPEC.replace('publish:', 'publsh:'),
      schemaFiles: { '/schema/user.avsc': AVSC },
    });
    expect(state).toBeUndefined();
    expect(problems).toContainEqual({
      severity: 'error',
      file: 'x.yaml',
      location: '/channels/_public.users/publsh',
      message: 'Property "publsh" is not expected to be here.',
      fix: 'Remove "publsh" or check its spelling and indentation.',
    });
  });

  it("puts the reader's problems first, and fails on them", async () => {
    const refused = {
      severity: 'error' as const,
      file: 'x.yaml',
      location: '/channels/_public.users/publish/message/payload',
      message: 'The schema $ref "/schema/user.avsc" leads outside',
    };
    const { state, problems } = await judgeSpec({
      file: 'x.yaml',
      text: SPEC,
      schemaFiles: {},
      problems: [refused],
    });
    expect(state).toBeUndefined();
    expect(problems[0]).toEqual(refused);
  });

  describe('cache', () => {
    // How fast a cache hit is, is bench/rule-engine's figure; here, that it is one.
    const source = () => ({
      file: 'x.yaml',
      text: SPEC,
      schemaFiles: { '/schema/user.avsc': AVSC },
    });

    it('returns the cached result for unchanged content', async () => {
      const judge = new SpecJudge();
      const first = await judge.judge(source());
      for (let i = 0; i < 3; i++) {
        expect(await judge.judge(source())).toBe(first);
      }
    });

    it('sees a changed schema file', async () => {
      const judge = new SpecJudge();
      const first = await judge.judge(source());
      const changed = AVSC.replace('"id"', '"userId"');
      const second = await judge.judge({
        ...source(),
        schemaFiles: { '/schema/user.avsc': changed },
      });
      expect(second).not.toBe(first);
      expect(second.state!.schemas[0].schema).toBe(changed);
    });

    it('keys results by options too', async () => {
      const judge = new SpecJudge();
      const plain = await judge.judge(source());
      const mapped = await judge.judge(source(), {
        principalMap: { 'acme.app': 'User:sa-9' },
      });
      expect(plain.state!.principal).toBe('User:acme.app');
      expect(mapped.state!.principal).toBe('User:sa-9');
    });

    it('can be disabled', async () => {
      const judge = new SpecJudge({ cacheSize: 0 });
      const first = await judge.judge(source());
      const second = await judge.judge(source());
      expect(second).not.toBe(first);
      expect(second).toEqual(first);
    });
  });
});
