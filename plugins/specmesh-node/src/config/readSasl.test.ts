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
import { readClusterConfig } from './readClusterConfigs';
import { isLoopbackHost } from '../url/loopback';

const SECRET = 'client-secret-value';

function sasl(value: Record<string, unknown>) {
  return readClusterConfig(
    new ConfigReader(
      {
        name: 'secure',
        brokers: ['localhost:9093'],
        schemaRegistry: { url: 'http://localhost:8081' },
        sasl: value,
      } as JsonObject,
      'cluster.yaml',
    ),
    { key: 'specmesh.clusters[0]' },
  ).sasl;
}

const oauth = {
  mechanism: 'OAUTHBEARER',
  tokenEndpoint: 'https://idp.example.com/oauth2/token',
  clientId: 'meshport',
  clientSecret: SECRET,
};

describe('cluster SASL configuration', () => {
  it('reads the password mechanisms as before', () => {
    expect(
      sasl({ mechanism: 'SCRAM-SHA-256', username: 'admin', password: 'p' }),
    ).toEqual({ mechanism: 'scram-sha-256', username: 'admin', password: 'p' });
  });

  it('reads OAUTHBEARER with client credentials, scope and extensions', () => {
    expect(
      sasl({
        ...oauth,
        scope: ' kafka ',
        extensions: { logicalCluster: 'lkc-1', identityPoolId: 'pool-2' },
        clientAuthMethod: 'client_secret_post',
      }),
    ).toEqual({
      mechanism: 'oauthbearer',
      tokenEndpoint: 'https://idp.example.com/oauth2/token',
      clientId: 'meshport',
      clientSecret: SECRET,
      scope: 'kafka',
      extensions: { logicalCluster: 'lkc-1', identityPoolId: 'pool-2' },
      clientAuthMethod: 'client_secret_post',
    });
    expect(sasl(oauth)).toEqual({
      mechanism: 'oauthbearer',
      tokenEndpoint: 'https://idp.example.com/oauth2/token',
      clientId: 'meshport',
      clientSecret: SECRET,
    });
  });

  it('names the mechanisms there are', () => {
    expect(() => sasl({ mechanism: 'gssapi' })).toThrow(
      "Invalid specmesh.clusters[0].sasl.mechanism 'gssapi': use one of plain, scram-sha-256, scram-sha-512, oauthbearer",
    );
  });

  it('takes http token endpoints on loopback hosts only', () => {
    expect(
      sasl({ ...oauth, tokenEndpoint: 'http://127.0.0.1:8085/token' }),
    ).toMatchObject({ tokenEndpoint: 'http://127.0.0.1:8085/token' });
    expect(
      sasl({ ...oauth, tokenEndpoint: 'http://localhost:8085/token' }),
    ).toMatchObject({ tokenEndpoint: 'http://localhost:8085/token' });
    expect(() =>
      sasl({ ...oauth, tokenEndpoint: 'http://idp.example.com/token' }),
    ).toThrow(
      "Invalid specmesh.clusters[0].sasl.tokenEndpoint 'http://idp.example.com/token': the token endpoint receives the client secret, so it must be https",
    );
    expect(() => sasl({ ...oauth, tokenEndpoint: 'idp/token' })).toThrow(
      "Invalid specmesh.clusters[0].sasl.tokenEndpoint 'idp/token': give the identity provider's token endpoint as a URL",
    );
  });

  it('refuses credentials in the token endpoint without repeating them', () => {
    let message = '';
    try {
      sasl({ ...oauth, tokenEndpoint: `https://meshport:${SECRET}@idp/token` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      "Invalid specmesh.clusters[0].sasl.tokenEndpoint: the URL carries credentials ('user:password@')",
    );
    expect(message).not.toContain(SECRET);
  });

  it('needs the client id and secret', () => {
    const { clientSecret: _omitted, ...withoutSecret } = oauth;
    expect(() => sasl(withoutSecret)).toThrow(
      "Missing required config value at 'sasl.clientSecret'",
    );
  });

  it('refuses keys that belong to another mechanism or to no mechanism', () => {
    expect(() => sasl({ ...oauth, username: 'admin' })).toThrow(
      'Unknown specmesh.clusters[0].sasl.username for mechanism oauthbearer: it takes mechanism, tokenEndpoint, clientId, clientSecret, scope, extensions, clientAuthMethod (username and password are for plain and scram)',
    );
    expect(() => sasl({ ...oauth, scopes: 'kafka' })).toThrow(
      'Unknown specmesh.clusters[0].sasl.scopes for mechanism oauthbearer',
    );
  });

  it('checks extension names and values (RFC 7628) and the client authentication method', () => {
    expect(() => sasl({ ...oauth, extensions: { auth: 'x' } })).toThrow(
      "Invalid specmesh.clusters[0].sasl.extensions.auth: an extension's name is letters only and not 'auth'",
    );
    expect(() =>
      sasl({ ...oauth, extensions: { logicalCluster: 'a\u0001b' } }),
    ).toThrow(
      'Invalid specmesh.clusters[0].sasl.extensions.logicalCluster: a value holds printable ASCII characters only',
    );
    expect(() =>
      sasl({ ...oauth, clientAuthMethod: 'private_key_jwt' }),
    ).toThrow(
      "Invalid specmesh.clusters[0].sasl.clientAuthMethod 'private_key_jwt': use client_secret_basic (HTTP basic authentication, the default) or client_secret_post",
    );
  });

  it('knows the loopback hosts', () => {
    for (const host of [
      'localhost',
      '127.0.0.1',
      '127.1.2.3',
      '[::1]',
      'a.localhost',
    ]) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of [
      'localhost.example.com',
      '10.0.0.1',
      '128.0.0.1',
      '[::2]',
    ]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
