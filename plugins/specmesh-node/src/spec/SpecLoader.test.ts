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
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SpecLoader } from './SpecLoader';

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

describe('SpecLoader', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'meshport-spec-'));
    mkdirSync(join(folder, 'schema'));
    writeFileSync(join(folder, 'schema/user.avsc'), AVSC);
    writeFileSync(join(folder, 'asyncapi.yaml'), SPEC);
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('resolves "/schema/…" against the spec\'s folder and keeps the raw file text', async () => {
    const { state, problems } = await new SpecLoader().loadFile(
      join(folder, 'asyncapi.yaml'),
    );
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

  it('resolves "/…" against a configured schema root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'meshport-root-'));
    try {
      mkdirSync(join(root, 'schema'));
      const other = AVSC.replace('User', 'Other');
      writeFileSync(join(root, 'schema/user.avsc'), other);
      const { state } = await new SpecLoader().loadFile(
        join(folder, 'asyncapi.yaml'),
        { schemaRoot: root },
      );
      expect(state!.schemas[0].schema).toBe(other);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('loads text with a base folder', async () => {
    const { state } = await new SpecLoader().loadText(SPEC, {
      baseDir: folder,
      principalMap: { 'acme.app': 'User:sa-1' },
    });
    expect(state!.principal).toBe('User:sa-1');
    expect(state!.schemas[0].schema).toBe(AVSC);
  });

  it('returns the parsed document', async () => {
    const { document } = await new SpecLoader().loadText(SPEC, {
      baseDir: folder,
    });
    expect(document).toMatchObject({ id: 'urn:acme.app' });
  });

  it("reads v2 publish as the owner writing, unlike the parser's intent view", async () => {
    const { state } = await new SpecLoader().loadText(SPEC, {
      baseDir: folder,
    });
    expect(state!.topics.map(topic => topic.name)).toEqual([
      'acme.app._public.users',
    ]);
    expect(state!.dependencies).toEqual([]);
  });

  it('loads AsyncAPI 3.0', async () => {
    const text = readFileSync(
      join(VECTORS, '02-accounting.asyncapi.yaml'),
      'utf8',
    );
    const { state, problems } = await new SpecLoader().loadText(text, {
      baseDir: VECTORS,
    });
    expect(problems).toEqual([]);
    expect(state!.appId).toBe('acme.finance.accounting');
  });

  it('rejects a missing schema file, naming the folder "/" means', async () => {
    rmSync(join(folder, 'schema/user.avsc'));
    const file = join(folder, 'asyncapi.yaml');
    const { state, problems } = await new SpecLoader().loadFile(file);
    expect(state).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        file,
        message: 'The value schema file "/schema/user.avsc" cannot be read.',
        fix: expect.stringContaining(folder),
      }),
    ]);
  });

  it('rejects when the spec file cannot be read at all', async () => {
    await expect(
      new SpecLoader().loadFile(join(folder, 'nope.yaml')),
    ).rejects.toThrow(/Cannot read the spec file .*nope\.yaml/);
  });

  it('reports AsyncAPI errors with a JSON pointer and a fix', async () => {
    const { state, problems } = await new SpecLoader().loadText(
      SPEC.replace('publish:', 'publsh:'),
      { file: 'x.yaml', baseDir: folder },
    );
    expect(state).toBeUndefined();
    expect(problems).toContainEqual({
      severity: 'error',
      file: 'x.yaml',
      location: '/channels/_public.users/publsh',
      message: 'Property "publsh" is not expected to be here.',
      fix: 'Remove "publsh" or check its spelling and indentation.',
    });
  });

  describe('cache', () => {
    // How fast a cache hit is, is bench/rule-engine's figure; here, that it is one.
    it('returns the cached result for unchanged content', async () => {
      const loader = new SpecLoader();
      const file = join(folder, 'asyncapi.yaml');
      const first = await loader.loadFile(file);
      for (let i = 0; i < 3; i++) {
        expect(await loader.loadFile(file)).toBe(first);
      }
    });

    it('sees a changed schema file', async () => {
      const loader = new SpecLoader();
      const file = join(folder, 'asyncapi.yaml');
      const first = await loader.loadFile(file);
      const changed = AVSC.replace('"id"', '"userId"');
      writeFileSync(join(folder, 'schema/user.avsc'), changed);
      const second = await loader.loadFile(file);
      expect(second).not.toBe(first);
      expect(second.state!.schemas[0].schema).toBe(changed);
    });

    it('keys results by options too', async () => {
      const loader = new SpecLoader();
      const plain = await loader.loadText(SPEC, { baseDir: folder });
      const mapped = await loader.loadText(SPEC, {
        baseDir: folder,
        principalMap: { 'acme.app': 'User:sa-9' },
      });
      expect(plain.state!.principal).toBe('User:acme.app');
      expect(mapped.state!.principal).toBe('User:sa-9');
    });

    it('can be disabled', async () => {
      const loader = new SpecLoader({ cacheSize: 0 });
      const first = await loader.loadText(SPEC, { baseDir: folder });
      const second = await loader.loadText(SPEC, { baseDir: folder });
      expect(second).not.toBe(first);
      expect(second).toEqual(first);
    });
  });
});
