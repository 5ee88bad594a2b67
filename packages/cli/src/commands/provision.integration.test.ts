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
/*
 * `meshport plan` and `meshport apply` against the real broker and registry of
 * @meshport/dev-infra (the running one of MESHPORT_INFRA_FILE, else a private one):
 * exit codes, the three output formats, and the cluster file with a secret from the
 * environment.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { RunningInfra, startOrReuseInfra } from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '@meshport/plugin-specmesh-node';
import { runMeshport } from '../program';

jest.setTimeout(120_000);

const BIN = resolve(__dirname, '../../bin/meshport');
const SECRET_VARIABLE = 'MESHPORT_IT_KAFKA_PASSWORD';

let infra: RunningInfra;
let folder: string;
let admin: KafkaClusterAdmin;
const appId = `it.cli.${Date.now().toString(36)}${Math.random()
  .toString(36)
  .slice(2, 6)}`;

beforeAll(async () => {
  infra = await startOrReuseInfra();
  folder = mkdtempSync(join(tmpdir(), 'meshport-cli-it-'));
  mkdirSync(join(folder, 'schema'));
  writeFileSync(
    join(folder, 'schema', 'order.avsc'),
    JSON.stringify({
      type: 'record',
      name: 'Order',
      namespace: appId,
      fields: [{ name: 'id', type: 'string' }],
    }),
  );
  admin = KafkaClusterAdmin.create({
    brokers: infra.kafka.brokers,
    sasl: infra.kafka.sasl,
  });
  await admin.connect();
  process.env[SECRET_VARIABLE] = infra.kafka.sasl.password;
});

afterAll(async () => {
  delete process.env[SECRET_VARIABLE];
  if (admin) {
    const { topics, acls } = await admin.describeNamespace(
      appId,
      `User:${appId}`,
    );
    await admin.deleteTopics(topics.map(topic => topic.name));
    await admin.deleteAcls(acls);
    await admin.disconnect();
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
  await infra?.stop();
});

/** A cluster file for the test broker; the password comes from the environment. */
function clusterFile(
  name: string,
  extra: string[] = [],
  brokers = infra.kafka.brokers,
) {
  const file = join(folder, name);
  writeFileSync(
    file,
    [
      'name: it',
      `brokers: [${brokers.join(', ')}]`,
      'sasl:',
      '  mechanism: plain',
      `  username: ${infra.kafka.sasl.username}`,
      `  password: \${${SECRET_VARIABLE}}`,
      'schemaRegistry:',
      `  url: ${infra.registry.url}`,
      ...extra,
    ].join('\n'),
  );
  return file;
}

