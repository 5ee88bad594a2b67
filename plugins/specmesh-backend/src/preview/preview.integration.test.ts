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
/*
 * GET /topics/{topic}/messages against the real broker and Apicurio of
 * @meshport/dev-infra: schemas registered for real, messages produced with
 * real encoders, read back decoded, newest first, under the limit and the
 * byte cap, by whom the permission and the _private rule allow, with no
 * consumer group left behind and every preview audited without content.
 */
import { createTestTopics, testProducer } from '@meshport/dev-infra';
import type { Entity } from '@backstage/catalog-model';
import avro from 'avsc';
import { Kafka, logLevel, Message } from 'kafkajs';
import protobuf from 'protobufjs';
import request from 'supertest';
import { useRealCluster } from '../__testUtils__/realCluster';
import {
  ADMIN,
  as,
  MAX_BYTES,
  MAX_MESSAGES,
  messagesUrl,
  OWNER,
  previewMesh,
  READER,
  registerSchema,
  startPreviewBackend,
  wire,
} from './__testUtils__/previewMesh';

jest.setTimeout(300_000);

const realCluster = useRealCluster('preview');
const BASE = Date.UTC(2026, 0, 1);

const avroSchema = {
  type: 'record',
  name: 'Order',
  namespace: 'acme.preview',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'int' },
  ],
};
const protoSchema = `syntax = "proto3";
package acme.preview;
message Header { string trace = 1; }
message Order { string id = 1; int32 amount = 2; }
`;

async function createAndProduce(
  topics: Array<{ topic: string; partitions?: number; messages: Message[] }>,
) {
  const { infra } = realCluster;
  await createTestTopics(
    realCluster.kafkaAdmin,
    topics.map(t => ({
      topic: t.topic,
      numPartitions: t.partitions ?? 1,
    })),
  );
  const kafka = new Kafka({
    clientId: 'preview-it-producer',
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  });
  const producer = testProducer(kafka);
  await producer.connect();
  for (const t of topics) {
    await producer.send({ topic: t.topic, messages: t.messages });
  }
  await producer.disconnect();
}

async function groupIds(): Promise<string[]> {
  const { groups } = await realCluster.kafkaAdmin.listGroups();
  return groups.map(g => g.groupId).sort();
}

