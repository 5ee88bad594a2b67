/*
 * Every authentication mode of a cluster's configuration against a real secured broker and
 * registry (startSecureInfra of @meshport/dev-infra: a CA generated for this file; SASL_SSL
 * with PLAIN, SCRAM-SHA-256/512 and OAUTHBEARER against a local token endpoint; an mTLS
 * listener; Apicurio over HTTPS, and behind a proxy requiring a client certificate).
 * Each mode goes through the real config path (readClusterConfigs on a ConfigReader):
 * plan and apply a spec (topics, schema, ACLs) through the provisioner, one chargeback
 * collection through @platformatic/kafka, and a schema read back over TLS. Then the
 * failures an operator meets: a wrong CA, a wrong password or secret, no client certificate.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConfigReader } from '@backstage/config';
import { SecureInfra, startSecureInfra } from '@meshport/dev-infra';
import {
  desiredOf,
  owned,
  removeNamespace,
  uniqueAppId,
} from '../apply/__testUtils__/realCluster';
import { ChargebackCollector } from '../chargeback/ChargebackCollector';
import { createChargebackAdmin } from '../chargeback/createChargebackAdmin';
import {
  ClusterConfig,
  connectProvisioner,
  kafkaConnectionOf,
  readClusterConfigs,
  schemaRegistryConnectionOf,
} from '../config';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import { KafkaClusterAdmin } from './KafkaClusterAdmin';

jest.setTimeout(300_000);

const READER = 'it.auth.reader';
const WRONG_PASSWORD = 'Wr0ng-pa55word-never-shown';

let infra: SecureInfra;
let runDir: string;

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-auth-modes-'));
  infra = await startSecureInfra({ runDir, users: [READER] });
});

afterAll(async () => {
  await infra?.stop();
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
});

/** One cluster entry through the portal's config reader. */
function clusterOf(entry: Record<string, unknown>): ClusterConfig {
  const [cluster] = readClusterConfigs(
    new ConfigReader({
      specmesh: { clusters: [{ name: 'secured', ...entry }] },
    }),
  );
  return cluster;
}

/** The registry over HTTPS with the CA inline (server authentication only). */
const tlsRegistry = () => ({ url: infra.registry.url, ssl: { ca: infra.ca } });
/** The registry behind the proxy that requires a client certificate, from files. */
const mtlsRegistry = () => {
  const admin = infra.clientCertificates.admin;
  return {
    url: infra.registry.mtlsUrl,
    ssl: {
      caFile: infra.caFile,
      certFile: admin.certFile,
      keyFile: admin.keyFile,
    },
  };
};

const modes: Array<[string, () => Record<string, unknown>]> = [
  [
    'SASL PLAIN over TLS with an inline CA bundle',
    () => ({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { ca: infra.ca },
      sasl: {
        mechanism: 'plain',
        username: 'admin',
        password: infra.passwords.admin,
      },
      schemaRegistry: tlsRegistry(),
    }),
  ],
  [
    'SASL SCRAM-SHA-256 over TLS with a CA file',
    () => ({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { caFile: infra.caFile },
      sasl: {
        mechanism: 'scram-sha-256',
        username: 'admin',
        password: infra.passwords.admin,
      },
      schemaRegistry: tlsRegistry(),
    }),
  ],
  [
    'SASL SCRAM-SHA-512 over TLS, registry with a client certificate',
    () => ({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { caFile: infra.caFile },
      sasl: {
        mechanism: 'SCRAM-SHA-512',
        username: 'admin',
        password: infra.passwords.admin,
      },
      schemaRegistry: mtlsRegistry(),
    }),
  ],
  [
    'SASL OAUTHBEARER with client credentials against the token endpoint',
    () => ({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { ca: infra.ca },
      sasl: {
        mechanism: 'oauthbearer',
        tokenEndpoint: infra.oauth.tokenUrl,
        clientId: 'admin',
        clientSecret: infra.oauth.clientSecrets.admin,
        scope: 'kafka',
      },
      schemaRegistry: mtlsRegistry(),
    }),
  ],
  [
    'mutual TLS with a client certificate and an encrypted key',
    () => {
      const admin = infra.clientCertificates.admin;
      return {
        brokers: infra.kafka.mtlsBrokers,
        ssl: {
          caFile: infra.caFile,
          cert: admin.cert,
          keyFile: admin.encryptedKeyFile,
          passphrase: infra.keyPassphrase,
        },
        schemaRegistry: mtlsRegistry(),
      };
    },
  ],
];

