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
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What no output, error or log may ever contain: the outside files hold it. */
export const OUTSIDE_SECRET = 'MESHPORT-OUTSIDE-SECRET';

/** One hostile spec, and what a reader or judge must say about it. */
export interface HostileSpec {
  /** What the spec tries, for test names. */
  name: string;
  /** The spec file, in the corpus's `root` folder. */
  spec: string;
  /** Where the error is (a JSON pointer), and a part of its message. */
  location: string;
  message: string;
}

/** A corpus of hostile specs in a temporary folder; `remove()` deletes it. */
export interface HostileSpecCorpus {
  /** The specs' folder: every schema ref must stay in it. */
  root: string;
  /** A folder beside it, holding files with {@link OUTSIDE_SECRET}. */
  outside: string;
  specs: HostileSpec[];
  remove(): void;
}

const PAYLOAD = '/channels/_public.events/publish/message/payload';

function specReferring(ref: string, appId: string): string {
  return `asyncapi: '2.6.0'
id: 'urn:acme.hostile.${appId}'
info: { title: Hostile, version: '1.0.0' }
channels:
  _public.events:
    publish:
      message:
        payload:
          $ref: '${ref}'
`;
}

/**
 * Writes the hostile-spec corpus (issue 12): schema refs that leave the
 * spec's folder by `../`, an absolute path, `file://`, `/../..`, an encoded
 * climb and a symbolic link; a device (`file:///dev/zero`, a link to it); a
 * FIFO; an oversized file; a wrong extension; a YAML alias bomb; 100,000-deep
 * nesting; and terminal escape codes in a channel name. Symbolic links and
 * the FIFO are made here, since git keeps neither safely.
 */
export function createHostileSpecCorpus(): HostileSpecCorpus {
  const base = mkdtempSync(join(tmpdir(), 'meshport-hostile-'));
  const root = join(base, 'product');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'schema'), { recursive: true });
  mkdirSync(outside);
  const secret = JSON.stringify({ type: 'string', doc: OUTSIDE_SECRET });
  writeFileSync(join(outside, 'secret.avsc'), secret);
  writeFileSync(join(root, 'secret.txt'), secret);
  // Valid Avro of 2 MiB, over the 1 MiB a schema file may have.
  writeFileSync(
    join(root, 'schema/big.avsc'),
    JSON.stringify({ type: 'string', doc: 'x'.repeat(2 * 1024 * 1024) }),
  );
  symlinkSync(join(outside, 'secret.avsc'), join(root, 'schema/link.avsc'));
  symlinkSync('/dev/zero', join(root, 'schema/zero.avsc'));
  execFileSync('mkfifo', [join(root, 'schema/pipe.avsc')]);

  const specs: HostileSpec[] = [];
  const add = (
    name: string,
    file: string,
    text: string,
    location: string,
    message: string,
  ) => {
    writeFileSync(join(root, file), text);
    specs.push({ name, spec: join(root, file), location, message });
  };
  const outsideUrl = pathToFileURL(join(outside, 'secret.avsc')).href;
  const refusals: Array<[string, string, string, string]> = [
    ['a relative climb', 'relative', '../outside/secret.avsc', 'leads outside'],
    ['a file: URL', 'file-url', outsideUrl, 'leads outside'],
    [
      'a climb from the schema root',
      'root-climb',
      '/../../../../../../outside/secret.avsc',
      'leads outside',
    ],
    [
      'an encoded climb in a file: URL',
      'encoded',
      `${pathToFileURL(root).href}/%2e%2e/outside/secret.avsc`,
      'leads outside',
    ],
    ['a symbolic link out', 'symlink', '/schema/link.avsc', 'leads outside'],
    ['a link to a device', 'device-link', '/schema/zero.avsc', 'leads outside'],
    ['a FIFO', 'fifo', '/schema/pipe.avsc', 'not a regular file'],
    ['an oversized file', 'oversized', '/schema/big.avsc', 'larger than 1 MiB'],
    // A leading "/" is the schema root: an absolute path stays inside it.
    [
      'an absolute path',
      'absolute',
      join(outside, 'secret.avsc'),
      'cannot be read',
    ],
    [
      'a device URL',
      'device-url',
      'file:///dev/zero',
      'no known schema extension',
    ],
    [
      'a wrong extension',
      'extension',
      '/secret.txt',
      'no known schema extension',
    ],
  ];
  for (const [name, file, ref, message] of refusals) {
    add(
      name,
      `${file}.yaml`,
      specReferring(ref, file.replace('-', '_')),
      PAYLOAD,
      message,
    );
  }

  const laughs = [
    "asyncapi: '2.6.0'",
    'x0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from(
      { length: 9 },
      (_, i) => `x${i + 1}: &x${i + 1} [${Array(9).fill(`*x${i}`).join(',')}]`,
    ),
  ].join('\n');
  add('a YAML alias bomb', 'alias-bomb.yaml', laughs, '/', 'alias bomb');
  add(
    'nesting 100,000 deep',
    'deep.yaml',
    `asyncapi: '2.6.0'\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    '/',
    'levels deep',
  );
  add(
    'escape codes in a channel name',
    'escape-codes.yaml',
    specReferring('/schema/ok.avsc', 'escape_codes').replace(
      '_public.events',
      '"_public.\\e[2J\\e[31mred"',
    ),
    '/channels/_public.\u001b[2J\u001b[31mred',
    'topic',
  );
  writeFileSync(join(root, 'schema/ok.avsc'), '"string"');

  return {
    root,
    outside,
    specs,
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}
