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

import { chargebackAdminOptions } from './createChargebackAdmin';

describe('chargebackAdminOptions', () => {
  it('carries brokers, client id, TLS and timeouts over', () => {
    expect(
      chargebackAdminOptions({
        brokers: ['k1:9093', 'k2:9093'],
        clientId: 'meshport-chargeback',
        ssl: true,
        connectionTimeout: 3000,
        requestTimeout: 20000,
        retry: { retries: 4, initialRetryTime: 250 },
      }),
    ).toEqual({
      clientId: 'meshport-chargeback',
      bootstrapBrokers: ['k1:9093', 'k2:9093'],
      tls: {},
      connectTimeout: 3000,
      requestTimeout: 20000,
      retries: 4,
      retryDelay: 250,
    });
    expect(chargebackAdminOptions({ brokers: ['k:9092'] })).toEqual({
      clientId: 'meshport',
      bootstrapBrokers: ['k:9092'],
    });
    expect(
      chargebackAdminOptions({ brokers: ['k:9093'], ssl: { ca: 'PEM' } }).tls,
    ).toEqual({ ca: 'PEM' });
  });

  it('maps the SASL mechanisms the client supports', async () => {
    const sasl = (s: Parameters<typeof chargebackAdminOptions>[0]['sasl']) =>
      chargebackAdminOptions({ brokers: ['k:9092'], sasl: s }).sasl;

    expect(sasl({ mechanism: 'plain', username: 'u', password: 'p' })).toEqual({
      mechanism: 'PLAIN',
      username: 'u',
      password: 'p',
    });
    expect(
      sasl({ mechanism: 'scram-sha-512', username: 'u', password: 'p' }),
    ).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' });
    expect(
      sasl({ mechanism: 'scram-sha-256', username: 'u', password: 'p' })
        ?.mechanism,
    ).toBe('SCRAM-SHA-256');

    const oauth = sasl({
      mechanism: 'oauthbearer',
      oauthBearerProvider: async () => ({ value: 'token-1' }),
    });
    expect(oauth?.mechanism).toBe('OAUTHBEARER');
    expect(await (oauth?.token as () => Promise<string>)()).toBe('token-1');
  });

  it('says which mechanisms to use instead of one it cannot do', () => {
    expect(() =>
      chargebackAdminOptions({
        brokers: ['k:9092'],
        sasl: {
          mechanism: 'aws',
          authorizationIdentity: 'a',
          accessKeyId: 'b',
          secretAccessKey: 'c',
        },
      }),
    ).toThrow(
      'Chargeback collection cannot authenticate with SASL mechanism "aws": use plain, scram-sha-256, scram-sha-512 or oauthbearer',
    );
  });
});
