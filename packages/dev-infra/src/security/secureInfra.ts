/*
 * startSecureInfra(): a broker and a registry for the authentication tests, in a private run
 * dir, besides (never instead of) the shared test infra.
 *
 * - Kafka: the usual SASL_PLAINTEXT/PLAIN listener (set-up as admin) plus
 *   SECURE (SASL_SSL: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER validated against
 *   the local token endpoint's JWKS) and MTLS (SSL, client certificate required, its CN is
 *   the principal). PEM key and trust stores from a CA generated here.
 * - Apicurio over HTTPS only (Quarkus TLS, same CA), and a proxy in front of it that
 *   requires a client certificate of the CA.
 * - A local OAuth token endpoint (client credentials) for OAUTHBEARER.
 * Every SASL user, SCRAM user, OAuth client and client certificate exists for `admin` and
 * each of `users`, with the principal `User:<name>` in every mode.
 */
import fs from 'fs';
import https from 'https';
import path from 'path';
import { fetchRuntimes } from '../fetch';
import {
  ADMIN_USER,
  passwordFor,
  startKafka,
  validateUserName,
} from '../kafka';
import { findFreePorts, LOOPBACK } from '../ports';
import { chooseRegistryRuntime, findKafkaJava } from '../prerequisites';
import { SpawnedProcess, startWatchdog, terminate } from '../processes';
import { startRegistry } from '../registry';
import { runtimeVersions } from '../versions';
import {
  createTestCa,
  encryptPrivateKey,
  issueCertificate,
  PemPair,
} from './certificates';
import { RunningMtlsProxy, startMtlsProxy } from './mtlsProxy';
import { RunningTokenEndpoint, startTokenEndpoint } from './tokenEndpoint';
import { brokerSecurityProperties, scramFormatArgs } from './brokerSecurity';

export interface SecureInfraOptions {
  /** Private run dir (configs, data, logs, PEM files). */
  runDir: string;
  /** Users besides `admin` (SASL, SCRAM, OAuth client and client certificate each). */
  users?: string[];
  /** Passphrase of the encrypted copy of each client key; default `key-passphrase`. */
  keyPassphrase?: string;
  readyTimeoutMs?: number;
  log?: (message: string) => void;
}

/** A client certificate: PEM contents and the files holding them. */
export interface ClientCertificate extends PemPair {
  certFile: string;
  keyFile: string;
  /** The key encrypted with `keyPassphrase`. */
  encryptedKey: string;
  encryptedKeyFile: string;
}

export interface SecureInfra {
  runDir: string;
  /** The test CA (PEM) and its file. */
  ca: string;
  caFile: string;
  /** A CA that signed nothing here, for "wrong CA" tests, and its file. */
  otherCa: string;
  otherCaFile: string;
  keyPassphrase: string;
  /** Per user (admin included). */
  clientCertificates: Record<string, ClientCertificate>;
  /** Per user (admin included): the PLAIN and SCRAM password. */
  passwords: Record<string, string>;
  kafka: {
    /** SASL_PLAINTEXT with PLAIN, for set-up. */
    plaintextBrokers: string[];
    /** SASL_SSL: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER. */
    saslSslBrokers: string[];
    /** SSL with a client certificate required. */
    mtlsBrokers: string[];
    version: string;
  };
  oauth: {
    tokenUrl: string;
    audience: string;
    /** Per user (admin included): the client secret; the client id is the user name. */
    clientSecrets: Record<string, string>;
    /** Tokens issued so far, per client id. */
    issued: Record<string, number>;
  };
  registry: {
    /** HTTPS Confluent-compatible API. */
    url: string;
    /** HTTPS Apicurio v3 API. */
    apiUrl: string;
    /**
     * The Confluent-compatible API behind a proxy that requires a client certificate of
     * the CA (Apicurio cannot be told to at run time; see mtlsProxy.ts).
     */
    mtlsUrl: string;
    version: string;
  };
  stop(): Promise<void>;
}

function writePem(file: string, contents: string) {
  fs.writeFileSync(file, contents, { mode: 0o600 });
  return file;
}

