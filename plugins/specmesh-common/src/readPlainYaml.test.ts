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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { readPlainYaml } from './readPlainYaml';

const REPOSITORY = resolve(__dirname, '../../..');
const CORPUS = [
  resolve(REPOSITORY, '../shared/vectors'),
  resolve(REPOSITORY, '../shared/peer-specs'),
  join(REPOSITORY, 'plugins/specmesh-node/src/__fixtures__'),
  join(REPOSITORY, 'examples'),
];

function yamlFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .flatMap(name => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

/** What `yaml` reads, as parseSpecText asks it; undefined on any error. */
function slowRead(text: string): unknown {
  const document = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
  });
  if (document.errors.length > 0) return undefined;
  return document.toJS({ maxAliasCount: 1000 });
}

// Texts where a fast reader could part from `yaml`: each is read alike or
// handed to `yaml`.
const EDGE_CASES = [
  'a: 1\nb: 0o17\nc: 0x1F\nd: 017\ne: +5\nf: -0\ng: 0b101\nh: 1_000\n',
  'a: .5\nb: 1.\nc: 1e3\nd: -.inf\ne: .NaN\nf: .nan\ng: 1.0e+3\nh: 12:30\n',
  'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nUll\ng: "null"\n',
  'a: true\nb: True\nc: TRUE\nd: yes\ne: on\nf: tRUE\ng: y\nh: n\n',
  'a: 2001-12-14\nb: 2001-12-14t21:59:43.10-05:00\n',
  '~: a\n',
  'null: a\n',
  ': a\n',
  '1: a\n"1": b\n',
  '0x1F: a\n31: b\n',
  'true: a\nTrue: b\n',
  'a: 1\na: 2\n',
  'a: b: c\n',
  'a: "x"#c\n',
  'a: [b]#c\n',
  'a: {b: c}#d\n',
  "a: 'x'#c\n",
  'a: "#x"\n',
  'a: {b:1}\n',
  'a: [b:1, c :d]\n',
  'a: {"b":1}\n',
  'a: {b: 1,}\n',
  'a: [- b]\n',
  'a: [b, [c, {d: [e]}]]\n',
  'a: b #c\n#d\ne: f\n',
  'a:    \n  b\n',
  'a: "\\\n  b"\n',
  'a: "b\\\n  c"\n',
  '- a: 1\n  b: 2\n- c\n',
  'a:\n- b: 1\n  c: 2\n',
  'a: x #c\nb: "y" # d\n',
  'a: @x\n',
  'a: `x\n',
  'a:\n  - b\n   - c\n',
  'a:\n- b\n- c\n',
  'a:\n  b: 1\n c: 2\n',
  'a: |\n  one\n   two\n\n  three\n\n\n',
  'a: >\n  one\n  two\n\n   more\n  three\n',
  'a: |-\n  x\nb: >+\n  y\n\n',
  'a: |2\n    x\n',
  'a: "one\n  two\n\n  three"\n',
  "a: 'it''s\n  folded'\n",
  'a: plain\n  multi line\n\n  scalar\n',
  'a: "\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\/"\n',
  'a: "\\q"\n',
  'a: [b, {c: d}, e: f]\n',
  'a: {b: [c, d], e}\n',
  'a: [b, c,]\n',
  'a: {b: 1, b: 2}\n',
  '[a]: b\n',
  '{a: 1}: b\n',
  '? a\n: b\n',
  'a: !!str 1\n',
  'a: &x 1\nb: *x\n',
  '<<: {a: 1}\n',
  '%YAML 1.1\n---\na: yes\n',
  '---\na: 1\n',
  'a: 1\n---\nb: 2\n',
  'a: 1\n...\n',
  'a:\tb\n',
  'a: b\r\nc: d\r\n',
  '\uFEFFa: 1\n',
  '__proto__: {a: 1}\nb: 2\n',
  'a: "x" y\n',
  "a: 'x\n",
  'a: [b\n',
  '- a\n- b\n',
  'just a scalar\n',
  '# only a comment\n',
  'a: b\n  c: d\n',
  'a:\n  b:\n    - c: 1\n      d: 2\n    - e\n',
  '"a\n b": 1\n',
  `${'k'.repeat(1100)}: 1\n`,
  'a: x:y\nb: x: y\n',
  'a: -\nb: - c\n',
  'a: 9007199254740993\nb: 1e400\nc: 0o\n',
  'a: 😀 🎉\nb: ü\n',
];

describe('readPlainYaml', () => {
  it.each(EDGE_CASES.map(text => [text]))(
    'reads %j as yaml does, or leaves it to yaml',
    text => {
      // Left to yaml (undefined) reads as yaml reads it.
      const slow = slowRead(text);
      expect(readPlainYaml(text) ?? slow).toStrictEqual(slow);
    },
  );

  it('reads every spec of the corpus as yaml does, or leaves it to yaml', () => {
    const files = CORPUS.flatMap(yamlFiles);
    expect(files.length).toBeGreaterThan(20);
    let fastReads = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = readPlainYaml(text);
      if (fast === undefined) continue;
      fastReads++;
      expect({ file, read: fast }).toStrictEqual({
        file,
        read: slowRead(text),
      });
    }
    // The fast reader is taken for most plain specs, not only for none.
    expect(fastReads).toBeGreaterThan(files.length / 2);
  });

  it('reads a plain spec fast', () => {
    const text = [
      "asyncapi: '2.6.0'",
      "id: 'urn:acme.shop'",
      'info: {title: Shop, version: 1.0.0}',
      'channels:',
      '  _public.orders:',
      '    bindings: {kafka: {partitions: 3, replicas: 3}}',
      '    publish:',
      '      tags: [name: "grant-access:acme.reader"]',
      '      message:',
      '        payload: {type: object}',
      '',
    ].join('\n');
    expect(readPlainYaml(text)).toStrictEqual(slowRead(text));
    expect(readPlainYaml(text)).toBeDefined();
  });
});