/** A spec with an Avro-typed public topic, a protected one and, optionally, a private one. */
function specFile(
  name: string,
  options: { partitions?: number; audit?: boolean } = {},
) {
  const file = join(folder, name);
  writeFileSync(
    file,
    [
      "asyncapi: '2.6.0'",
      `id: 'urn:${appId}'`,
      'info:',
      '  title: CLI test',
      "  version: '1.0.0'",
      'channels:',
      '  _public.orders:',
      '    bindings:',
      '      kafka:',
      `        partitions: ${options.partitions ?? 2}`,
      '    publish:',
      '      message:',
      "        $ref: '#/components/messages/Order'",
      '  _protected.payments:',
      '    publish:',
      '      tags:',
      '        - name: grant-access:it.cli.reader',
      ...(options.audit === false
        ? []
        : ['  _private.audit:', '    publish: {}']),
      'components:',
      '  messages:',
      '    Order:',
      '      payload:',
      "        $ref: '/schema/order.avsc'",
    ].join('\n'),
  );
  return file;
}

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runMeshport(args, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('meshport plan and apply on a real cluster', () => {
  it('plans, applies from the command line, and then has nothing to do', async () => {
    const cluster = clusterFile('cluster.yaml');
    const spec = specFile('spec.yaml');

    const planned = await run('plan', spec, '--cluster', cluster, '--json');
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout);
    expect(plan).toMatchObject({ command: 'plan', cluster: 'it', appId });
    expect(Object.keys(plan.summary)).toEqual(['CREATE']);
    expect(
      plan.items
        .filter((item: { kind: string }) => item.kind === 'topic')
        .map((item: { key: string }) => item.key),
    ).toEqual([
      `${appId}._private.audit`,
      `${appId}._protected.payments`,
      `${appId}._public.orders`,
    ]);

    // As a pipeline runs it: the bin, with the secret in the environment.
    const applied = await promisify(execFile)(
      process.execPath,
      [BIN, 'apply', spec, '--cluster', cluster, '--markdown'],
      { env: { ...process.env, [SECRET_VARIABLE]: infra.kafka.sasl.password } },
    );
    expect(applied.stdout).toContain(
      `### ✅ Meshport apply for \`${appId}\` on \`it\``,
    );
    expect(applied.stdout).toContain(
      `| ✅ | \`${appId}._public.orders\` | created | partitions 2, replicas default |`,
    );
    expect(applied.stdout).toContain(
      `| ✅ | \`${appId}._public.orders-value\` | created | AVRO from /schema/order.avsc, compatibility FULL_TRANSITIVE |`,
    );
    expect(applied.stdout).toContain(
      `| ✅ | \`User:it.cli.reader\` | READ | TOPIC literal \`${appId}._protected.payments\` | created |`,
    );
    expect(applied.stdout).not.toMatch(/❌|⛔/);

    const again = await run('plan', spec, '--cluster', cluster);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      new RegExp(
        `^Plan for ${appId.replace(
          /\./g,
          '\\.',
        )} on cluster it: \\d+ unchanged\\.\nThe cluster matches the spec: nothing to do\\.\n$`,
      ),
    );
  });

  it('exits 1 with the reason when something is blocked', async () => {
    const cluster = clusterFile('cluster.yaml');
    const fewer = specFile('fewer-partitions.yaml', { partitions: 1 });

    const { code, stdout } = await run('apply', fewer, '--cluster', cluster);

    expect(code).toBe(1);
    expect(stdout).toContain(
      `  ! blocked  ${appId}._public.orders  partitions 2 → 1 (blocked)\n`,
    );
    expect(stdout).toContain('Kafka cannot remove partitions');
  });

  it('deletes an unmanaged topic only with --delete-unmanaged on a cluster that allows it', async () => {
    const withoutAudit = specFile('without-audit.yaml', { audit: false });
    const audit = `${appId}._private.audit`;

    const reported = await run(
      'plan',
      withoutAudit,
      '--cluster',
      clusterFile('cluster.yaml'),
    );
    expect(reported.code).toBe(0);
    expect(reported.stdout).toContain(
      `  = unmanaged  ${audit}  not in the spec`,
    );

    const refused = await run(
      'apply',
      withoutAudit,
      '--cluster',
      clusterFile('cluster.yaml'),
      '--delete-unmanaged',
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`blocked (unmanaged)  ${audit}`);

    const deleted = await run(
      'apply',
      withoutAudit,
      '--cluster',
      clusterFile('deleting.yaml', ['allowDeletion: true']),
      '--delete-unmanaged',
      '--json',
    );
    expect(deleted.code).toBe(0);
    expect(
      JSON.parse(deleted.stdout).items.find(
        (item: { key: string }) => item.key === audit,
      ),
    ).toMatchObject({ planned: 'DELETE', state: 'DELETED', unmanaged: true });
  });

  it('exits 2 on an invalid cluster file or spec, and 1 when the cluster cannot be reached', async () => {
    const spec = specFile('spec.yaml');
    const noRegistry = join(folder, 'no-registry.yaml');
    writeFileSync(noRegistry, 'name: it\nbrokers: [localhost:9092]\n');
    const invalidSpec = join(folder, 'invalid.yaml');
    writeFileSync(invalidSpec, "asyncapi: '2.6.0'\nid: nope\n");

    const badCluster = await run('plan', spec, '--cluster', noRegistry);
    expect(badCluster.code).toBe(2);
    expect(badCluster.stderr).toContain(
      `The cluster file ${noRegistry} is invalid: Missing required config value at 'schemaRegistry.url'`,
    );

    const badSpec = await run(
      'plan',
      invalidSpec,
      '--cluster',
      clusterFile('cluster.yaml'),
    );
    expect(badSpec.code).toBe(2);
    expect(badSpec.stderr).toContain(`✖ ${invalidSpec} has errors`);

    expect(
      (
        await run(
          'plan',
          spec,
          '--cluster',
          clusterFile('c.yaml'),
          '--json',
          '--markdown',
        )
      ).code,
    ).toBe(2);

    const unreachable = await run(
      'plan',
      spec,
      '--cluster',
      clusterFile('unreachable.yaml', [], ['127.0.0.1:1']),
      '--markdown',
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(
      '✖ Could not connect to cluster it (127.0.0.1:1): ',
    );
    expect(unreachable.stdout).toContain(
      `### ❌ Meshport plan for \`${appId}\` on \`it\``,
    );
  });
});
