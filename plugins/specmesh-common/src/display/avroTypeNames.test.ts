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
import { undefinedAvroTypeNames } from './avroTypeNames';

describe('undefinedAvroTypeNames', () => {
  it('finds nothing in a self-contained schema', () => {
    expect(
      undefinedAvroTypeNames({
        type: 'record',
        name: 'Order',
        namespace: 'acme.shop',
        fields: [
          { name: 'id', type: 'long' },
          {
            name: 'status',
            type: { type: 'enum', name: 'Status', symbols: ['A'] },
          },
          { name: 'previous', type: ['null', 'Status'] },
          { name: 'also', type: 'acme.shop.Status' },
          {
            name: 'lines',
            type: {
              type: 'array',
              items: { type: 'record', name: 'Line', fields: [] },
            },
          },
          { name: 'byId', type: { type: 'map', values: 'Line' } },
          { name: 'parent', type: ['null', 'Order'] },
          {
            name: 'when',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
        ],
      }),
    ).toEqual([]);
    expect(undefinedAvroTypeNames('string')).toEqual([]);
    expect(undefinedAvroTypeNames(['null', 'int'])).toEqual([]);
  });

  it('names the types that live in other files, as the Schema Registry references them', () => {
    expect(
      undefinedAvroTypeNames({
        type: 'record',
        name: 'Entity',
        namespace: 'schema.reference.demo',
        fields: [
          { name: 'a', type: ['null', 'ThingA'], default: null },
          { name: 'b', type: ['schema.reference.demo.ThingB', 'null'] },
          { name: 'c', type: { type: 'array', items: 'shared.SharedThing' } },
        ],
      }),
    ).toEqual(['ThingA', 'schema.reference.demo.ThingB', 'shared.SharedThing']);
  });

  it('resolves names against the enclosing namespace and aliases', () => {
    expect(
      undefinedAvroTypeNames({
        type: 'record',
        name: 'a.Outer',
        fields: [
          {
            name: 'x',
            type: {
              type: 'fixed',
              name: 'Hash',
              size: 16,
              aliases: ['Digest'],
            },
          },
          { name: 'y', type: 'a.Hash' },
          { name: 'z', type: 'Digest' },
          { name: 'w', type: 'b.Hash' },
        ],
      }),
    ).toEqual(['b.Hash']);
  });
});
