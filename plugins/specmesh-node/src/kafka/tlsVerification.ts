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
import net from 'net';
import tls from 'tls';
import type { ISocketFactory } from 'kafkajs';

/** Which part of a cluster's `ssl` configuration a TLS failure points at. */
export type TlsFailureKind =
  | 'ca'
  | 'expired'
  | 'servername'
  | 'clientCertificate';

/** A TLS failure of a connection to a broker, as Node reported it. */
export interface TlsFailure {
  kind: TlsFailureKind;
  /** `host:port` of the broker. */
  broker: string;
  /** Node's or OpenSSL's error code, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  code: string;
  /** Node's message: certificate names at most, never key material. */
  message: string;
}

const KIND_OF_CODE: Record<string, TlsFailureKind> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'ca',
  UNABLE_TO_GET_ISSUER_CERT: 'ca',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'ca',
  SELF_SIGNED_CERT_IN_CHAIN: 'ca',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'ca',
  CERT_SIGNATURE_FAILURE: 'ca',
  CERT_UNTRUSTED: 'ca',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'servername',
  // The broker's alerts when it requires a client certificate it did not get or trust
  // (a Kafka broker sends bad_certificate); OpenSSL 3 spells them SSL/TLS, 1.1 SSLV3.
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'clientCertificate',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'clientCertificate',
  ...Object.fromEntries(
    ['SSL/TLS', 'SSLV3'].flatMap(prefix =>
      ['BAD_CERTIFICATE', 'CERTIFICATE_UNKNOWN', 'HANDSHAKE_FAILURE'].map(
        alert => [`ERR_SSL_${prefix}_ALERT_${alert}`, 'clientCertificate'],
      ),
    ),
  ),
};

/** The TLS failure an error of a socket is, or undefined for any other error. */
export function tlsFailureOf(
  error: unknown,
  broker: string,
): TlsFailure | undefined {
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  const kind = typeof code === 'string' ? KIND_OF_CODE[code] : undefined;
  if (!kind) return undefined;
  return { kind, broker, code: code as string, message: String(message) };
}

const ADVICE: Record<TlsFailureKind, string> = {
  ca: "the broker's certificate is not signed by a CA the client trusts: check ssl.ca / ssl.caFile (the CA that signed the broker's certificate)",
  expired:
    "the broker's certificate (or its CA) is outside its validity period: renew it on the broker, or check ssl.ca / ssl.caFile",
  servername:
    "the broker's certificate does not name the host connected to: check ssl.servername, or the broker address in brokers",
  clientCertificate:
    'the broker refused the TLS handshake for want of a client certificate it trusts: check ssl.cert / ssl.certFile and ssl.key / ssl.keyFile',
};

/** What an operator reads: the cluster, the broker, the cause and the key to check. */
export function tlsFailureMessage(
  cluster: string | undefined,
  failure: TlsFailure,
): string {
  const where = cluster ? `cluster "${cluster}"` : 'the cluster';
  return (
    `TLS failure connecting to ${where} at ${failure.broker}: ` +
    `${ADVICE[failure.kind]} (${failure.code}: ${failure.message})`
  );
}

/**
 * Stops kafkajs' connection retries at the first TLS failure: its own connection
 * error is retriable whatever the cause, so retrying a certificate that cannot
 * verify would take the whole retry budget (about 10 s). The socket factory
 * (kafkajs' own, plus an error listener) records the failure; the brokers function
 * then offers no seed broker, which kafkajs refuses as a non-retriable error, so
 * connect fails after one attempt and {@link TlsVerificationGuard.failure} says why.
 */
export class TlsVerificationGuard {
  private recorded: TlsFailure | undefined;

  constructor(private readonly seedBrokers: string[]) {}

  get failure(): TlsFailure | undefined {
    return this.recorded;
  }

  /** Forgets the last failure, before connecting again. */
  reset(): void {
    this.recorded = undefined;
  }

  /** kafkajs' `brokers` as a function: none once a TLS failure is recorded. */
  readonly brokers = async (): Promise<string[]> =>
    this.recorded ? [] : this.seedBrokers;

  /** kafkajs' default socket factory, watching for TLS failures. */
  readonly socketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    const socket = ssl
      ? tls.connect(
          {
            host,
            port,
            ...(!net.isIP(host) ? { servername: host } : {}),
            ...ssl,
          },
          onConnect,
        )
      : net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    if (ssl) {
      socket.on('error', error => {
        this.recorded ??= tlsFailureOf(error, `${host}:${port}`);
      });
    }
    return socket;
  };
}
