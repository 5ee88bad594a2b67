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
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigReader, JsonObject } from '@backstage/config';
import { readClusterConfig } from './readClusterConfigs';

const FIXTURES = resolve(__dirname, '__fixtures__/tls');
const pem = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const PASSPHRASE = 'unit-test-passphrase';

function cluster(
  entry: Record<string, unknown>,
  options: { warn?: (message: string) => void } = {},
) {
  return readClusterConfig(
    new ConfigReader(
      {
        name: 'secure',
        brokers: ['localhost:9093'],
        schemaRegistry: { url: 'https://localhost:8443' },
        ...entry,
      } as JsonObject,
      'cluster.yaml',
    ),
    {
      key: 'specmesh.clusters[0]',
      baseDir: FIXTURES,
      ...(options.warn ? { logger: { warn: options.warn } } : {}),
    },
  );
}

describe('cluster TLS configuration', () => {
  it('keeps ssl: true as TLS with the system CAs', () => {
    expect(cluster({ ssl: true }).ssl).toBe(true);
    expect(cluster({ ssl: false }).ssl).toBe(false);
  });

  it('reads PEM files relative to the base directory, and inline PEM as given', () => {
    const fromFiles = cluster({
      ssl: {
        caFile: 'ca.pem',
        certFile: 'client.pem',
        keyFile: join(FIXTURES, 'client.key'),
        servername: 'localhost',
      },
    });
    expect(fromFiles.ssl).toEqual({
      ca: pem('ca.pem'),
      cert: pem('client.pem'),
      key: pem('client.key'),
      servername: 'localhost',
    });
    const inline = cluster({
      ssl: {
        ca: pem('ca.pem'),
        cert: pem('client.pem'),
        key: pem('client.key'),
      },
    });
    expect(inline.ssl).toEqual({
      ca: pem('ca.pem'),
      cert: pem('client.pem'),
      key: pem('client.key'),
    });
  });

  it('reads an encrypted key with its passphrase', () => {
    expect(
      cluster({
        ssl: {
          certFile: 'client.pem',
          keyFile: 'client-encrypted.key',
          passphrase: PASSPHRASE,
        },
      }).ssl,
    ).toMatchObject({
      key: pem('client-encrypted.key'),
      passphrase: PASSPHRASE,
    });
  });

  it('names both keys when a value and its file are given', () => {
    expect(() =>
      cluster({ ssl: { ca: pem('ca.pem'), caFile: 'ca.pem' } }),
    ).toThrow(
      'Both specmesh.clusters[0].ssl.ca and specmesh.clusters[0].ssl.caFile are set',
    );
  });

  it('names the key and the path of a missing file', () => {
    expect(() => cluster({ ssl: { caFile: 'nope.pem' } })).toThrow(
      `Cannot read specmesh.clusters[0].ssl.caFile '${join(
        FIXTURES,
        'nope.pem',
      )}': no such file`,
    );
  });

  it('names the key and the path of a file that is not PEM, never its contents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshport-tls-'));
    writeFileSync(join(dir, 'ca.pem'), 'top-secret-not-a-certificate');
    let message = '';
    try {
      cluster({ ssl: { caFile: join(dir, 'ca.pem') } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `specmesh.clusters[0].ssl.caFile '${join(
        dir,
        'ca.pem',
      )}' is not PEM: it holds no '-----BEGIN CERTIFICATE-----' block`,
    );
    expect(message).not.toContain('top-secret');
  });

  it('refuses a certificate block that does not parse, and a key file that holds no key', () => {
    const broken = pem('ca.pem').replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(() => cluster({ ssl: { ca: broken } })).toThrow(
      'specmesh.clusters[0].ssl.ca is not valid PEM: certificate 1 of 1 cannot be parsed',
    );
    expect(() =>
      cluster({ ssl: { certFile: 'client.pem', keyFile: 'client.pem' } }),
    ).toThrow(
      `specmesh.clusters[0].ssl.keyFile '${join(
        FIXTURES,
        'client.pem',
      )}' is not PEM: it holds no '-----BEGIN … PRIVATE KEY-----' block`,
    );
  });

  it('needs the certificate and the key together, and the key of that certificate', () => {
    expect(() => cluster({ ssl: { certFile: 'client.pem' } })).toThrow(
      'without specmesh.clusters[0].ssl.key or specmesh.clusters[0].ssl.keyFile: mutual TLS needs the client certificate and its private key',
    );
    expect(() => cluster({ ssl: { key: pem('client.key') } })).toThrow(
      'specmesh.clusters[0].ssl.key is set without specmesh.clusters[0].ssl.cert or specmesh.clusters[0].ssl.certFile',
    );
    expect(() =>
      cluster({ ssl: { certFile: 'client.pem', keyFile: 'server.key' } }),
    ).toThrow('is not the private key of the certificate in');
    expect(() => cluster({ ssl: { passphrase: 'x' } })).toThrow(
      'specmesh.clusters[0].ssl.passphrase is set without a private key',
    );
  });

  it('says an encrypted key needs its passphrase, and never repeats a wrong one', () => {
    expect(() =>
      cluster({
        ssl: { certFile: 'client.pem', keyFile: 'client-encrypted.key' },
      }),
    ).toThrow(
      `specmesh.clusters[0].ssl.keyFile '${join(
        FIXTURES,
        'client-encrypted.key',
      )}' is encrypted: set specmesh.clusters[0].ssl.passphrase`,
    );
    let message = '';
    try {
      cluster({
        ssl: {
          certFile: 'client.pem',
          keyFile: 'client-encrypted.key',
          passphrase: 'wrong-passphrase-value',
        },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'cannot be decrypted with specmesh.clusters[0].ssl.passphrase',
    );
    expect(message).not.toContain('wrong-passphrase-value');
  });

  it('warns when the server certificate is not verified', () => {
    const warn = jest.fn();
    expect(
      cluster({ ssl: { rejectUnauthorized: false } }, { warn }).ssl,
    ).toEqual({ rejectUnauthorized: false });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "specmesh.clusters[0].ssl.rejectUnauthorized is false: the server's certificate is not verified",
      ),
    );
    cluster({ ssl: { rejectUnauthorized: true } }, { warn });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('refuses unknown keys and a servername that is not a host name', () => {
    expect(() => cluster({ ssl: { caFiles: 'ca.pem' } })).toThrow(
      'Unknown specmesh.clusters[0].ssl.caFiles: a TLS map takes ca, caFile',
    );
    expect(() => cluster({ ssl: { servername: 'a b' } })).toThrow(
      "Invalid specmesh.clusters[0].ssl.servername 'a b'",
    );
  });

  it('reads the registry TLS map of an https registry only', () => {
    expect(
      cluster({
        schemaRegistry: {
          url: 'https://localhost:8443',
          ssl: {
            caFile: 'ca.pem',
            certFile: 'client.pem',
            keyFile: 'client.key',
          },
        },
      }).schemaRegistry,
    ).toEqual({
      url: 'https://localhost:8443',
      ssl: {
        ca: pem('ca.pem'),
        cert: pem('client.pem'),
        key: pem('client.key'),
      },
    });
    expect(() =>
      cluster({
        schemaRegistry: {
          url: 'http://localhost:8081',
          ssl: { caFile: 'ca.pem' },
        },
      }),
    ).toThrow(
      'specmesh.clusters[0].schemaRegistry.ssl is set but specmesh.clusters[0].schemaRegistry.url is not https',
    );
    expect(() =>
      cluster({
        schemaRegistry: {
          url: 'https://localhost:8443',
          ssl: { caFile: 'x.pem' },
        },
      }),
    ).toThrow(
      `Cannot read specmesh.clusters[0].schemaRegistry.ssl.caFile '${join(
        FIXTURES,
        'x.pem',
      )}'`,
    );
  });
});