describe.each(modes)('%s', (_mode, entry) => {
  it('plans and applies a spec, collects chargeback and reads its schema back', async () => {
    const cluster = clusterOf(entry());
    const appId = uniqueAppId('it.auth');
    const desired = desiredOf(appId, {
      '_public.orders': owned(
        { partitions: 2 },
        {
          payload: {
            type: 'object',
            properties: { id: { type: 'string' } },
          },
        },
      ),
      '_protected.payments': owned({}, { grants: [READER] }),
    });

    const { provisioner, disconnect } = await connectProvisioner(cluster);
    const kafka = KafkaClusterAdmin.create(kafkaConnectionOf(cluster));
    await kafka.connect();
    try {
      const plan = await provisioner.plan(desired);
      const kinds = new Set(plan.items.map(item => item.kind));
      expect([...kinds].sort()).toEqual(['acl', 'schema', 'topic']);
      expect(plan.items.every(item => item.state === 'CREATE')).toBe(true);

      const result = await provisioner.apply(plan);
      expect(
        result.items
          .filter(item => item.state !== 'CREATED')
          .map(item => `${item.kind} ${item.key} ${item.state}`),
      ).toEqual([]);
      const again = await provisioner.plan(desired);
      expect(again.items.every(item => item.state === 'UNCHANGED')).toBe(true);
      expect(
        again.items.some(
          item =>
            item.kind === 'acl' &&
            JSON.stringify(item).includes(`User:${READER}`),
        ),
      ).toBe(true);

      const chargebackAdmin = createChargebackAdmin(kafkaConnectionOf(cluster));
      try {
        const collection = await new ChargebackCollector(
          chargebackAdmin,
        ).collect([appId]);
        expect(
          collection.topics
            .filter(topic => topic.ownerAppId === appId)
            .map(topic => topic.topic)
            .sort(),
        ).toEqual([`${appId}._protected.payments`, `${appId}._public.orders`]);
      } finally {
        await chargebackAdmin.close();
      }

      const registry = new ConfluentSchemaRegistryAdmin(
        schemaRegistryConnectionOf(cluster),
      );
      const schema = await registry.latestSchema(
        `${appId}._public.orders-value`,
      );
      expect(schema?.schemaType).toBe('JSON');
    } finally {
      await removeNamespace(kafka, appId).catch(() => {});
      await kafka.disconnect();
      await disconnect();
    }
  });
});

// Runs after the modes above: the OAUTHBEARER mode's provisioner, admin and chargeback
// client shared one cached token.
it('OAUTHBEARER fetched one token for all the connections of its configuration', () => {
  expect(infra.oauth.issued).toEqual({ admin: 1 });
});

/** What connecting the provisioner to a cluster fails with. */
async function connectionError(entry: Record<string, unknown>): Promise<Error> {
  return (await failedConnection(entry)).error;
}

/** The error, and how many connections kafkajs saw fail (it logs each one). */
async function failedConnection(
  entry: Record<string, unknown>,
): Promise<{ error: Error; failedConnections: number }> {
  const cluster = clusterOf(entry);
  let failedConnections = 0;
  const logger = {
    warn: () => {},
    error: (message: string) => {
      if (message.includes('Connection error')) failedConnections++;
    },
  };
  try {
    const { disconnect } = await connectProvisioner(cluster, { logger });
    await disconnect();
  } catch (error) {
    return { error: error as Error, failedConnections };
  }
  throw new Error('The connection succeeded');
}

