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
import { createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { ConfluentSchemaRegistryAdmin } from './ConfluentSchemaRegistryAdmin';
import { registryTransportOf } from './registryTransport';

const FIXTURES = resolve(__dirname, '../config/__fixtures__/tls');
const pem = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const CLIENT = {
  ca: pem('ca.pem'),
  cert: pem('client.pem'),
  key: pem('client.key'),
};

/**
 * A registry on loopback that asks for a client certificate of the test CA
 * (mutual TLS) and answers what the adapter's clients ask.
 */
describe('registry transport (real https server, mutual TLS)', () => {
  let server: Server;
  let url: string;
  const clients: string[] = [];

  beforeAll(async () => {
    server = createServer(
      {
        cert: pem('server.pem'),
        key: pem('server.key'),
        ca: pem('ca.pem'),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        clients.push(`${req.method} ${req.url} ${peer.subject?.CN}`);
        req.resume();
        req.on('end', () => {
          res.writeHead(200, {
            'content-type': 'application/vnd.schemaregistry.v1+json',
          });
          let body = '["orders-value"]';
          if (req.method === 'POST') body = '{"id":7}';
          if (req.url?.startsWith('/config')) {
            body = '{"compatibilityLevel":"FULL_TRANSITIVE"}';
          }
          res.end(body);
        });
      },
    );
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(done => server.close(done)));

  it('reaches the registry with the CA bundle and the client certificate', async () => {
    const transport = registryTransportOf(CLIENT);
    try {
      const response = await transport.fetch(`${url}/subjects`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(['orders-value']);
    } finally {
      await transport.close();
    }
    expect(clients).toContain('GET /subjects meshport-client');
  });

  it('fails without the CA bundle, and without the client certificate', async () => {
    const withoutCa = registryTransportOf({});
    await expect(withoutCa.fetch(`${url}/subjects`)).rejects.toThrow();
    await withoutCa.close();
    const withoutCert = registryTransportOf({ ca: pem('ca.pem') });
    await expect(withoutCert.fetch(`${url}/subjects`)).rejects.toThrow();
    await withoutCert.close();
  });

  it('serves both of the adapter clients: plain HTTP calls and registrations', async () => {
    const admin = new ConfluentSchemaRegistryAdmin({ url, tls: CLIENT });
    expect(await admin.listSubjects()).toEqual(['orders-value']);
    expect(
      await admin.register(
        'orders-value',
        {
          schemaType: 'AVRO',
          schema: JSON.stringify({ type: 'record', name: 'Order', fields: [] }),
        },
        'FULL_TRANSITIVE',
      ),
    ).toEqual({ id: 7 });
    await admin.close();
    expect(clients).toEqual(
      expect.arrayContaining([
        'GET /config/orders-value meshport-client',
        'POST /subjects/orders-value/versions meshport-client',
      ]),
    );
  });
});
