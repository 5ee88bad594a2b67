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
import avro from 'avsc';
import protobuf from 'protobufjs';
import type { SchemaById } from '../registry/ConfluentSchemaRegistryAdmin';
import { PayloadDecoder } from './PayloadDecoder';

function wire(id: number, payload: Uint8Array, indexes?: number[]): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  const parts: Uint8Array[] = [header];
  if (indexes) {
    // Confluent: zigzag varint count then indexes; [0] is a single 0.
    const writer = protobuf.Writer.create();
    if (indexes.length === 1 && indexes[0] === 0) writer.sint32(0);
    else {
      writer.sint32(indexes.length);
      for (const index of indexes) writer.sint32(index);
    }
    parts.push(writer.finish());
  }
  parts.push(payload);
  return Buffer.concat(parts);
}

const avroSchema = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'long' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'blob', type: 'bytes' },
  ],
};
const protoSchema = `
syntax = "proto3";
package acme.shop;
import "google/protobuf/timestamp.proto";
message Other { string x = 1; }
enum Kind { KIND_UNKNOWN = 0; KIND_BIG = 1; }
message Order {
  string id = 1;
  int64 amount = 2;
  Kind kind = 3;
  google.protobuf.Timestamp at = 4;
  message Line { string sku = 1; int32 qty = 2; }
  repeated Line lines = 5;
}
`;

const schemas: Record<number, SchemaById> = {
  1: {
    id: 1,
    schemaType: 'AVRO',
    schema: JSON.stringify(avroSchema),
    references: [],
  },
  2: {
    id: 2,
    schemaType: 'JSON',
    schema: JSON.stringify({
      type: 'object',
      properties: { id: { type: 'string' } },
    }),
    references: [],
  },
  3: { id: 3, schemaType: 'PROTOBUF', schema: protoSchema, references: [] },
  4: { id: 4, schemaType: 'PROTOBUF', schema: 'message {', references: [] },
};

function decoderWith(
  lookup = jest.fn(
    async (id: number): Promise<SchemaById | undefined> => schemas[id],
  ),
) {
  return { decoder: new PayloadDecoder(lookup), lookup };
}

describe('PayloadDecoder', () => {
  it('decodes Avro with the schema of the id, once per id', async () => {
    const { decoder, lookup } = decoderWith();
    const type = avro.Type.forSchema(avroSchema as any);
    const bytes = wire(
      1,
      type.toBuffer({
        id: 'o-1',
        amount: 42,
        note: 'hi',
        blob: Buffer.from([1, 2]),
      }),
    );
    const decoded = await decoder.decode(bytes);
    expect(decoded).toEqual({
      format: 'avro',
      schemaId: 1,
      data: { id: 'o-1', amount: 42, note: 'hi', blob: 'AQI=' },
    });
    await decoder.decode(bytes);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('decodes JSON Schema payloads as JSON', async () => {
    const { decoder } = decoderWith();
    const bytes = wire(2, Buffer.from(JSON.stringify({ id: 'x', n: [1, 2] })));
    expect(await decoder.decode(bytes)).toEqual({
      format: 'json-schema',
      schemaId: 2,
      data: { id: 'x', n: [1, 2] },
    });
  });

  it('decodes Protobuf, following the message indexes to a top-level or nested message', async () => {
    const { decoder } = decoderWith();
    const root = protobuf.parse(protoSchema, { keepCase: true }).root;
    root.addJSON(
      protobuf.common.get('google/protobuf/timestamp.proto')!.nested!,
    );
    const Order = root.lookupType('acme.shop.Order');
    const order = Order.encode(
      Order.fromObject({
        id: 'o-2',
        amount: '9007199254740993',
        kind: 'KIND_BIG',
        at: { seconds: 1700000000 },
        lines: [{ sku: 'a', qty: 2 }],
      }),
    ).finish();
    expect(await decoder.decode(wire(3, order, [1]))).toEqual({
      format: 'protobuf',
      schemaId: 3,
      data: {
        id: 'o-2',
        amount: '9007199254740993',
        kind: 'KIND_BIG',
        at: { seconds: '1700000000' },
        lines: [{ sku: 'a', qty: 2 }],
      },
    });
    const Line = root.lookupType('acme.shop.Order.Line');
    const line = Line.encode(Line.create({ sku: 'b', qty: 3 })).finish();
    expect(await decoder.decode(wire(3, line, [1, 0]))).toMatchObject({
      format: 'protobuf',
      data: { sku: 'b', qty: 3 },
    });
    const Other = root.lookupType('acme.shop.Other');
    const other = Other.encode(Other.create({ x: 'y' })).finish();
    expect(await decoder.decode(wire(3, other, [0]))).toMatchObject({
      format: 'protobuf',
      data: { x: 'y' },
    });
  });

  it('falls back with the reason when the schema cannot decode the payload', async () => {
    const { decoder } = decoderWith();
    const decoded = await decoder.decode(
      wire(1, Buffer.from([0xff, 0xff, 0xff])),
    );
    expect(decoded).toMatchObject({ format: 'bytes', schemaId: 1 });
    expect(decoded!.error).toMatch(/^not decodable with avro schema 1: /);
    expect(
      (await decoder.decode(wire(3, Buffer.from([0x02]), [7])))!.error,
    ).toMatch(/message index 7 names no message/);
    expect((await decoder.decode(wire(4, Buffer.from('x'))))!.error).toMatch(
      /^schema 4 \(PROTOBUF\) cannot be used: /,
    );
  });

  it('says when the registry has no such id or cannot be read, without its credentials', async () => {
    const { decoder } = decoderWith(
      jest.fn(async (id: number) => {
        if (id === 99) return undefined;
        throw new Error(
          'Could not reach https://user:s3cret@registry.example/x',
        );
      }),
    );
    expect(
      await decoder.decode(wire(99, Buffer.from('{"a":1}'))),
    ).toMatchObject({
      schemaId: 99,
      error: 'the registry has no schema with id 99',
    });
    const unreachable = await decoder.decode(wire(7, Buffer.from('hello')));
    expect(unreachable!.error).toMatch(
      /^schema 7 could not be read from the registry: /,
    );
    expect(unreachable!.error).not.toContain('s3cret');
  });

  it('shows plain JSON, escaped text and other bytes safely', async () => {
    const { decoder, lookup } = decoderWith();
    expect(await decoder.decode(Buffer.from(' {"a":[1,true]} '))).toEqual({
      format: 'json',
      data: { a: [1, true] },
    });
    expect(
      await decoder.decode(
        Buffer.from('red \u001b[31malert\u001b[0m\r\ttab\nline \u202egnp.exe'),
      ),
    ).toEqual({
      format: 'text',
      text: 'red \\u001b[31malert\\u001b[0m\\u000d\ttab\nline \\u202egnp.exe',
    });
    expect(await decoder.decode(Buffer.from([0xc3, 0x28, 0x00, 0x01]))).toEqual(
      {
        format: 'bytes',
        base64: 'wygAAQ==',
      },
    );
    expect(await decoder.decode(Buffer.from([0x00, 0x00]))).toEqual({
      format: 'bytes',
      base64: 'AAA=',
    });
    expect(await decoder.decode(null)).toBeNull();
    expect(lookup).not.toHaveBeenCalled();
  });
});