/** GET over HTTPS with the test CA and a client certificate; the status, or undefined. */
function httpsStatus(url: string, tls: { ca: string }) {
  return new Promise<number | undefined>(resolve => {
    const req = https.get(
      url,
      { ca: tls.ca, timeout: 2000, agent: false },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

export async function startSecureInfra(
  options: SecureInfraOptions,
): Promise<SecureInfra> {
  const log = options.log ?? (() => {});
  const runDir = path.resolve(options.runDir);
  const names = [
    ADMIN_USER,
    ...(options.users ?? []).filter(u => u !== ADMIN_USER),
  ];
  names.forEach(validateUserName);
  const keyPassphrase = options.keyPassphrase ?? 'key-passphrase';
  const pkiDir = path.join(runDir, 'pki');
  fs.rmSync(pkiDir, { recursive: true, force: true });
  fs.mkdirSync(pkiDir, { recursive: true });

  // 1. PKI: CA, one server certificate for loopback, a client certificate per user.
  const ca = await createTestCa('Meshport test CA');
  const otherCa = await createTestCa('Meshport unrelated CA');
  const server = await issueCertificate(ca, {
    commonName: 'localhost',
    hosts: [LOOPBACK, 'localhost'],
    usage: 'server',
  });
  const caFile = writePem(path.join(pkiDir, 'ca.pem'), ca.cert);
  const otherCaFile = writePem(path.join(pkiDir, 'other-ca.pem'), otherCa.cert);
  const serverCertFile = writePem(path.join(pkiDir, 'server.crt'), server.cert);
  const serverKeyFile = writePem(path.join(pkiDir, 'server.key'), server.key);
  // Kafka's PEM key store file: the private key, then the certificate chain.
  const serverKeyStore = writePem(
    path.join(pkiDir, 'server-keystore.pem'),
    `${server.key}${server.cert}`,
  );
  const clientCertificates: Record<string, ClientCertificate> = {};
  for (const name of names) {
    const pair = await issueCertificate(ca, {
      commonName: name,
      usage: 'client',
    });
    const encryptedKey = encryptPrivateKey(pair.key, keyPassphrase);
    clientCertificates[name] = {
      ...pair,
      certFile: writePem(path.join(pkiDir, `${name}.crt`), pair.cert),
      keyFile: writePem(path.join(pkiDir, `${name}.key`), pair.key),
      encryptedKey,
      encryptedKeyFile: writePem(
        path.join(pkiDir, `${name}.encrypted.key`),
        encryptedKey,
      ),
    };
  }
  const passwords = Object.fromEntries(names.map(n => [n, passwordFor(n)]));
  const clientSecrets = Object.fromEntries(
    names.map(n => [n, `${n}-oauth-secret`]),
  );

  // 2. Token endpoint, runtimes, ports.
  const tokens: RunningTokenEndpoint = await startTokenEndpoint({
    clients: clientSecrets,
  });
  const spawned: SpawnedProcess[] = [];
  let proxy: RunningMtlsProxy | undefined;
  const stopAll = async () => {
    await proxy?.stop();
    await terminate(spawned, 10_000);
    await tokens.stop();
  };
  try {
    const kafkaJava = findKafkaJava();
    const registryRuntime = chooseRegistryRuntime(
      kafkaJava,
      runtimeVersions().apicurio,
    );
    const runtimes = await fetchRuntimes({
      registryVersion: registryRuntime.version,
      log,
    });
    const [
      client,
      controller,
      secure,
      mtls,
      registryHttp,
      management,
      registryHttps,
    ] = await findFreePorts(7);
    const record = (p: SpawnedProcess) => {
      spawned.push(p);
      startWatchdog(process.pid, [p]);
    };

    const tlsFiles = { caFile, serverKeyStore };
    const [kafkaResult, registryResult] = await Promise.allSettled([
      startKafka({
        java: kafkaJava.bin,
        libDir: runtimes.kafka.libDir,
        runDir,
        ports: { client, controller },
        users: passwords,
        extraListeners: [
          { name: 'SECURE', port: secure, securityProtocol: 'SASL_SSL' },
          { name: 'MTLS', port: mtls, securityProtocol: 'SSL' },
        ],
        extraProperties: brokerSecurityProperties({
          saslListener: 'SECURE',
          mtlsListener: 'MTLS',
          ...tlsFiles,
          passwords,
          jwksUrl: tokens.jwksUrl,
          issuer: tokens.issuer,
          audience: tokens.audience,
        }),
        formatArgs: scramFormatArgs(passwords),
        systemProperties: [
          `org.apache.kafka.sasl.oauthbearer.allowed.urls=${tokens.jwksUrl},${tokens.tokenUrl}`,
        ],
        readyTimeoutMs: options.readyTimeoutMs,
        onSpawn: record,
      }),
      startRegistry({
        java: registryRuntime.java.bin,
        jar: runtimes.registry.jar,
        version: runtimes.registry.version,
        runDir,
        port: registryHttp,
        managementPort: management,
        systemProperties: [
          `quarkus.http.ssl-port=${registryHttps}`,
          'quarkus.http.insecure-requests=disabled',
          // A named TLS configuration: the default one would also switch the management
          // interface (health) to HTTPS.
          'quarkus.http.tls-configuration-name=meshport-test',
          `quarkus.tls.meshport-test.key-store.pem.0.cert=${serverCertFile}`,
          `quarkus.tls.meshport-test.key-store.pem.0.key=${serverKeyFile}`,
        ],
        apiReady: async () =>
          (await httpsStatus(
            `https://${LOOPBACK}:${registryHttps}/apis/ccompat/v7/subjects`,
            { ca: ca.cert },
          )) === 200,
        readyTimeoutMs: options.readyTimeoutMs,
        onSpawn: record,
      }),
    ]);
    const failures = [kafkaResult, registryResult].filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    if (failures.length || kafkaResult.status === 'rejected') {
      throw new Error(
        `Could not start the secured infra:\n${failures
          .map(f =>
            f.reason instanceof Error ? f.reason.message : String(f.reason),
          )
          .join('\n\n')}`,
      );
    }
    proxy = await startMtlsProxy({
      cert: server.cert,
      key: server.key,
      ca: ca.cert,
      upstreamPort: registryHttps,
    });
    const registryBase = `https://${LOOPBACK}:${registryHttps}`;
    const mtlsBase = `https://${LOOPBACK}:${proxy.port}`;
    let stopping: Promise<void> | undefined;
    return {
      runDir,
      ca: ca.cert,
      caFile,
      otherCa: otherCa.cert,
      otherCaFile,
      keyPassphrase,
      clientCertificates,
      passwords,
      kafka: {
        plaintextBrokers: kafkaResult.value.brokers,
        saslSslBrokers: [`${LOOPBACK}:${secure}`],
        mtlsBrokers: [`${LOOPBACK}:${mtls}`],
        version: runtimes.kafka.version,
      },
      oauth: {
        tokenUrl: tokens.tokenUrl,
        audience: tokens.audience,
        clientSecrets,
        issued: tokens.issued,
      },
      registry: {
        url: `${registryBase}/apis/ccompat/v7`,
        apiUrl: `${registryBase}/apis/registry/v3`,
        mtlsUrl: `${mtlsBase}/apis/ccompat/v7`,
        version: runtimes.registry.version,
      },
      stop() {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
