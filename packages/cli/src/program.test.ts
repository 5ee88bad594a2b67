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
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { judgeSpecStats } from '@meshport/plugin-specmesh-node';
import { runMeshport } from './program';

// CI checks the shared contract out beside the repository.
const SHARED = resolve(__dirname, '../../../../shared');
const SHARED_VECTORS = join(SHARED, 'vectors');
const OWN_VECTORS = resolve(__dirname, '__fixtures__/vectors');
const PEER_SPECS = join(SHARED, 'peer-specs/specmesh');
const BIN = resolve(__dirname, '../bin/meshport');

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runMeshport(args, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
  });
  return { code, stdout, stderr };
}

function vectorsIn(folder: string) {
  return readdirSync(folder)
    .filter(file => file.endsWith('.asyncapi.yaml'))
    .map(file => {
      const name = file.replace('.asyncapi.yaml', '');
      const principals = join(folder, `${name}.principals.json`);
      return {
        name,
        spec: join(folder, file),
        expected: JSON.parse(
          readFileSync(join(folder, `${name}.expected.json`), 'utf8'),
        ),
        args: existsSync(principals) ? ['--principal-map', principals] : [],
      };
    });
}

/** The vectors' comparison: topics, acls, schemas and dependencies are sets. */
function comparable(state: Record<string, unknown>) {
  const sets = ['topics', 'acls', 'schemas', 'dependencies'];
  return Object.fromEntries(
    Object.entries(state).map(([key, value]) => [
      key,
      sets.includes(key)
        ? (value as unknown[]).map(item => JSON.stringify(item)).sort()
        : value,
    ]),
  );
}

describe('meshport desired --json', () => {
  const vectors = [...vectorsIn(SHARED_VECTORS), ...vectorsIn(OWN_VECTORS)];

  it('finds the shared and our own vectors', () => {
    expect(vectors.map(vector => vector.name)).toEqual(
      expect.arrayContaining([
        '01-onboarding',
        '02-accounting',
        '03-onboarding-mapped',
        '11-prefix-sibling',
        '15-record-name-strategy',
      ]),
    );
  });

  it.each(vectors.map(vector => [vector.name, vector] as const))(
    'prints exactly the expected state of %s',
    async (_, vector) => {
      const { code, stdout } = await run(
        'desired',
        vector.spec,
        '--json',
        ...vector.args,
      );
      expect(code).toBe(0);
      const printed = JSON.parse(stdout);
      expect(Object.keys(printed)).toEqual([
        'appId',
        'principal',
        'topics',
        'acls',
        'schemas',
        'dependencies',
      ]);
      expect(comparable(printed)).toEqual(comparable(vector.expected));
    },
  );

  it('runs as a command, with no build step', async () => {
    const vector = vectors.find(v => v.name === '03-onboarding-mapped')!;
    const { stdout } = await promisify(execFile)(process.execPath, [
      BIN,
      'desired',
      vector.spec,
      '--json',
      ...vector.args,
    ]);
    expect(comparable(JSON.parse(stdout))).toEqual(comparable(vector.expected));
    // Starting Node with the TypeScript transform takes seconds on a busy machine.
  }, 120_000);

  it('leaves out IDEMPOTENT_WRITE on request', async () => {
    const { stdout } = await run(
      'desired',
      join(SHARED_VECTORS, '01-onboarding.asyncapi.yaml'),
      '--json',
      '--no-idempotent-write',
    );
    expect(
      JSON.parse(stdout).acls.map(
        (acl: { operation: string }) => acl.operation,
      ),
    ).not.toContain('IDEMPOTENT_WRITE');
  });

  it('prints a summary for people without --json', async () => {
    const { code, stdout } = await run(
      'desired',
      join(SHARED_VECTORS, '02-accounting.asyncapi.yaml'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      'acme.finance.accounting._public.invoice_issued  public  partitions 6  replicas 3',
    );
    expect(stdout).toContain(
      'acme.lifestyle.onboarding._public.user_signed_up  (owner acme.lifestyle.onboarding)',
    );
  });

  it('exits 1 with the problems on stderr for an invalid spec', async () => {
    const { code, stdout, stderr } = await run(
      'desired',
      join(PEER_SPECS, 'kafka/apispec-functional-test-app.yaml'),
      '--json',
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('error at /id:');
  });

  describe('exits 2 on unreadable input', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'meshport-cli-'));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('a missing spec', async () => {
      const { code, stderr } = await run(
        'desired',
        join(folder, 'missing.yaml'),
        '--json',
      );
      expect(code).toBe(2);
      expect(stderr).toContain('Cannot read the spec file');
    });

    it.each([
      ['not JSON', '{', 'is not valid JSON'],
      ['a list', '[]', 'must be a JSON object'],
      ['no principal', '{"a.b": "sa-1"}', 'maps "a.b" to "sa-1"'],
    ])('a principal map that is %s', async (_, text, message) => {
      const map = join(folder, 'principals.json');
      writeFileSync(map, text);
      const { code, stderr } = await run(
        'desired',
        join(SHARED_VECTORS, '01-onboarding.asyncapi.yaml'),
        '--principal-map',
        map,
      );
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    });

    it('a wrong command line', async () => {
      expect((await run('desired')).code).toBe(2);
      expect((await run('frobnicate')).code).toBe(2);
    });
  });
});

