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
import { ClientCertificate, createTestPki } from './testPki';
import { RunningMtlsProxy, startMtlsProxy } from './mtlsProxy';
import { RunningTokenEndpoint, startTokenEndpoint } from './tokenEndpoint';
import { brokerSecurityProperties, scramFormatArgs } from './brokerSecurity';

export type { ClientCertificate };

export interface SecureInfraOptions {
  /** Private run dir (configs, data, logs, PEM files). */
  runDir: string;
  /** Users besides `admin` (SASL, SCRAM, OAuth client and client certificate each). */
  users?: string[];
  /** Passphrase of the encrypted copy of each client key; default `key-passphrase`. */
  keyPassphrase?: string;
  /** Per-service readiness timeout, default 180 s. */
  readyTimeoutMs?: number;
  log?: (message: string) => void;
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
  // Two JVMs start beside the shared infra, often on a loaded machine: more than the usual 120 s.
  const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;
  // 1. PKI: CA, one server certificate for loopback, a client certificate per user.
  const pki = await createTestPki(
    path.join(runDir, 'pki'),
    names,
    keyPassphrase,
  );
  const { ca, caFile, server, clientCertificates } = pki;
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
          caFile,
          serverKeyStore: pki.serverKeyStore,
          passwords,
          jwksUrl: tokens.jwksUrl,
          issuer: tokens.issuer,
          audience: tokens.audience,
        }),
        formatArgs: scramFormatArgs(passwords),
        systemProperties: [
          `org.apache.kafka.sasl.oauthbearer.allowed.urls=${tokens.jwksUrl},${tokens.tokenUrl}`,
        ],
        readyTimeoutMs,
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
          `quarkus.tls.meshport-test.key-store.pem.0.cert=${pki.serverCertFile}`,
          `quarkus.tls.meshport-test.key-store.pem.0.key=${pki.serverKeyFile}`,
        ],
        apiReady: async () =>
          (await httpsStatus(
            `https://${LOOPBACK}:${registryHttps}/apis/ccompat/v7/subjects`,
            { ca },
          )) === 200,
        readyTimeoutMs,
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
      ca,
      upstreamPort: registryHttps,
    });
    const registryBase = `https://${LOOPBACK}:${registryHttps}`;
    const mtlsBase = `https://${LOOPBACK}:${proxy.port}`;
    let stopping: Promise<void> | undefined;
    return {
      runDir,
      ca,
      caFile,
      otherCa: pki.otherCa,
      otherCaFile: pki.otherCaFile,
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