describe('GET /topics/{topic}/messages', () => {
  it('shows the owner Avro, JSON Schema, Protobuf and raw messages decoded, newest first, joining no group', async () => {
    const m = previewMesh(realCluster);
    const registry = realCluster.infra.registry.url;
    const avroId = await registerSchema(
      registry,
      `${m.names.avro}-value`,
      'AVRO',
      JSON.stringify(avroSchema),
    );
    const jsonId = await registerSchema(
      registry,
      `${m.names.json}-value`,
      'JSON',
      JSON.stringify({
        type: 'object',
        properties: { id: { type: 'string' } },
      }),
    );
    const protoId = await registerSchema(
      registry,
      `${m.names.proto}-value`,
      'PROTOBUF',
      protoSchema,
    );
    const avroType = avro.Type.forSchema(avroSchema as any);
    const Order = protobuf
      .parse(protoSchema)
      .root.lookupType('acme.preview.Order');
    // Avro: 3 partitions, partition p message i stamped BASE + i*3 + p.
    const avroMessages: Message[] = [];
    for (let i = 0; i < 4; i++) {
      for (let p = 0; p < 3; p++) {
        avroMessages.push({
          partition: p,
          key: `order-${p}-${i}`,
          value: wire(
            avroId,
            avroType.toBuffer({ id: `o${p}${i}`, amount: i }),
          ),
          timestamp: String(BASE + i * 3 + p),
        });
      }
    }
    await createAndProduce([
      { topic: m.names.avro, partitions: 3, messages: avroMessages },
      {
        topic: m.names.json,
        messages: [{ value: wire(jsonId, Buffer.from('{"id":"j1"}')) }],
      },
      {
        topic: m.names.proto,
        // Message index 1 (Order), written as count 1 then zigzag(1) = 2.
        messages: [
          {
            value: wire(
              protoId,
              Order.encode(Order.create({ id: 'p1', amount: 7 })).finish(),
              [2, 2],
            ),
          },
        ],
      },
      {
        topic: m.names.raw,
        messages: [
          {
            key: null,
            value: Buffer.from([0xff, 0x00, 0xfe]),
            timestamp: String(BASE + 1),
          },
          {
            key: 'k',
            value: 'alert \u001b[2J',
            timestamp: String(BASE + 2),
            headers: { trace: 'abc' },
          },
          { value: '{"plain":true}', timestamp: String(BASE + 3) },
          // Says wire format, names no schema.
          {
            value: wire(987654321, Buffer.from('??')),
            timestamp: String(BASE + 4),
          },
        ],
      },
    ]);
    const { server, events } = await startPreviewBackend(
      realCluster,
      m.entities,
      {
        publicTopics: false,
      },
    );
    const groupsBefore = await groupIds();

    const merged = await request(server)
      .get(messagesUrl(m.names.avro, '?limit=4'))
      .set(as(OWNER));
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      topic: m.names.avro,
      cluster: 'local',
      limit: 4,
      partition: null,
      truncated: false,
    });
    expect(
      merged.body.messages.map((msg: any) => [
        msg.partition,
        msg.offset,
        msg.key.text,
      ]),
    ).toEqual([
      [2, '3', 'order-2-3'],
      [1, '3', 'order-1-3'],
      [0, '3', 'order-0-3'],
      [2, '2', 'order-2-2'],
    ]);
    expect(merged.body.messages[0]).toMatchObject({
      timestamp: new Date(BASE + 9 + 2).toISOString(),
      value: {
        format: 'avro',
        schemaId: avroId,
        data: { id: 'o23', amount: 3 },
      },
      headers: [],
    });

    const onePartition = await request(server)
      .get(messagesUrl(m.names.avro, '?partition=1'))
      .set(as(OWNER));
    expect(onePartition.status).toBe(200);
    expect(onePartition.body.partition).toBe(1);
    expect(onePartition.body.limit).toBe(MAX_MESSAGES);
    expect(onePartition.body.messages.map((msg: any) => msg.offset)).toEqual([
      '3',
      '2',
      '1',
      '0',
    ]);

    const json = await request(server)
      .get(messagesUrl(m.names.json))
      .set(as(OWNER));
    expect(json.body.messages[0].value).toEqual({
      format: 'json-schema',
      schemaId: jsonId,
      data: { id: 'j1' },
    });
    const proto = await request(server)
      .get(messagesUrl(m.names.proto))
      .set(as(OWNER));
    expect(proto.body.messages[0].value).toEqual({
      format: 'protobuf',
      schemaId: protoId,
      data: { id: 'p1', amount: 7 },
    });

    const raw = await request(server)
      .get(messagesUrl(m.names.raw))
      .set(as(OWNER));
    expect(raw.status).toBe(200);
    const [unknownId, plainJson, text, bytes] = raw.body.messages;
    expect(unknownId.value).toMatchObject({
      schemaId: 987654321,
      error: 'the registry has no schema with id 987654321',
    });
    expect(plainJson.value).toEqual({ format: 'json', data: { plain: true } });
    expect(text).toMatchObject({
      key: { format: 'text', text: 'k' },
      value: { format: 'text', text: 'alert \\u001b[2J' },
      headers: [{ key: 'trace', value: { format: 'text', text: 'abc' } }],
    });
    expect(bytes).toMatchObject({
      key: null,
      value: { format: 'bytes', base64: '/wD+' },
    });

    expect(await groupIds()).toEqual(groupsBefore);
    const previews = events.filter(e => e.eventId === 'topic-preview');
    expect(previews).toHaveLength(5);
    expect(previews[0]).toEqual({
      eventId: 'topic-preview',
      outcome: 'success',
      meta: {
        actor: OWNER,
        topic: m.names.avro,
        partition: null,
        limit: 4,
        cluster: 'local',
        count: 4,
        bytes: merged.body.messages.reduce(
          (sum: number, msg: any) => sum + msg.sizeBytes,
          0,
        ),
        truncated: false,
      },
    });
    // Never the content.
    expect(JSON.stringify(events)).not.toContain('o23');
  });

  it('stops at the byte cap and refuses a limit or partition out of bounds, naming it', async () => {
    const m = previewMesh(realCluster);
    await createAndProduce([
      {
        topic: m.names.big,
        messages: [...Array(6).keys()].map(i => ({
          value: `${i}`.padEnd(1_500, '.'),
          timestamp: String(BASE + i),
        })),
      },
    ]);
    const { server } = await startPreviewBackend(realCluster, m.entities, {
      publicTopics: false,
    });
    const capped = await request(server)
      .get(messagesUrl(m.names.big, '?limit=5'))
      .set(as(OWNER));
    expect(capped.status).toBe(200);
    expect(capped.body.truncated).toBe(true);
    expect(capped.body.messages.map((msg: any) => msg.value.text[0])).toEqual([
      '5',
      '4',
    ]);
    expect(capped.body.messages.length * 1_500).toBeLessThanOrEqual(MAX_BYTES);

    const tooMany = await request(server)
      .get(messagesUrl(m.names.big, '?limit=31'))
      .set(as(OWNER));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe(
      'limit: 31 is not a whole number from 1 to 30 (specmesh.preview.maxMessages)',
    );
    const badPartition = await request(server)
      .get(messagesUrl(m.names.big, '?partition=-1'))
      .set(as(OWNER));
    expect(badPartition.status).toBe(400);
    expect(badPartition.body.error.message).toMatch(/partition/);
    const noPartition = await request(server)
      .get(messagesUrl(m.names.big, '?partition=4'))
      .set(as(OWNER));
    expect(noPartition.status).toBe(404);
    expect(noPartition.body.error.message).toContain('has no partition 4');
    const unknown = await request(server)
      .get(messagesUrl(`${m.appId}._protected.nothing`))
      .set(as(OWNER));
    expect(unknown.status).toBe(404);
  });

  it('refuses who the policy refuses, keeps _private to its owners whatever the policy says, and opens _public when configured', async () => {
    const m = previewMesh(realCluster);
    await createAndProduce(
      [m.names.raw, m.names.private, m.names.public].map(topic => ({
        topic,
        messages: [{ value: 'hello' }],
      })),
    );
    const closed = await startPreviewBackend(realCluster, m.entities, {
      publicTopics: false,
    });
    const reader = await request(closed.server)
      .get(messagesUrl(m.names.raw))
      .set(as(READER));
    expect(reader.status).toBe(403);
    expect(reader.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'needs specmesh.topic.preview on resource:default/',
      ),
    });
    const privateForAdmin = await request(closed.server)
      .get(messagesUrl(m.names.private))
      .set(as(ADMIN));
    expect(privateForAdmin.status).toBe(403);
    expect(privateForAdmin.body.error.message).toMatch(
      /^Previewing messages of a _private topic is for its owners only/,
    );
    const privateForOwner = await request(closed.server)
      .get(messagesUrl(m.names.private))
      .set(as(OWNER));
    expect(privateForOwner.status).toBe(200);
    const publicClosed = await request(closed.server)
      .get(messagesUrl(m.names.public))
      .set(as(READER));
    expect(publicClosed.status).toBe(403);
    expect(publicClosed.body.error.message).toContain(
      'specmesh.preview.publicTopics is true',
    );
    expect(closed.events.filter(e => e.outcome === 'fail')).toHaveLength(3);

    const open = await startPreviewBackend(realCluster, m.entities, {
      publicTopics: true,
    });
    const publicOpen = await request(open.server)
      .get(messagesUrl(m.names.public))
      .set(as(READER));
    expect(publicOpen.status).toBe(200);
    expect(publicOpen.body.messages[0].value).toEqual({
      format: 'text',
      text: 'hello',
    });
    expect(
      (await request(open.server).get(messagesUrl(m.names.raw)).set(as(READER)))
        .status,
    ).toBe(403);
  });

  it('opens nothing through a kafka-topic Resource registered by hand', async () => {
    const m = previewMesh(realCluster);
    await createAndProduce(
      [m.names.raw, m.names.private].map(topic => ({
        topic,
        messages: [{ value: 'not for the reader' }],
      })),
    );
    // The reader's own entities for the owner's topics, labelled public.
    const forged: Entity[] = [m.names.raw, m.names.private].map(topic => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `copy-of-${topic.split('.').pop()}`,
        namespace: 'default',
        annotations: { 'meshport.dev/topic': topic },
        labels: { 'meshport.dev/access': 'public' },
      },
      spec: { type: 'kafka-topic', owner: READER },
      relations: [{ type: 'ownedBy', targetRef: READER }],
    }));
    const { server, events } = await startPreviewBackend(
      realCluster,
      [...forged, ...m.entities],
      { publicTopics: true },
    );
    const raw = await request(server)
      .get(messagesUrl(m.names.raw))
      .set(as(READER));
    expect(raw.status).toBe(403);
    const emitted = m.entities.find(
      e => e.metadata.annotations?.['meshport.dev/topic'] === m.names.raw,
    )!;
    expect(raw.body.error.message).toContain(
      `needs specmesh.topic.preview on resource:default/${emitted.metadata.name},`,
    );
    const secret = await request(server)
      .get(messagesUrl(m.names.private))
      .set(as(READER));
    expect(secret.status).toBe(403);
    expect(JSON.stringify([raw.body, secret.body])).not.toContain(
      'not for the reader',
    );
    const owner = await request(server)
      .get(messagesUrl(m.names.raw))
      .set(as(OWNER));
    expect(owner.status).toBe(200);
    expect(events.map(e => e.outcome)).toEqual(['fail', 'fail', 'success']);
  });

  it('answers 503 without credentials when the cluster cannot be reached', async () => {
    const m = previewMesh(realCluster, 'down');
    const { server } = await startPreviewBackend(realCluster, m.entities, {
      publicTopics: false,
    });
    const res = await request(server)
      .get(messagesUrl(m.names.raw))
      .set(as(OWNER));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^Could not read topic .* on cluster down: /,
    );
    expect(JSON.stringify(res.body)).not.toContain('down-secret-93');
  });
});
