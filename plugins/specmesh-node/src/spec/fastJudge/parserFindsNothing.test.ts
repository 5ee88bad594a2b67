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
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { replaceExternalRefs } from '../externalRefs';
import { parserFindsNothing } from './parserFindsNothing';

const parser = new Parser({ ruleset: { recommended: false } });

const V2 = `asyncapi: '2.6.0'
id: 'urn:acme.fast.app'
info: {title: Fast, version: '1.0.0'}
servers:
  prod: {url: 'broker:9092', protocol: kafka}
channels:
  _public.a:
    publish:
      operationId: writeA
      message: {$ref: '#/components/messages/A'}
  _private.b:
    subscribe:
      operationId: readB
      message:
        schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0'
        payload: {$ref: '/schema/b.avsc'}
components:
  messages:
    A: {payload: {$ref: '#/components/schemas/A'}}
  schemas:
    A: {type: object, properties: {id: {type: string}}}
`;

const V3 = `asyncapi: 3.0.0
id: 'urn:acme.fast.v3'
info: {title: Fast, version: '1.0.0'}
channels:
  a:
    address: _public.a
    messages:
      A: {payload: {type: string}}
operations:
  sendA:
    action: send
    channel: {$ref: '#/channels/a'}
    messages: [{$ref: '#/channels/a/messages/A'}]
`;

async function fastAnswer(text: string): Promise<boolean> {
  const { document, externalRefs } = replaceExternalRefs(parse(text));
  return parserFindsNothing({
    parser,
    document,
    text: externalRefs.length === 0 ? text : undefined,
  });
}

async function parserErrors(text: string): Promise<number> {
  const { document, externalRefs } = replaceExternalRefs(parse(text));
  const input = externalRefs.length === 0 ? text : (document as any);
  const { diagnostics } = await parser.parse(input);
  return diagnostics.filter(d => d.severity === 0).length;
}

describe('parserFindsNothing', () => {
  // Compiling the AsyncAPI JSON Schema on a busy machine.
  jest.setTimeout(120_000);

  it.each([
    ['a valid 2.6 spec with local and external refs', V2],
    ['a valid 3.0 spec', V3],
    [
      'a payload in a format no schema parser reads (a warning only)',
      V2.replace(
        "A: {payload: {$ref: '#/components/schemas/A'}}",
        "A: {schemaFormat: 'application/x-custom', payload: {a: 1}}",
      ),
    ],
  ])('trusts %s, as the parser does', async (_, text) => {
    expect(await fastAnswer(text)).toBe(true);
    expect(await parserErrors(text)).toBe(0);
  });

  it.each([
    ['an unknown field', V2.replace('info:', 'colour: blue\ninfo:')],
    ['an unsupported version', V2.replace("'2.6.0'", "'2.7.0'")],
    ['a dangling ref', V2.replace("schemas/A'}}", "schemas/Nope'}}")],
    [
      'an invalid payload schema',
      V2.replace('{type: object, properties', '{type: objet, properties'),
    ],
    ['a duplicated operationId', V2.replace('readB', 'writeA')],
    [
      'a channel server that is not defined',
      V2.replace('    publish:\n', '    servers: [nope]\n    publish:\n'),
    ],
    [
      'duplicated tags',
      V2.replace('info:', 'tags: [{name: a}, {name: a}]\ninfo:'),
    ],
    [
      'a 3.0 operation on a component channel',
      V3.replace(
        "channel: {$ref: '#/channels/a'}",
        "channel: {$ref: '#/components/channels/a'}",
      ),
    ],
    [
      'a 3.0 operation message of another channel',
      V3.replace(
        "[{$ref: '#/channels/a/messages/A'}]",
        "[{$ref: '#/channels/b/messages/A'}]",
      ),
    ],
  ])('hands %s to the parser', async (_, text) => {
    expect(await fastAnswer(text)).toBe(false);
    expect(await parserErrors(text)).toBeGreaterThan(0);
  });

  it.each([
    [
      'operation traits',
      V2.replace(
        'operationId: writeA',
        'operationId: writeA\n      traits: [{description: t}]',
      ),
    ],
    [
      'message examples',
      V2.replace(
        'A: {payload:',
        'A: {examples: [{payload: {id: x}}], payload:',
      ),
    ],
    // The parser reads the text itself when no ref leaves it (else the
    // judge's reading, as JSON).
    ['YAML anchors and aliases', `${V3}x-a: &a {b: 1}\nx-c: *a\n`],
    ['a YAML tag', V3.replace("version: '1.0.0'", 'version: !!str 1.0.0')],
    // The parser accepts an undefined parameter; the fast path does not check.
    ['a channel parameter', V2.replace('_public.a:', '_public.{id}:')],
    ['a JSON text', JSON.stringify(parse(V3))],
    [
      'a circular ref',
      V2.replace(
        'properties: {id: {type: string}}',
        "properties: {self: {$ref: '#/components/schemas/A'}}",
      ),
    ],
    [
      'server variables',
      V2.replace(
        "'broker:9092'",
        "'{host}:9092', variables: {host: {default: b}}",
      ),
    ],
  ])('hands %s, which it does not model, to the parser', async (_, text) => {
    expect(await fastAnswer(text)).toBe(false);
  });

  it('hands refs that expand exponentially to the parser, without expanding them', async () => {
    const levels = Array.from(
      { length: 40 },
      (_, i) =>
        `    L${i}: {type: object, properties: {a: {$ref: '#/components/schemas/L${
          i + 1
        }'}, b: {$ref: '#/components/schemas/L${i + 1}'}}}`,
    );
    const text = `${V3}components:\n  schemas:\n${levels.join(
      '\n',
    )}\n    L40: {type: string}\n`;
    expect(await fastAnswer(text)).toBe(false);
  });

  it('never trusts what is not an AsyncAPI document', async () => {
    for (const document of [null, 'text', [], { asyncapi: 2 }, {}]) {
      expect(await parserFindsNothing({ parser, document })).toBe(false);
    }
  });
});
