/*
 * A throwaway PKI for the authentication tests: a CA, a server certificate for loopback
 * (broker and registry) and client certificates whose subject CN names a Kafka user.
 * ECDSA P-256 keys, PEM output (what Kafka's PEM stores, Quarkus and Node all read).
 */
import { createPrivateKey, KeyObject, webcrypto } from 'crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
} as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate and its private key, both PEM (the key unencrypted PKCS#8). */
export interface PemPair {
  cert: string;
  key: string;
}

export interface TestCa extends PemPair {
  keys: CryptoKeyPair;
  certificate: x509.X509Certificate;
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair;
}

function pkcs8Pem(key: CryptoKey): string {
  return KeyObject.from(key as unknown as webcrypto.CryptoKey)
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

/** The same key, encrypted with a passphrase (PKCS#8, AES-256-CBC). */
export function encryptPrivateKey(keyPem: string, passphrase: string): string {
  return createPrivateKey(keyPem)
    .export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase,
    })
    .toString();
}

function randomSerial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(12)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');
}

function validity() {
  const now = Date.now();
  return {
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + DAY_MS),
  };
}

/** A self-signed CA that may sign leaf certificates only. */
export async function createTestCa(commonName: string): Promise<TestCa> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${commonName}`,
    ...validity(),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    keys,
    certificate,
    cert: certificate.toString('pem'),
    key: pkcs8Pem(keys.privateKey),
  };
}

/**
 * A leaf certificate signed by the CA. `hosts` become subject alternative names (IP
 * addresses or DNS names) for a server; a client certificate needs none.
 */
export async function issueCertificate(
  ca: TestCa,
  options: { commonName: string; hosts?: string[]; usage: 'server' | 'client' },
): Promise<PemPair> {
  const keys = await generateKeys();
  const hosts = options.hosts ?? [];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${options.commonName}`,
    issuer: ca.certificate.subject,
    ...validity(),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        [
          options.usage === 'server'
            ? x509.ExtendedKeyUsage.serverAuth
            : x509.ExtendedKeyUsage.clientAuth,
        ],
        false,
      ),
      ...(hosts.length
        ? [
            new x509.SubjectAlternativeNameExtension(
              hosts.map(host =>
                /^[\d.]+$|:/.test(host)
                  ? { type: 'ip' as const, value: host }
                  : { type: 'dns' as const, value: host },
              ),
            ),
          ]
        : []),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: certificate.toString('pem'), key: pkcs8Pem(keys.privateKey) };
}
