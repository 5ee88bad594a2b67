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
import { ConfigReader, JsonObject } from '@backstage/config';
import { readClusterConfigs, readPrincipalMap } from './readClusterConfigs';

const local = {
  name: 'local',
  brokers: ['localhost:9092'],
  schemaRegistry: { url: 'http://localhost:8081' },
};

function clusters(specmesh: object) {
  return readClusterConfigs(
    new ConfigReader({ specmesh } as JsonObject, 'app-config.yaml'),
  );
}

describe('readClusterConfigs', () => {
  it('is empty when no cluster is configured', () => {
    expect(readClusterConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('reads every field of a cluster', () => {
    expect(
      clusters({
        clusters: [
          {
            name: 'prod-eu',
            brokers: ['kafka-1:9093', 'kafka-2:9093'],
            clientId: 'portal',
            ssl: true,
            sasl: {
              mechanism: 'SCRAM-SHA-512',
              username: 'admin',
              password: 'secret',
            },
            schemaRegistry: {
              url: 'https://registry.internal',
              username: 'key',
              password: 'value',
            },
            principals: [{ appId: 'acme.a', principal: 'User:sa-1' }],
            defaultCompatibility: 'backward',
            allowDeletion: true,
            idempotentWrite: false,
            autoApply: true,
          },
        ],
      }),
    ).toEqual([
      {
        name: 'prod-eu',
        brokers: ['kafka-1:9093', 'kafka-2:9093'],
        clientId: 'portal',
        ssl: true,
        sasl: {
          mechanism: 'scram-sha-512',
          username: 'admin',
          password: 'secret',
        },
        schemaRegistry: {
          url: 'https://registry.internal',
          username: 'key',
          password: 'value',
        },
        principals: { 'acme.a': 'User:sa-1' },
        defaultCompatibility: 'BACKWARD',
        allowDeletion: true,
        idempotentWrite: false,
        autoApply: true,
      },
    ]);
  });

  it('leaves optional fields out rather than inventing values', () => {
    expect(clusters({ clusters: [local] })).toEqual([local]);
  });

  it("reads the brokers' metrics endpoints as a list or one comma-separated string", () => {
    expect(
      clusters({
        clusters: [
          {
            ...local,
            metricsUrl: 'http://b1:7071/metrics, http://b2:7071/metrics',
          },
        ],
      })[0].metricsUrl,
    ).toEqual(['http://b1:7071/metrics', 'http://b2:7071/metrics']);
    expect(
      clusters({
        clusters: [{ ...local, metricsUrl: ['http://b1:7071/metrics'] }],
      })[0].metricsUrl,
    ).toEqual(['http://b1:7071/metrics']);
    expect(() =>
      clusters({ clusters: [{ ...local, metricsUrl: 'b1:7071' }] }),
    ).toThrow(
      "Invalid specmesh.clusters[0].metricsUrl 'b1:7071': use an http(s) URL",
    );
  });

  it('accepts brokers as one comma-separated string, as an environment variable gives them', () => {
    expect(
      clusters({ clusters: [{ ...local, brokers: 'a:9092, b:9092' }] })[0]
        .brokers,
    ).toEqual(['a:9092', 'b:9092']);
  });

  it('merges the global principals under each cluster’s own', () => {
    const [cluster] = clusters({
      principals: [
        { appId: 'acme.a', principal: 'User:global-a' },
        { appId: 'acme.b', principal: 'User:global-b' },
      ],
      clusters: [
        {
          ...local,
          principals: [{ appId: 'acme.a', principal: 'User:local-a' }],
        },
      ],
    });
    expect(cluster.principals).toEqual({
      'acme.a': 'User:local-a',
      'acme.b': 'User:global-b',
    });
  });

  it('puts the first cluster first unless specmesh.defaultCluster names another', () => {
    const prod = { ...local, name: 'prod' };
    expect(clusters({ clusters: [local, prod] }).map(c => c.name)).toEqual([
      'local',
      'prod',
    ]);
    expect(
      clusters({ clusters: [local, prod], defaultCluster: 'prod' }).map(
        c => c.name,
      ),
    ).toEqual(['prod', 'local']);
  });

  it.each([
    [
      'an unknown default cluster',
      { clusters: [local], defaultCluster: 'prod' },
      "Invalid specmesh.defaultCluster 'prod': name one of the clusters under specmesh.clusters (local)",
    ],
    [
      'a default cluster without clusters',
      { defaultCluster: 'prod' },
      "Invalid specmesh.defaultCluster 'prod': no cluster is configured under specmesh.clusters",
    ],
    [
      'two clusters of one name',
      { clusters: [local, local] },
      "Duplicate cluster name 'local' at specmesh.clusters[1].name",
    ],
    [
      'a missing name',
      { clusters: [{ ...local, name: undefined }] },
      "Missing required config value at 'specmesh.clusters[0].name'",
    ],
    [
      'a name with spaces',
      { clusters: [{ ...local, name: 'my cluster' }] },
      "Invalid specmesh.clusters[0].name 'my cluster'",
    ],
    [
      'no brokers',
      { clusters: [{ ...local, brokers: [] }] },
      'Invalid specmesh.clusters[0].brokers: list at least one bootstrap server',
    ],
    [
      'a broker without a port',
      { clusters: [{ ...local, brokers: ['localhost'] }] },
      "Invalid specmesh.clusters[0].brokers entry 'localhost': a bootstrap server is 'host:port'",
    ],
    [
      'a missing registry',
      { clusters: [{ ...local, schemaRegistry: undefined }] },
      "Missing required config value at 'specmesh.clusters[0].schemaRegistry.url'",
    ],
    [
      'a registry URL that is not http(s)',
      { clusters: [{ ...local, schemaRegistry: { url: 'localhost:8081' } }] },
      "Invalid specmesh.clusters[0].schemaRegistry.url 'localhost:8081'",
    ],
    [
      'a registry user without a password',
      {
        clusters: [
          {
            ...local,
            schemaRegistry: { url: 'http://r:8081', username: 'u' },
          },
        ],
      },
      'Incomplete registry credentials at specmesh.clusters[0].schemaRegistry: set both username and password, or neither',
    ],
    [
      'an unsupported SASL mechanism',
      {
        clusters: [
          {
            ...local,
            sasl: { mechanism: 'gssapi', username: 'u', password: 'p' },
          },
        ],
      },
      "Invalid specmesh.clusters[0].sasl.mechanism 'gssapi': use one of plain, scram-sha-256, scram-sha-512",
    ],
    [
      'SASL without a password',
      { clusters: [{ ...local, sasl: { mechanism: 'plain', username: 'u' } }] },
      "Missing required config value at 'specmesh.clusters[0].sasl.password'",
    ],
    [
      'an unknown compatibility level',
      { clusters: [{ ...local, defaultCompatibility: 'STRICT' }] },
      "Invalid specmesh.clusters[0].defaultCompatibility 'STRICT': use one of NONE, BACKWARD",
    ],
    [
      'a flag that is not a boolean',
      { clusters: [{ ...local, autoApply: 'sometimes' }] },
      "Unable to convert config value for key 'specmesh.clusters[0].autoApply'",
    ],
    [
      'a cluster principal without a type',
      {
        clusters: [
          { ...local, principals: [{ appId: 'acme.a', principal: 'sa-1' }] },
        ],
      },
      "Invalid specmesh.clusters[0].principals[0].principal 'sa-1' for app-id 'acme.a'",
    ],
  ])('rejects %s, naming the key', (_case, specmesh, message) => {
    expect(() => clusters(specmesh)).toThrow(message);
  });

  describe('refuses credentials in URLs, saying where they belong and never repeating them', () => {
    const refused = (specmesh: object) => {
      try {
        clusters(specmesh);
      } catch (error) {
        const { message } = error as Error;
        expect(message).not.toMatch(/s3cret|admin[:@]/);
        return message;
      }
      throw new Error('the configuration was accepted');
    };

    it.each([
      'http://admin:s3cret@registry:8081',
      'https://admin@registry/apis/ccompat/v7',
      'http:admin:s3cret@registry',
      'ftp://admin:s3cret@registry',
      'http://admin:s3cret@regis try',
    ])('in the registry URL %s', url => {
      expect(
        refused({
          clusters: [
            { ...local },
            { ...local, name: 'b', schemaRegistry: { url } },
          ],
        }),
      ).toBe(
        "Invalid specmesh.clusters[1].schemaRegistry.url: the URL carries credentials ('user:password@'). Remove them from the URL and set specmesh.clusters[1].schemaRegistry.username and specmesh.clusters[1].schemaRegistry.password instead, where the password is kept secret",
      );
    });

    it.each([
      [['kafka-1:9092', 'admin:s3cret@kafka-2:9092'], 1],
      ['admin@kafka-1:9092', 0],
      ['kafka-1:9092,sasl_ssl://admin:s3cret@kafka-2:9093', 1],
    ])('in the brokers %j', (brokers, index) => {
      expect(refused({ clusters: [{ ...local, brokers }] })).toBe(
        `Invalid specmesh.clusters[0].brokers[${index}]: a bootstrap server carries no credentials ('user:password@'). Write it as 'host:port' and set the administrator's credentials under specmesh.clusters[0].sasl (mechanism, username, password), where they are kept secret`,
      );
    });

    it('in a metrics endpoint', () => {
      expect(
        refused({
          clusters: [
            {
              ...local,
              metricsUrl:
                'http://b1:7071/metrics, http://admin:s3cret@b2:7071/metrics',
            },
          ],
        }),
      ).toBe(
        "Invalid specmesh.clusters[0].metricsUrl[1]: the URL carries credentials ('user:password@'). A broker's metrics endpoint is read without authentication: remove them from the URL",
      );
    });
  });
});

describe('readPrincipalMap', () => {
  it('is empty when nothing is configured', () => {
    expect(readPrincipalMap(new ConfigReader({}))).toEqual({});
  });

  it('maps each configured app-id to its principal', () => {
    expect(
      readPrincipalMap(
        new ConfigReader({
          specmesh: {
            principals: [
              { appId: 'acme.a', principal: 'User:sa-1' },
              { appId: 'acme.b', principal: 'User:sa-2' },
            ],
          },
        }),
      ),
    ).toEqual({ 'acme.a': 'User:sa-1', 'acme.b': 'User:sa-2' });
  });

  it('rejects a principal without a type and an app-id mapped twice', () => {
    expect(() =>
      readPrincipalMap(
        new ConfigReader({
          specmesh: { principals: [{ appId: 'acme.a', principal: 'sa-1' }] },
        }),
      ),
    ).toThrow(
      "Invalid specmesh.principals[0].principal 'sa-1' for app-id 'acme.a': a Kafka principal has the form '<type>:<name>', for example 'User:sa-123abc'",
    );
    expect(() =>
      readPrincipalMap(
        new ConfigReader({
          specmesh: {
            principals: [
              { appId: 'acme.a', principal: 'User:one' },
              { appId: 'acme.a', principal: 'User:two' },
            ],
          },
        }),
      ),
    ).toThrow("Duplicate app-id 'acme.a' at specmesh.principals[1]");
  });
});
