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
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UnreadableInputError } from '../io';
import { readClusterFile } from './readClusterFile';

describe('readClusterFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'meshport-cluster-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = join(folder, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads PEM files relative to the cluster file, OAUTHBEARER, and warns about unverified TLS', async () => {
    // Throwaway test certificates of -node's unit tests.
    const fixtures = resolve(
      __dirname,
      '../../../../plugins/specmesh-node/src/config/__fixtures__/tls',
    );
    mkdirSync(join(folder, 'certs'));
    for (const name of ['ca.pem', 'client.pem', 'client.key']) {
      copyFileSync(join(fixtures, name), join(folder, 'certs', name));
    }
    const file = write(
      'cloud.yaml',
      [
        'name: cloud',
        'brokers: [kafka-1:9093]',
        'ssl:',
        '  caFile: certs/ca.pem',
        '  certFile: certs/client.pem',
        '  keyFile: certs/client.key',
        'sasl:',
        '  mechanism: oauthbearer',
        '  tokenEndpoint: https://idp.example.com/oauth2/token',
        '  clientId: meshport',
        '  clientSecret: ${CLIENT_SECRET}',
        'schemaRegistry:',
        '  url: https://registry.internal',
        '  ssl:',
        '    caFile: certs/ca.pem',
        '    rejectUnauthorized: false',
      ].join('\n'),
    );
    const warnings: string[] = [];
    const cluster = await readClusterFile(
      file,
      { CLIENT_SECRET: 'c-secret' },
      { warn: message => warnings.push(message) },
    );
    const pem = (name: string) => readFileSync(join(fixtures, name), 'utf8');
    expect(cluster.ssl).toEqual({
      ca: pem('ca.pem'),
      cert: pem('client.pem'),
      key: pem('client.key'),
    });
    expect(cluster.sasl).toEqual({
      mechanism: 'oauthbearer',
      tokenEndpoint: 'https://idp.example.com/oauth2/token',
      clientId: 'meshport',
      clientSecret: 'c-secret',
    });
    expect(cluster.schemaRegistry.ssl).toEqual({
      ca: pem('ca.pem'),
      rejectUnauthorized: false,
    });
    expect(warnings).toEqual([
      expect.stringContaining('schemaRegistry.ssl.rejectUnauthorized is false'),
    ]);
  });

  it('names the PEM key and its path when the file is missing', async () => {
    const file = write(
      'broken.yaml',
      [
        'name: broken',
        'brokers: [kafka-1:9093]',
        'ssl: { caFile: missing/ca.pem }',
        'schemaRegistry: { url: http://registry }',
      ].join('\n'),
    );
    await expect(readClusterFile(file, {})).rejects.toThrow(
      `The cluster file ${file} is invalid: Cannot read ssl.caFile '${join(
        folder,
        'missing/ca.pem',
      )}': no such file`,
    );
  });

  it('reads one cluster from YAML, with secrets from the environment', async () => {
    const file = write(
      'prod.yaml',
      [
        'name: prod-eu',
        'brokers: [kafka-1:9093, kafka-2:9093]',
        'ssl: true',
        'sasl:',
        '  mechanism: SCRAM-SHA-512',
        '  username: meshport',
        '  password: ${KAFKA_PASSWORD}',
        'schemaRegistry:',
        '  url: https://registry.internal',
        '  username: meshport',
        '  password: ${REGISTRY_PASSWORD}',
        'principals:',
        '  - appId: acme.shop',
        '    principal: User:sa-123',
        'defaultCompatibility: backward',
        'allowDeletion: true',
      ].join('\n'),
    );

    expect(
      await readClusterFile(file, {
        KAFKA_PASSWORD: 'k-secret',
        REGISTRY_PASSWORD: 'r-secret',
      }),
    ).toEqual({
      name: 'prod-eu',
      brokers: ['kafka-1:9093', 'kafka-2:9093'],
      ssl: true,
      sasl: {
        mechanism: 'scram-sha-512',
        username: 'meshport',
        password: 'k-secret',
      },
      schemaRegistry: {
        url: 'https://registry.internal',
        username: 'meshport',
        password: 'r-secret',
      },
      principals: { 'acme.shop': 'User:sa-123' },
      defaultCompatibility: 'BACKWARD',
      allowDeletion: true,
    });
  });

  it('reads JSON too', async () => {
    const file = write(
      'local.json',
      JSON.stringify({
        name: 'local',
        brokers: 'localhost:9092',
        schemaRegistry: { url: 'http://localhost:8081' },
      }),
    );

    expect(await readClusterFile(file, {})).toEqual({
      name: 'local',
      brokers: ['localhost:9092'],
      schemaRegistry: { url: 'http://localhost:8081' },
    });
  });

  it.each([
    ['a missing file', null, 'Cannot read the cluster file'],
    ['not YAML', 'name: [x\n', 'is not valid YAML or JSON'],
    ['a scalar', 'local\n', 'must hold one cluster as a map'],
    [
      'a list of clusters',
      '- name: a\n',
      'holds a list; it must hold one cluster as a map',
    ],
    [
      'a cluster without brokers',
      'name: x\nschemaRegistry: {url: "http://r"}\n',
      "Missing required config value at 'brokers'",
    ],
    [
      'a registry URL that is not http',
      'name: x\nbrokers: h:1\nschemaRegistry: {url: "ftp://r"}\n',
      "Invalid schemaRegistry.url 'ftp://r'",
    ],
    [
      'an unset variable',
      'name: x\nbrokers: h:1\nsasl: {mechanism: plain, username: u, password: "${NOPE}"}\nschemaRegistry: {url: "http://r"}\n',
      'uses ${NOPE} in sasl.password, but the environment does not set it',
    ],
    [
      'credentials in the registry URL',
      'name: x\nbrokers: h:1\nschemaRegistry: {url: "http://admin:${REGISTRY_PASSWORD}@r"}\n',
      "is invalid: Invalid schemaRegistry.url: the URL carries credentials ('user:password@'). Remove them from the URL and set schemaRegistry.username and schemaRegistry.password instead",
    ],
    [
      'credentials in a bootstrap server',
      'name: x\nbrokers: admin:${REGISTRY_PASSWORD}@h:1\nschemaRegistry: {url: "http://r"}\n',
      'is invalid: Invalid brokers[0]: a bootstrap server carries no credentials',
    ],
    [
      'YAML that does not parse, without quoting it',
      'name: x\nschemaRegistry: {url: http://r, password: s3cret: x}\n',
      'is not valid YAML or JSON: ',
    ],
  ])('rejects %s, naming the file', async (_, text, message) => {
    const file =
      text === null ? join(folder, 'missing.yaml') : write('c.yaml', text);

    const error = await readClusterFile(file, {
      REGISTRY_PASSWORD: 's3cret',
    }).catch(e => e);

    expect(error).toBeInstanceOf(UnreadableInputError);
    expect(error.message).toContain(file);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('s3cret');
  });
});
