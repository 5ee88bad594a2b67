/*
 * Copyright 2026 The Meshport Authors
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
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSpec } from '../loadSpec';
import { runMeshport } from '../program';

const ONBOARDING = resolve(
  __dirname,
  '../../../../examples/data-products/onboarding',
);
const TOPIC = 'acme.lifestyle.onboarding._protected.purchased';
const READER = 'acme.finance.accounting';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runMeshport(args, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('meshport grant / revoke', () => {
  let folder: string;
  let spec: string;
  const original = readFileSync(join(ONBOARDING, 'asyncapi.yaml'), 'utf8');
  const text = () => readFileSync(spec, 'utf8');
  const grantees = async () => {
    const { state, problems } = await loadSpec(spec, {});
    expect(problems.filter(p => p.severity === 'error')).toEqual([]);
    return state!.grants?.[TOPIC] ?? [];
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'meshport-grant-'));
    cpSync(ONBOARDING, folder, { recursive: true });
    spec = join(folder, 'asyncapi.yaml');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('grants in place, changing only the lines of the tag, and says so', async () => {
    const result = await run('grant', spec, '--to', READER, '--topic', TOPIC);
    expect(result).toEqual({
      code: 0,
      stdout: `✔ ${spec}: granted ${READER} read access to ${TOPIC} (channel _protected.purchased)\n`,
      stderr: '',
    });
    expect(await grantees()).toContain(READER);
    const lines = (t: string) => t.split('\n');
    const added = lines(text()).filter(line => !lines(original).includes(line));
    const removed = lines(original).filter(
      line => !lines(text()).includes(line),
    );
    // The multi-line flow list gains an item: a comma after the last one, and a line.
    expect(removed).toEqual([
      '        name: "grant-access:some.other.domain.root"',
    ]);
    expect(added).toEqual([
      '        name: "grant-access:some.other.domain.root",',
      `        name: "grant-access:${READER}"`,
    ]);

    // Again: nothing to do.
    const before = text();
    const again = await run(
      'grant',
      spec,
      '--to',
      READER,
      '--channel',
      '_protected.purchased',
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged, it already grants/);
    expect(text()).toBe(before);
  });

  it('revokes back to the original file, byte for byte', async () => {
    await run('grant', spec, '--to', READER, '--topic', TOPIC);
    const result = await run(
      'revoke',
      spec,
      '--from',
      READER,
      '--topic',
      TOPIC,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /revoked acme\.finance\.accounting read access/,
    );
    expect(text()).toBe(original);
    expect(await grantees()).not.toContain(READER);
  });

  it('--check prints the diff, writes nothing and exits 1', async () => {
    const mtime = statSync(spec).mtimeMs;
    const result = await run(
      'grant',
      spec,
      '--to',
      READER,
      '--topic',
      TOPIC,
      '--check',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^--- ${spec}\\n\\+\\+\\+ ${spec}\\n@@ -\\d+,\\d+ \\+\\d+,\\d+ @@\\n`,
      ),
    );
    expect(result.stdout).toMatch(
      new RegExp(`\\n[+].*grant-access:${READER.replaceAll('.', '\\.')}`),
    );
    expect(result.stdout).toMatch(
      /would grant .* run without --check to write it\n$/,
    );
    expect(text()).toBe(original);
    expect(statSync(spec).mtimeMs).toBe(mtime);
  });

  it('refuses a _private topic with the rule and the fix (exit 2), leaving the file alone', async () => {
    const result = await run(
      'grant',
      spec,
      '--to',
      READER,
      '--topic',
      'acme.lifestyle.onboarding._private.user_checkout',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /private data is never shared \(RULES §3\).*\n {4}fix: Publish a _protected channel/,
    );
    expect(text()).toBe(original);
  });

  it.each([
    [['grant', 'nope.yaml', '--to', READER, '--topic', TOPIC], /nope\.yaml/],
    [
      ['grant', '<spec>', '--topic', TOPIC],
      /needs the reader's app-id: --to <app-id>/,
    ],
    [
      ['revoke', '<spec>', '--to', READER],
      /needs one of --topic <full topic name> or --channel <channel key>/,
    ],
  ])('exits 2 on a wrong command line: %j', async (args, message) => {
    const result = await run(
      ...args.map(arg => (arg === '<spec>' ? spec : arg)),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('prints no terminal escape sequence from its input', async () => {
    const result = await run(
      'grant',
      spec,
      '--to',
      'evil\u001b[2J\u001b]0;owned\u0007',
      '--topic',
      TOPIC,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/characters outside \[A-Za-z0-9_-\]/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(
      // eslint-disable-next-line no-control-regex -- looking for them is the point
      /[\u0000-\u0008\u000b-\u001f]/,
    );
  });

  it('writes nothing into a spec that already has errors', async () => {
    const broken = original.replace(
      '/schema/simple.schema_demo._public.user_signed_up.avsc',
      '/schema/missing.avsc',
    );
    writeFileSync(spec, broken);
    const result = await run('grant', spec, '--to', READER, '--topic', TOPIC);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/not written, the spec has errors/);
    expect(text()).toBe(broken);
  });
});