/** The message of an error and of its causes. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as any; e && parts.length < 5; e = e.cause) {
    parts.push(String(e.message ?? e));
  }
  return parts.join(' / ');
}

describe('refusals', () => {
  it('a broker certificate of another CA fails at the first attempt, naming ssl.ca / ssl.caFile', async () => {
    const { error, failedConnections } = await failedConnection({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { caFile: infra.otherCaFile },
      sasl: {
        mechanism: 'plain',
        username: 'admin',
        password: infra.passwords.admin,
      },
      schemaRegistry: tlsRegistry(),
    });
    expect(error.message).toMatch(
      /^TLS failure connecting to cluster "secured" at .+: the broker's certificate is not signed by a CA the client trusts: check ssl\.ca \/ ssl\.caFile/,
    );
    expect(error.message).toMatch(/\(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_/);
    expect(error.message).not.toContain(infra.passwords.admin);
    // kafkajs would retry 15 times under test (5 times, about 10 s, otherwise).
    expect(failedConnections).toBe(1);
  });

  it('a registry certificate of another CA is a TLS error', async () => {
    const registry = new ConfluentSchemaRegistryAdmin(
      schemaRegistryConnectionOf(
        clusterOf({
          brokers: infra.kafka.saslSslBrokers,
          schemaRegistry: {
            url: infra.registry.url,
            ssl: { ca: infra.otherCa },
          },
        }),
      ),
    );
    await expect(registry.listSubjects()).rejects.toThrow();
    const error = await registry.listSubjects().catch(e => e);
    expect(messages(error)).toMatch(/certificate/i);
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'])(
    'a wrong %s password is an authentication error that does not show it',
    async mechanism => {
      const error = await connectionError({
        brokers: infra.kafka.saslSslBrokers,
        ssl: { ca: infra.ca },
        sasl: { mechanism, username: 'admin', password: WRONG_PASSWORD },
        schemaRegistry: tlsRegistry(),
      });
      expect(messages(error)).toMatch(/authenticat/i);
      expect(messages(error)).not.toContain(WRONG_PASSWORD);
      expect(JSON.stringify(error)).not.toContain(WRONG_PASSWORD);
    },
  );

  it('a wrong OAuth client secret fails at the token endpoint without showing it', async () => {
    const error = await connectionError({
      brokers: infra.kafka.saslSslBrokers,
      ssl: { ca: infra.ca },
      sasl: {
        mechanism: 'oauthbearer',
        tokenEndpoint: infra.oauth.tokenUrl,
        clientId: 'admin',
        clientSecret: WRONG_PASSWORD,
      },
      schemaRegistry: tlsRegistry(),
    });
    expect(messages(error)).toMatch(/401|invalid_client|token/i);
    expect(messages(error)).not.toContain(WRONG_PASSWORD);
  });

  it('the mTLS listener refuses a client without a certificate at the first attempt, naming ssl.cert / ssl.key', async () => {
    const { error, failedConnections } = await failedConnection({
      brokers: infra.kafka.mtlsBrokers,
      ssl: { caFile: infra.caFile },
      schemaRegistry: tlsRegistry(),
    });
    expect(error.message).toMatch(
      /^TLS failure connecting to cluster "secured" at .+: the broker refused the TLS handshake for want of a client certificate it trusts: check ssl\.cert \/ ssl\.certFile and ssl\.key \/ ssl\.keyFile/,
    );
    expect(error.message).toMatch(/ALERT_BAD_CERTIFICATE|CERTIFICATE_REQUIRED/);
    expect(error.message).not.toContain('PRIVATE KEY');
    expect(failedConnections).toBe(1);
  });

  it('the mTLS registry refuses a client without a certificate', async () => {
    const registry = new ConfluentSchemaRegistryAdmin(
      schemaRegistryConnectionOf(
        clusterOf({
          brokers: infra.kafka.saslSslBrokers,
          schemaRegistry: {
            url: infra.registry.mtlsUrl,
            ssl: { ca: infra.ca },
          },
        }),
      ),
    );
    await expect(registry.listSubjects()).rejects.toThrow();
  });

  it('a client certificate is the principal User:<CN>, with its ACLs only', async () => {
    const reader = infra.clientCertificates[READER];
    const cluster = clusterOf({
      brokers: infra.kafka.mtlsBrokers,
      ssl: { ca: infra.ca, cert: reader.cert, key: reader.key },
      schemaRegistry: tlsRegistry(),
    });
    const kafka = KafkaClusterAdmin.create(kafkaConnectionOf(cluster));
    await kafka.connect();
    try {
      // Not a super user: the deny-by-default authorizer refuses a topic creation.
      const name = `${READER}.not-allowed`;
      const failures = await kafka.createTopics([
        { name, access: 'public', partitions: 1, replicas: null, configs: {} },
      ]);
      expect(failures.get(name)).toMatch(/authoriz/i);
    } finally {
      await kafka.disconnect();
    }
  });
});
