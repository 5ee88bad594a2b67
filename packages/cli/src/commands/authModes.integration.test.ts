/*
 * `meshport plan` and `meshport apply`, run as the real bin, against a secured broker and
 * registry of @meshport/dev-infra (startSecureInfra: a CA generated for this file): a
 * cluster file with caFile/certFile/keyFile relative to it for mutual TLS to both, and one
 * with OAUTHBEARER whose client secret comes from the environment. A cluster file with a
 * wrong CA fails with a TLS error.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SecureInfra, startSecureInfra } from '@meshport/dev-infra';

jest.setTimeout(300_000);

const BIN = resolve(__dirname, '../../bin/meshport');
const SECRET_VARIABLE = 'MESHPORT_IT_OAUTH_SECRET';
const appId = `it.cli.auth.${Date.now().toString(36)}${Math.random()
  .toString(36)
  .slice(2, 6)}`;

let infra: SecureInfra;
let runDir: string;
let folder: string;

beforeAll(async () => {
  runDir = mkdtempSync(join(tmpdir(), 'meshport-cli-auth-infra-'));
  infra = await startSecureInfra({ runDir, users: ['it.cli.reader'] });
  folder = mkdtempSync(join(tmpdir(), 'meshport-cli-auth-'));
  // PEM files beside the cluster files, named relatively from them.
  const admin = infra.clientCertificates.admin;
  copyFileSync(infra.caFile, join(folder, 'ca.pem'));
  copyFileSync(infra.otherCaFile, join(folder, 'other-ca.pem'));
  copyFileSync(admin.certFile, join(folder, 'admin.crt'));
  copyFileSync(admin.keyFile, join(folder, 'admin.key'));
});

afterAll(async () => {
  // The broker and registry are this file's own: stopping them discards what was applied.
  await infra?.stop();
  for (const dir of [folder, runDir]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

function write(name: string, lines: string[]) {
  const file = join(folder, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const mtlsRegistry = () => [
  'schemaRegistry:',
  `  url: ${infra.registry.mtlsUrl}`,
  '  ssl:',
  '    caFile: ca.pem',
  '    certFile: admin.crt',
  '    keyFile: admin.key',
];

function specFile() {
  return write('spec.yaml', [
    "asyncapi: '2.6.0'",
    `id: 'urn:${appId}'`,
    'info:',
    '  title: CLI authentication test',
    "  version: '1.0.0'",
    'channels:',
    '  _public.orders:',
    '    bindings:',
    '      kafka:',
    '        partitions: 1',
    '    publish:',
    '      message:',
    '        payload:',
    '          type: object',
    '          properties:',
    '            id:',
    '              type: string',
    '  _protected.payments:',
    '    publish:',
    '      tags:',
    '        - name: grant-access:it.cli.reader',
  ]);
}

function meshport(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(done => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        done({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

it('plans and applies over mutual TLS with PEM files relative to the cluster file', async () => {
  const cluster = write('mtls.yaml', [
    'name: secured',
    `brokers: [${infra.kafka.mtlsBrokers.join(', ')}]`,
    'ssl:',
    '  caFile: ca.pem',
    '  certFile: admin.crt',
    '  keyFile: admin.key',
    ...mtlsRegistry(),
  ]);
  const spec = specFile();

  const planned = await meshport([
    'plan',
    spec,
    '--cluster',
    cluster,
    '--json',
  ]);
  expect(planned.stderr).toBe('');
  expect(planned.code).toBe(0);
  const plan = JSON.parse(planned.stdout);
  expect(Object.keys(plan.summary)).toEqual(['CREATE']);

  const applied = await meshport([
    'apply',
    spec,
    '--cluster',
    cluster,
    '--json',
  ]);
  expect(applied.code).toBe(0);
  const result = JSON.parse(applied.stdout);
  expect(
    result.items
      .filter((item: { state: string }) => item.state !== 'CREATED')
      .map((item: { key: string }) => item.key),
  ).toEqual([]);
  expect(
    result.items.map((item: { kind: string }) => item.kind).sort(),
  ).toEqual(expect.arrayContaining(['acl', 'schema', 'topic']));
});

// After the apply above: the same spec read back over OAUTHBEARER has nothing to do.
it('plans over OAUTHBEARER with the client secret from the environment', async () => {
  const cluster = write('oauth.yaml', [
    'name: secured',
    `brokers: [${infra.kafka.saslSslBrokers.join(', ')}]`,
    'ssl:',
    '  caFile: ca.pem',
    'sasl:',
    '  mechanism: oauthbearer',
    `  tokenEndpoint: ${infra.oauth.tokenUrl}`,
    '  clientId: admin',
    `  clientSecret: \${${SECRET_VARIABLE}}`,
    ...mtlsRegistry(),
  ]);
  const secret = infra.oauth.clientSecrets.admin;

  const planned = await meshport(['plan', specFile(), '--cluster', cluster], {
    [SECRET_VARIABLE]: secret,
  });
  expect(planned.code).toBe(0);
  expect(planned.stdout).toMatch(/nothing to do/);
  expect(planned.stdout + planned.stderr).not.toContain(secret);

  const refused = await meshport(['plan', specFile(), '--cluster', cluster], {
    [SECRET_VARIABLE]: 'not-the-secret',
  });
  expect(refused.code).toBe(1);
  expect(refused.stdout + refused.stderr).not.toContain('not-the-secret');
});

it('fails with a TLS error naming ssl.ca / ssl.caFile when the cluster file names another CA', async () => {
  const cluster = write('wrong-ca.yaml', [
    'name: secured',
    `brokers: [${infra.kafka.mtlsBrokers.join(', ')}]`,
    'ssl:',
    '  caFile: other-ca.pem',
    '  certFile: admin.crt',
    '  keyFile: admin.key',
    ...mtlsRegistry(),
  ]);
  const planned = await meshport(['plan', specFile(), '--cluster', cluster]);
  expect(planned.code).toBe(1);
  expect(planned.stderr).toMatch(
    /TLS failure connecting to cluster "secured" at .+: the broker's certificate is not signed by a CA the client trusts: check ssl\.ca \/ ssl\.caFile/,
  );
  expect(planned.stderr).not.toContain('PRIVATE KEY');
});
