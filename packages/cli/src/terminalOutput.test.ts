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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { terminalSafeText } from './io';
import { runMeshport } from './program';

const BIN = resolve(__dirname, '../bin/meshport');
const ESC = '\u001b';

/** Any C0 or C1 control character but tab, line feed and a CRLF's CR. */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

describe('terminalSafeText', () => {
  it.each([
    ['a CSI colour', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['a screen clear', `a${ESC}[2J${ESC}[Hb`, 'ab'],
    ['an OSC title ended by BEL', `${ESC}]0;pwned\u0007title`, 'title'],
    ['an OSC hyperlink ended by ST', `${ESC}]8;;http://x${ESC}\\link`, 'link'],
    ['an 8-bit CSI', '\u009b2Jx', 'x'],
    ['a lone ESC', `${ESC}x`, 'x'],
    ['a carriage return that overwrites the line', 'safe\rEVIL', 'safeEVIL'],
    ['backspace, bell, DEL and NUL', 'a\b\u0007\u007f\u0000b', 'ab'],
    ['a C1 control', 'a\u0085b', 'ab'],
  ])('strips %s', (_case, text, expected) => {
    expect(terminalSafeText(text)).toBe(expected);
  });

  it('keeps line feeds, tabs, CRLF line ends and other Unicode', () => {
    const text = '✖ a\tb\nc,d\r\ne — ü 漢\n';
    expect(terminalSafeText(text)).toBe(text);
  });
});

describe('what meshport prints', () => {
  let folder: string;
  let spec: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'meshport-terminal-'));
    // Escape codes in the file name, the channel name, a tag and the title.
    spec = join(folder, `spec${ESC}[1m.yaml`);
    writeFileSync(
      spec,
      [
        "asyncapi: '2.5.0'",
        "id: 'urn:acme.shop'",
        'info:',
        '  title: "Shop \\e]0;pwned\\a"',
        "  version: '1.0.0'",
        'channels:',
        '  "_public.orders\\e[31mred\\e[0m\\r\\b\\u009b2J":',
        '    publish:',
        '      tags: [name: "grant-access:acme.\\e[2Jevil"]',
        '      message:',
        '        payload: { type: object }',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([['validate'], ['desired'], ['desired', '--json']])(
    'carries no control characters from the spec: %s',
    async (...args) => {
      let stdout = '';
      let stderr = '';
      const code = await runMeshport([...args, spec], {
        stdout: text => (stdout += text),
        stderr: text => (stderr += text),
      });
      expect(code).toBe(1);
      const printed = `${stdout}${stderr}`;
      expect(printed).toContain('error at /channels/_public.ordersred');
      expect(printed).toContain(join(folder, 'spec.yaml'));
      expect(printed).not.toMatch(RAW_CONTROL);
    },
    60_000,
  );

  it('carries none from the process either', async () => {
    const failed = await promisify(execFile)(process.execPath, [
      BIN,
      'validate',
      spec,
    ]).catch(error => error);
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toContain(
      'The channel "_public.ordersred"',
    );
    expect(failed.stdout).not.toMatch(RAW_CONTROL);
    expect(failed.stderr).not.toMatch(RAW_CONTROL);
  }, 120_000);
});
