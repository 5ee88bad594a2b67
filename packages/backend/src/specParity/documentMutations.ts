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
  Mutation,
  mutate,
  renameFirstChannel,
  v2,
  v2Operations,
} from './mutationTools';

/** Mutations of the root, info, servers, channels and operations. */
export const DOCUMENT_MUTATIONS: Record<string, Mutation> = {
  unchanged: mutate(() => true),
  'unknown root field': mutate(d => {
    d.colour = 'blue';
  }),
  'root extension': mutate(d => {
    d['x-team'] = 'payments';
  }),
  'unknown info field': mutate(d => {
    d.info.colour = 'blue';
  }),
  'info version a number': mutate(d => {
    d.info.version = 1;
  }),
  'info missing': mutate(d => {
    delete d.info;
  }),
  'title empty object': mutate(d => {
    d.info.title = {};
  }),
  'contact email malformed': mutate(d => {
    d.info.contact = { name: 'x', email: 'not-an-email' };
  }),
  'contact email fine': mutate(d => {
    d.info.contact = { name: 'x', email: 'team@example.com' };
  }),
  'license url malformed': mutate(d => {
    d.info.license = { name: 'MIT', url: 'not a url' };
  }),
  'id not a uri': mutate(d => {
    d.id = 'not a uri';
  }),
  'version unsupported': mutate(d => {
    d.asyncapi = String(d.asyncapi).startsWith('2.') ? '2.7.0' : '3.2.0';
  }),
  'version patch': mutate(d => {
    d.asyncapi = String(d.asyncapi).replace(/\.0$/, '.1');
  }),
  'version 2.0.0': v2(d => {
    d.asyncapi = '2.0.0';
  }),
  'version 2.6.0': v2(d => {
    d.asyncapi = '2.6.0';
  }),
  'description with markup': mutate(d => {
    d.info.description = 'See *this* & [that]: !important';
  }),
  'channels empty': mutate(d => {
    d.channels = {};
  }),
  'channel null': mutate(
    d =>
      renameFirstChannel(d, 'nothing') && ((d.channels.nothing = null), true),
  ),
  'channel with query': mutate(d => renameFirstChannel(d, '_public.a?b=1')),
  'channel with fragment': mutate(d => renameFirstChannel(d, '_public.a#b')),
  'channel parameter undefined': mutate(d =>
    renameFirstChannel(d, '_public.{id}'),
  ),
  'channel parameter defined': v2(d => {
    if (!renameFirstChannel(d, '_public.{id}')) return false;
    d.channels['_public.{id}'].parameters = {
      id: { schema: { type: 'string' } },
    };
    return true;
  }),
  'channel parameter redundant': v2(d => {
    const first = firstChannel(d);
    if (!first) return false;
    first[1].parameters = { id: { schema: { type: 'string' } } };
    return true;
  }),
  'channel server unknown': mutate(d => {
    const first = firstChannel(d);
    if (!first) return false;
    first[1].servers = String(d.asyncapi).startsWith('2.')
      ? ['nowhere']
      : [{ $ref: '#/servers/nowhere' }];
    return true;
  }),
  'channel server known': mutate(d => {
    const first = firstChannel(d);
    if (!first) return false;
    d.servers = {
      prod: { url: 'kafka:9092', host: 'kafka:9092', protocol: 'kafka' },
    };
    if (String(d.asyncapi).startsWith('2.')) {
      delete d.servers.prod.host;
      first[1].servers = ['prod'];
    } else {
      delete d.servers.prod.url;
      first[1].servers = [{ $ref: '#/servers/prod' }];
    }
    return true;
  }),
  'server plain': mutate(d => {
    d.servers = String(d.asyncapi).startsWith('2.')
      ? { prod: { url: 'broker:9092', protocol: 'kafka' } }
      : { prod: { host: 'broker:9092', protocol: 'kafka' } };
  }),
  'server protocol missing': v2(d => {
    d.servers = { prod: { url: 'broker:9092' } };
  }),
  'server variable undefined': v2(d => {
    d.servers = { prod: { url: '{host}:9092', protocol: 'kafka' } };
  }),
  'server variable defined': v2(d => {
    d.servers = {
      prod: {
        url: '{host}:9092',
        protocol: 'kafka',
        variables: { host: { default: 'b' } },
      },
    };
  }),
  'server variable redundant': v2(d => {
    d.servers = {
      prod: {
        url: 'b:9092',
        protocol: 'kafka',
        variables: { host: { default: 'b' } },
      },
    };
  }),
  'server security undefined scheme': v2(d => {
    d.servers = {
      prod: { url: 'b:9092', protocol: 'kafka', security: [{ sasl: [] }] },
    };
  }),
  'server security defined scheme': v2(d => {
    d.servers = {
      prod: { url: 'b:9092', protocol: 'kafka', security: [{ sasl: [] }] },
    };
    d.components = {
      ...(d.components ?? {}),
      securitySchemes: { sasl: { type: 'scramSha512' } },
    };
  }),
  'operationId duplicated': v2(d => {
    const operations = v2Operations(d);
    if (operations.length < 2) return false;
    operations[0].operationId = 'same';
    operations[1].operationId = 'same';
    return true;
  }),
  'operationId unique': v2(d => {
    v2Operations(d).forEach((o, i) => {
      o.operationId = `op${i}`;
    });
  }),
  'operation a string': v2(d => {
    const first = firstChannel(d);
    if (!first) return false;
    first[1].publish = 'write';
    return true;
  }),
  'operation unknown field': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    operations[0].colour = 'blue';
    return true;
  }),
  'operation traits': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    operations[0].traits = [{ description: 'traited' }];
    return true;
  }),
  'operation security': v2(d => {
    const operations = v2Operations(d);
    if (!operations.length) return false;
    operations[0].security = [{ nope: [] }];
    return true;
  }),
};
