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
import {
  firstChannel,
  Json,
  isObject,
  messages,
  Mutation,
  mutate,
  payloadMessage,
  v2,
  v2Operations,
  v3,
} from './mutationTools';

/** Mutations of tags, messages, payloads, refs, bindings and 3.0 operations. */
export const MESSAGE_MUTATIONS: Record<string, Mutation> = {
  'tags duplicated': mutate(d => {
    d.tags = [{ name: 'a' }, { name: 'a' }];
  }),
  'tags unique': mutate(d => {
    d.tags = [{ name: 'a' }, { name: 'b' }];
  }),
  'tag without name': mutate(d => {
    d.tags = [{ description: 'nameless' }];
  }),
  'messageId duplicated': v2(d => {
    const found = messages(d);
    if (found.length < 2) return false;
    found[0].messageId = 'same';
    found[1].messageId = 'same';
    return true;
  }),
  'message unknown field': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    found.colour = 'blue';
    return true;
  }),
  'message examples valid': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    found.payload = { type: 'string' };
    found.examples = [{ payload: 'hello' }];
    return true;
  }),
  'message examples invalid': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    found.payload = { type: 'string' };
    found.examples = [{ payload: 42 }];
    return true;
  }),
  'payload inline valid': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    delete found.schemaFormat;
    found.payload = { type: 'object', properties: { id: { type: 'string' } } };
    return true;
  }),
  'payload type misspelt': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    delete found.schemaFormat;
    found.payload = { type: 'strin' };
    return true;
  }),
  'payload type a number': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    delete found.schemaFormat;
    found.payload = { type: 5 };
    return true;
  }),
  'payload required not a list': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    delete found.schemaFormat;
    found.payload = { type: 'object', required: 'id' };
    return true;
  }),
  'payload default of wrong type': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    delete found.schemaFormat;
    found.payload = { type: 'integer', default: 'zero' };
    return true;
  }),
  'payload schema examples wrong': mutate(d => {
    const found = messages(d)[0];
    if (!found || found.$ref) return false;
    delete found.schemaFormat;
    found.payload = { type: 'integer', examples: ['one'] };
    return true;
  }),
  'schemaFormat unknown': mutate(d => {
    const found = payloadMessage(d);
    if (!found) return false;
    found.schemaFormat = 'application/x-custom';
    return true;
  }),
  'schemaFormat json schema': v2(d => {
    const found = payloadMessage(d);
    if (!found) return false;
    found.schemaFormat = 'application/schema+json;version=draft-07';
    found.payload = { type: 'object', properties: { n: { type: 'number' } } };
    return true;
  }),
  'schemaFormat avro inline': v2(d => {
    const found = payloadMessage(d);
    if (!found) return false;
    found.schemaFormat = 'application/vnd.apache.avro;version=1.9.0';
    found.payload = {
      type: 'record',
      name: 'R',
      fields: [{ name: 'a', type: 'int' }],
    };
    return true;
  }),
  'message ref dangling': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    operations[0].message = { $ref: '#/components/messages/Nope' };
    return true;
  }),
  'message ref to component': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    d.components = d.components ?? {};
    d.components.messages = {
      ...(d.components.messages ?? {}),
      Shared: { name: 'Shared', payload: { type: 'string' } },
    };
    operations[0].message = { $ref: '#/components/messages/Shared' };
    return true;
  }),
  'ref with siblings': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    d.components = {
      ...(d.components ?? {}),
      schemas: { S: { type: 'string' } },
    };
    operations[0].message = {
      payload: { $ref: '#/components/schemas/S', description: 'x' },
    };
    return true;
  }),
  'ref escaped': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    d.components = {
      ...(d.components ?? {}),
      schemas: { 'a/b': { type: 'string' } },
    };
    operations[0].message = { payload: { $ref: '#/components/schemas/a~1b' } };
    return true;
  }),
  'ref circular': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    d.components = {
      ...(d.components ?? {}),
      schemas: {
        Node: {
          type: 'object',
          properties: { next: { $ref: '#/components/schemas/Node' } },
        },
      },
    };
    operations[0].message = { payload: { $ref: '#/components/schemas/Node' } };
    return true;
  }),
  'ref in a forbidden place': v2(d => {
    d.components = {
      ...(d.components ?? {}),
      schemas: { Info: { type: 'string' } },
    };
    d.info = { $ref: '#/components/schemas/Info' };
  }),
  'message oneOf': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    operations[0].message = {
      oneOf: [{ payload: { type: 'string' } }, { payload: { type: 'number' } }],
    };
    return true;
  }),
  'message oneOf with a bad payload': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    operations[0].message = {
      oneOf: [{ payload: { type: 'string' } }, { payload: { type: 'numbr' } }],
    };
    return true;
  }),
  'kafka binding partitions a string': mutate(d => {
    const first = firstChannel(d);
    if (!first) return false;
    first[1].bindings = { kafka: { partitions: 'three' } };
    return true;
  }),
  'kafka binding unknown field': mutate(d => {
    const first = firstChannel(d);
    if (!first) return false;
    first[1].bindings = { kafka: { colour: 'blue' } };
    return true;
  }),
  'components unknown section': mutate(d => {
    d.components = { ...(d.components ?? {}), widgets: {} };
  }),
  'big number': mutate(d => {
    d['x-big'] = 12345678901234567890;
  }),
  'v3 operation channel in components': v3(d => {
    const [name, operation] = Object.entries(d.operations ?? {})[0] ?? [];
    if (!name || !isObject(operation)) return false;
    const channel = String(operation.channel?.$ref ?? '')
      .split('/')
      .pop()!;
    d.components = {
      ...(d.components ?? {}),
      channels: { c: d.channels[channel] },
    };
    operation.channel = { $ref: '#/components/channels/c' };
    return true;
  }),
  'v3 operation message of another channel': v3(d => {
    const operations = Object.values(d.operations ?? {}).filter(isObject);
    const channels = (
      Object.entries(d.channels ?? {}) as [string, Json][]
    ).filter(
      ([, c]) =>
        isObject(c) && isObject(c.messages) && Object.keys(c.messages).length,
    );
    if (!operations.length || channels.length < 2) return false;
    const [other, channel] = channels.find(
      ([n]) => operations[0].channel?.$ref !== `#/channels/${n}`,
    )!;
    operations[0].messages = [
      {
        $ref: `#/channels/${other}/messages/${
          Object.keys(channel.messages)[0]
        }`,
      },
    ];
    return true;
  }),
  'v3 operation action wrong': v3(d => {
    const operation = Object.values(d.operations ?? {}).find(isObject);
    if (!operation) return false;
    operation.action = 'publish';
    return true;
  }),
  'v3 channel address with parameter': v3(d => {
    const first = firstChannel(d);
    if (!first) return false;
    first[1].address = '_public.{id}';
    return true;
  }),
};
