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
  tlsFailureMessage,
  tlsFailureOf,
  TlsVerificationGuard,
} from './tlsVerification';

const nodeError = (code: string, message: string) =>
  Object.assign(new Error(message), { code });

describe('tlsFailureOf', () => {
  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ca'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'ca'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'ca'],
    ['CERT_HAS_EXPIRED', 'expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'servername'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'clientCertificate'],
    ['ERR_SSL_SSL/TLS_ALERT_BAD_CERTIFICATE', 'clientCertificate'],
    ['ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE', 'clientCertificate'],
    ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'clientCertificate'],
  ])('%s points at %s', (code, kind) => {
    expect(tlsFailureOf(nodeError(code, 'm'), 'b:9093')).toEqual({
      kind,
      broker: 'b:9093',
      code,
      message: 'm',
    });
  });

  it('leaves other errors alone: they are for kafkajs to retry', () => {
    expect(tlsFailureOf(nodeError('ECONNREFUSED', 'refused'), 'b:1')).toBe(
      undefined,
    );
    expect(tlsFailureOf(new Error('no code'), 'b:1')).toBe(undefined);
    expect(tlsFailureOf(undefined, 'b:1')).toBe(undefined);
  });
});

describe('tlsFailureMessage', () => {
  const failure = (code: string, message: string) =>
    tlsFailureOf(nodeError(code, message), 'kafka-1:9093')!;

  it('names the cluster, the broker and the CA keys for a chain error', () => {
    const message = tlsFailureMessage(
      'prod',
      failure(
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        'unable to verify the first certificate',
      ),
    );
    expect(message).toContain('cluster "prod"');
    expect(message).toContain('kafka-1:9093');
    expect(message).toContain('ssl.ca / ssl.caFile');
    expect(message).toContain(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate',
    );
  });

  it('names ssl.servername for a host the certificate does not name', () => {
    expect(
      tlsFailureMessage(
        'prod',
        failure(
          'ERR_TLS_CERT_ALTNAME_INVALID',
          "Host: kafka-1. is not in the cert's altnames",
        ),
      ),
    ).toMatch(/check ssl\.servername/);
  });

  it('names the client certificate keys when the broker wants one', () => {
    const message = tlsFailureMessage(
      undefined,
      failure(
        'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
        'tlsv13 alert certificate required',
      ),
    );
    expect(message).toContain('the cluster at kafka-1:9093');
    expect(message).toContain(
      'ssl.cert / ssl.certFile and ssl.key / ssl.keyFile',
    );
    expect(message).not.toContain('ssl.caFile');
  });
});

describe('TlsVerificationGuard', () => {
  it('offers the seed brokers until a TLS failure, none after it, and again after reset', async () => {
    const guard = new TlsVerificationGuard(['a:9093', 'b:9093']);
    await expect(guard.brokers()).resolves.toEqual(['a:9093', 'b:9093']);
    (guard as any).recorded = tlsFailureOf(
      nodeError('CERT_HAS_EXPIRED', 'certificate has expired'),
      'a:9093',
    );
    await expect(guard.brokers()).resolves.toEqual([]);
    expect(guard.failure?.kind).toBe('expired');
    guard.reset();
    expect(guard.failure).toBe(undefined);
    await expect(guard.brokers()).resolves.toEqual(['a:9093', 'b:9093']);
  });
});
