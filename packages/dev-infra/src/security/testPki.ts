/*
 * The PEM files of the secured infra: a CA, an unrelated CA (for "wrong CA" tests), a
 * server certificate for loopback and, per user, a client certificate whose CN is the user
 * name, its key in clear and encrypted with a passphrase. Files are private (0600).
 */
import fs from 'fs';
import path from 'path';
import { LOOPBACK } from '../ports';
import {
  createTestCa,
  encryptPrivateKey,
  issueCertificate,
  PemPair,
} from './certificates';

/** A client certificate: PEM contents and the files holding them. */
export interface ClientCertificate extends PemPair {
  certFile: string;
  keyFile: string;
  /** The key encrypted with the passphrase. */
  encryptedKey: string;
  encryptedKeyFile: string;
}

export interface TestPki {
  ca: string;
  caFile: string;
  otherCa: string;
  otherCaFile: string;
  server: PemPair;
  serverCertFile: string;
  serverKeyFile: string;
  /** Kafka's PEM key store file: the private key, then the certificate chain. */
  serverKeyStore: string;
  clientCertificates: Record<string, ClientCertificate>;
}

function writePem(file: string, contents: string) {
  fs.writeFileSync(file, contents, { mode: 0o600 });
  return file;
}

/** Creates the PKI in `dir` (emptied first). */
export async function createTestPki(
  dir: string,
  users: string[],
  keyPassphrase: string,
): Promise<TestPki> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const ca = await createTestCa('Meshport test CA');
  const otherCa = await createTestCa('Meshport unrelated CA');
  const server = await issueCertificate(ca, {
    commonName: 'localhost',
    hosts: [LOOPBACK, 'localhost'],
    usage: 'server',
  });
  const clientCertificates: Record<string, ClientCertificate> = {};
  for (const name of users) {
    const pair = await issueCertificate(ca, {
      commonName: name,
      usage: 'client',
    });
    const encryptedKey = encryptPrivateKey(pair.key, keyPassphrase);
    clientCertificates[name] = {
      ...pair,
      certFile: writePem(file(`${name}.crt`), pair.cert),
      keyFile: writePem(file(`${name}.key`), pair.key),
      encryptedKey,
      encryptedKeyFile: writePem(file(`${name}.encrypted.key`), encryptedKey),
    };
  }
  return {
    ca: ca.cert,
    caFile: writePem(file('ca.pem'), ca.cert),
    otherCa: otherCa.cert,
    otherCaFile: writePem(file('other-ca.pem'), otherCa.cert),
    server,
    serverCertFile: writePem(file('server.crt'), server.cert),
    serverKeyFile: writePem(file('server.key'), server.key),
    serverKeyStore: writePem(
      file('server-keystore.pem'),
      `${server.key}${server.cert}`,
    ),
    clientCertificates,
  };
}
