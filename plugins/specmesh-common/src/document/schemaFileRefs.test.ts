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
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSpecText } from '../parseSpecText';
import { schemaFileRefs } from './schemaFileRefs';

const EXAMPLES = resolve(__dirname, '../../../../examples/data-products');

function specAt(path: string): unknown {
  return parseSpecText(readFileSync(resolve(EXAMPLES, path), 'utf8')).document;
}

describe('schemaFileRefs', () => {
  it('lists the payload and key files of a spec in document order, once each', () => {
    expect(schemaFileRefs(specAt('shipping/asyncapi.yaml'))).toEqual([
      '/schema/acme.logistics.shipping.ShipmentKey.avsc',
      '/schema/acme.logistics.shipping.ShipmentDispatched.avsc',
      '/schema/acme.logistics.shipping.CarrierCost.avsc',
      '/schema/simple.schema_demo._public.user_signed_up.avsc',
    ]);
    expect(schemaFileRefs(specAt('onboarding/asyncapi.yaml'))).toEqual([
      '/schema/simple.schema_demo._public.user_signed_up.avsc',
      '/schema/simple.schema_demo._public.user_checkout.yml',
    ]);
  });

  it('finds refs anywhere: components, 3.0 messages, relative and file: paths', () => {
    const document = {
      asyncapi: '3.0.0',
      channels: {
        a: { messages: { m: { payload: { $ref: 'schema/a.proto' } } } },
      },
      components: {
        schemas: { b: { $ref: './b.json' }, again: { $ref: './b.json' } },
        messages: { c: { payload: { $ref: 'file:///specs/c.yaml' } } },
      },
    };
    expect(schemaFileRefs(document)).toEqual([
      'schema/a.proto',
      './b.json',
      'file:///specs/c.yaml',
    ]);
  });

  it('leaves out local, remote, fragment and non-schema refs', () => {
    const document = {
      a: { $ref: '#/components/schemas/x' },
      b: { $ref: 'https://example.com/x.avsc' },
      c: { $ref: '/schema/x.yaml#/definitions/y' },
      d: { $ref: '/notes/readme.txt' },
      e: { $ref: 42 },
    };
    expect(schemaFileRefs(document)).toEqual([]);
  });

  it('survives objects shared and nested by YAML aliases', () => {
    const { document } = parseSpecText(
      'a: &loop\n  self: *loop\n  payload: { $ref: /schema/x.avsc }\nb: *loop\n',
    );
    expect(schemaFileRefs(document)).toEqual(['/schema/x.avsc']);
  });

  it('has nothing to say about what is not a document', () => {
    expect(schemaFileRefs(undefined)).toEqual([]);
    expect(schemaFileRefs('asyncapi')).toEqual([]);
  });
});
