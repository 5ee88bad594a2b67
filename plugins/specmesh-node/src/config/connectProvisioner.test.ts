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
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chargebackAdminOptions } from '../chargeback/createChargebackAdmin';
import type { ClusterConfig } from './ClusterConfig';
import {
  kafkaConnectionOf,
  planDefaultsOf,
  schemaRegistryConnectionOf,
} from './connectProvisioner';
import { selectCluster } from './selectCluster';

const cluster = (name: string): ClusterConfig => ({
  name,
  brokers: ['localhost:9092'],
  schemaRegistry: { url: 'http://localhost:8081' },
});

describe('selectCluster', () => {
  it('picks the named cluster, else the first', () => {
    const clusters = [cluster('local'), cluster('prod')];
    expect(selectCluster(clusters).name).toBe('local');
    expect(selectCluster(clusters, 'prod').name).toBe('prod');
  });

  it('says which clusters exist when the name is unknown', () => {
    expect(() => selectCluster([cluster('local')], 'prod')).toThrow(
      "Unknown cluster 'prod': use one of the clusters under specmesh.clusters (local)",
    );
  });

  it('says how to configure one when there is none', () => {
    expect(() => selectCluster([])).toThrow(
      'No Kafka cluster is configured: add one under specmesh.clusters',
    );
  });
});

describe('cluster connections', () => {
  it('passes credentials to kafkajs and the registry only when configured', () => {
    expect(kafkaConnectionOf(cluster('local'))).toEqual({
      name: 'local',
      brokers: ['localhost:9092'],
    });
    expect(schemaRegistryConnectionOf(cluster('local'))).toEqual({
      url: 'http://localhost:8081',
    });
    const secured: ClusterConfig = {
      ...cluster('prod'),
      clientId: 'portal',
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
      schemaRegistry: { url: 'https://r', username: 'k', password: 's' },
    };
    expect(kafkaConnectionOf(secured)).toEqual({
      name: 'prod',
      brokers: ['localhost:9092'],
      clientId: 'portal',
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
    expect(schemaRegistryConnectionOf(secured)).toEqual({
      url: 'https://r',
      auth: { username: 'k', password: 's' },
    });
  });

  it('gives both Kafka clients the TLS options and the registry its TLS map', () => {
    const tls = {
      ca: 'CA PEM',
      cert: 'CERT PEM',
      key: 'KEY PEM',
      passphrase: 'pass',
      rejectUnauthorized: true,
      servername: 'broker.example.com',
    };
    const secured: ClusterConfig = {
      ...cluster('prod'),
      ssl: tls,
      schemaRegistry: { url: 'https://r', ssl: { ca: 'REGISTRY CA' } },
    };
    const connection = kafkaConnectionOf(secured);
    expect(connection.ssl).toEqual(tls);
    expect(chargebackAdminOptions(connection).tls).toEqual(tls);
    expect(schemaRegistryConnectionOf(secured)).toEqual({
      url: 'https://r',
      tls: { ca: 'REGISTRY CA' },
    });
    expect(kafkaConnectionOf({ ...cluster('plain'), ssl: false }).ssl).toBe(
      false,
    );
  });

  describe('OAUTHBEARER', () => {
    let server: Server;
    let requests = 0;
    let tokenEndpoint: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        requests += 1;
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              access_token: `token-${requests}`,
              token_type: 'Bearer',
              expires_in: 3600,
            }),
          );
        });
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      tokenEndpoint = `http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/token`;
    });
    afterAll(() => new Promise(resolve => server.close(resolve)));

    it('gives kafkajs and @platformatic/kafka one cached token provider per cluster', async () => {
      const oauthCluster: ClusterConfig = {
        ...cluster('cloud'),
        ssl: true,
        sasl: {
          mechanism: 'oauthbearer',
          tokenEndpoint,
          clientId: 'meshport',
          clientSecret: 'secret',
          extensions: { logicalCluster: 'lkc-1' },
        },
      };
      const kafkajs = kafkaConnectionOf(oauthCluster).sasl;
      if (kafkajs?.mechanism !== 'oauthbearer') throw new Error('oauthbearer');
      expect(await kafkajs.oauthBearerProvider()).toEqual({
        value: 'token-1',
        extensions: { logicalCluster: 'lkc-1' },
      });

      // Another connection of the same cluster reuses the token.
      const platformatic = chargebackAdminOptions(
        kafkaConnectionOf(oauthCluster),
      );
      expect(platformatic.tls).toEqual({});
      expect(platformatic.sasl?.mechanism).toBe('OAUTHBEARER');
      expect(await (platformatic.sasl?.token as () => Promise<string>)()).toBe(
        'token-1',
      );
      expect(
        await (
          platformatic.sasl?.oauthBearerExtensions as () => Promise<
            Record<string, string>
          >
        )(),
      ).toEqual({ logicalCluster: 'lkc-1' });
      expect(requests).toBe(1);
    });
  });

  it('defaults the policy to FULL_TRANSITIVE without deletion', () => {
    expect(planDefaultsOf(cluster('local'))).toEqual({
      compatibility: 'FULL_TRANSITIVE',
      allowDeletion: false,
    });
    expect(
      planDefaultsOf({
        ...cluster('local'),
        defaultCompatibility: 'BACKWARD',
        allowDeletion: true,
      }),
    ).toEqual({ compatibility: 'BACKWARD', allowDeletion: true });
  });
});