describe('meshport validate', () => {
  // The first spec of a process compiles the AsyncAPI JSON Schema and sets
  // up the parser: seconds on a busy machine.
  jest.setTimeout(120_000);

  it('accepts valid specs, with their warnings, and exits 0', async () => {
    const { code, stdout } = await run(
      'validate',
      join(SHARED_VECTORS, '01-onboarding.asyncapi.yaml'),
      join(PEER_SPECS, 'kafka/customacl-bigdatalondon-api.yaml'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('✔');
    expect(stdout).toContain(
      'warning at /channels/zzpublic.attendee: The channel "zzpublic.attendee" has no access level',
    );
    expect(stdout).toContain(
      'fix: Start the channel name with _public., _protected. or _private.',
    );
    expect(stdout).toContain('2 specs: 2 valid, 0 invalid, 0 unreadable');
  });

  it('prints file, location, message and fix of each error and exits 1', async () => {
    const spec = join(PEER_SPECS, 'kafka/exporter-expected-spec.yaml');
    const { code, stdout } = await run(
      'validate',
      join(SHARED_VECTORS, '02-accounting.asyncapi.yaml'),
      spec,
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${spec}: error at /asyncapi: The document is not an AsyncAPI spec: it has no "asyncapi" version field.\n    fix: Add "asyncapi: 3.0.0"`,
    );
    expect(stdout).toContain(`✖ ${spec}: 1 error, 0 warnings`);
  });

  it('--strict runs the AsyncAPI parser where the fast path would not, with the same verdicts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'meshport-strict-'));
    try {
      // Texts the judge has not seen in this process: its cache keeps verdicts.
      const vector = readFileSync(
        join(SHARED_VECTORS, '02-accounting.asyncapi.yaml'),
        'utf8',
      );
      const valid = join(folder, 'valid.yaml');
      writeFileSync(valid, `${vector}# ${folder}\n`);
      const invalid = join(folder, 'invalid.yaml');
      writeFileSync(
        invalid,
        `${vector.replace(/^info:/m, 'colour: blue\ninfo:')}# ${folder}\n`,
      );
      const before = judgeSpecStats();
      const fast = await run('validate', valid, invalid);
      const afterFast = judgeSpecStats();
      const strict = await run('validate', '--strict', valid, invalid);
      const afterStrict = judgeSpecStats();

      expect(afterFast.fastPath - before.fastPath).toBe(1);
      expect(afterFast.parser - before.parser).toBe(1);
      expect(afterStrict.fastPath - afterFast.fastPath).toBe(0);
      expect(afterStrict.parser - afterFast.parser).toBe(2);
      expect(strict).toEqual(fast);
      expect(fast.code).toBe(1);
      expect(fast.stdout).toContain(`✔ ${valid}: valid`);
      expect(fast.stdout).toContain(
        `${invalid}: error at /colour: Property "colour" is not expected to be here.`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits 2 when a spec cannot be read, and still checks the others', async () => {
    const { code, stdout, stderr } = await run(
      'validate',
      '/nonexistent/spec.yaml',
      join(SHARED_VECTORS, '01-onboarding.asyncapi.yaml'),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      'Cannot read the spec file /nonexistent/spec.yaml',
    );
    expect(stdout).toContain('1 valid, 0 invalid, 1 unreadable');
  });
});
