/*
 * The secured harness itself, with kafkajs and node:https as plain clients: each listener and
 * mechanism admits the right credentials as the right principal and refuses the wrong ones,
 * and the registry answers over HTTPS to a client certificate only.
 */
import fs from 'fs';
import https from 'https';
import os from 'os';
import path from 'path';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { SecureInfra, startSecureInfra } from './secureInfra';

jest.setTimeout(300_000);

let infra: SecureInfra;
let runDir: string;

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-secure-infra-'));
  infra = await startSecureInfra({ runDir, users: ['app.reader'] });
});

afterAll(async () => {
  await infra?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

async function describeAs(config: Omit<KafkaConfig, 'clientId'>) {
  const admin = new Kafka({
    clientId: 'secure-infra-test',
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { retries: 0 },
    ...config,
  }).admin();
  try {
    await admin.connect();
    return await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

async function oauthToken(clientId: string, secret: string) {
  const res = await fetch(infra.oauth.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
  'SASL_SSL admits %s with the right password only',
  async mechanism => {
    const base = { brokers: infra.kafka.saslSslBrokers, ssl: { ca: infra.ca } };
    const cluster = await describeAs({
      ...base,
      sasl: { mechanism, username: 'admin', password: infra.passwords.admin },
    } as KafkaConfig);
    expect(cluster.brokers).toHaveLength(1);
    await expect(
      describeAs({
        ...base,
        sasl: { mechanism, username: 'admin', password: 'wrong' },
      } as KafkaConfig),
    ).rejects.toThrow(/SASL|authenticat/i);
  },
);

it('SASL_SSL admits OAUTHBEARER tokens of the local token endpoint', async () => {
  const token = await oauthToken('admin', infra.oauth.clientSecrets.admin);
  expect(token.status).toBe(200);
  const cluster = await describeAs({
    brokers: infra.kafka.saslSslBrokers,
    ssl: { ca: infra.ca },
    sasl: {
      mechanism: 'oauthbearer',
      oauthBearerProvider: async () => ({ value: token.body.access_token }),
    },
  });
  expect(cluster.brokers).toHaveLength(1);
  expect((await oauthToken('admin', 'wrong')).status).toBe(401);
  await expect(
    describeAs({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { ca: infra.ca },
      sasl: {
        mechanism: 'oauthbearer',
        oauthBearerProvider: async () => ({ value: 'not.a.token' }),
      },
    }),
  ).rejects.toThrow();
});

it('the mTLS listener admits a client certificate of the CA and refuses none', async () => {
  const admin = infra.clientCertificates.admin;
  const cluster = await describeAs({
    brokers: infra.kafka.mtlsBrokers,
    ssl: {
      ca: infra.ca,
      cert: admin.cert,
      key: admin.encryptedKey,
      passphrase: infra.keyPassphrase,
    },
  });
  expect(cluster.brokers).toHaveLength(1);
  await expect(
    describeAs({ brokers: infra.kafka.mtlsBrokers, ssl: { ca: infra.ca } }),
  ).rejects.toThrow();
});

it('a client trusting another CA refuses the broker', async () => {
  await expect(
    describeAs({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { ca: infra.otherCa },
      sasl: {
        mechanism: 'plain',
        username: 'admin',
        password: infra.passwords.admin,
      },
    }),
  ).rejects.toThrow();
});

function registryGet(url: string, options: https.RequestOptions) {
  return new Promise<number>((resolve, reject) => {
    https
      .get(`${url}/subjects`, { ...options, agent: false }, res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

it('the registry answers over HTTPS only, and behind the proxy to a client certificate only', async () => {
  const { url, mtlsUrl } = infra.registry;
  expect(await registryGet(url, { ca: infra.ca })).toBe(200);
  const plainHttp = await fetch(
    `${url.replace('https:', 'http:')}/subjects`,
  ).then(
    res => res.status,
    () => 'refused',
  );
  expect(plainHttp).not.toBe(200);
  await expect(registryGet(url, { ca: infra.otherCa })).rejects.toThrow(
    /self.signed|certificate/i,
  );
  const reader = infra.clientCertificates['app.reader'];
  expect(
    await registryGet(mtlsUrl, {
      ca: infra.ca,
      cert: reader.cert,
      key: reader.key,
    }),
  ).toBe(200);
  await expect(registryGet(mtlsUrl, { ca: infra.ca })).rejects.toThrow();
});
