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
 * The Software Template examples/templates/kafka-data-product through the
 * scaffolder's dry-run API, with this module's actions calling the real
 * SpecMesh backend on the real broker and registry: the files it renders are a
 * valid spec whose desired state is what the parameters asked for. And a
 * workspace spec whose schema refs leave the workspace fails with a clear
 * error that carries none of the outside file's content.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { judgeSpec, readSpecFile } from '@meshport/plugin-specmesh-node';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve as resolvePath } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { dataProductFiles } from './__testUtils__/dataProducts';
import { startSpecmeshBackend, TestBackend } from './__testUtils__/testBackend';
import { startTestCluster, TestCluster } from './__testUtils__/testCluster';
import scaffolderModuleSpecmesh from '.';

jest.setTimeout(120_000);

const TEMPLATE_DIR = resolvePath(
  __dirname,
  '../../../examples/templates/kafka-data-product',
);

/** Every file of the template's folder, as the dry-run API takes them. */
function templateDirectoryContents(dir = TEMPLATE_DIR): Array<{
  path: string;
  base64Content: string;
}> {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? templateDirectoryContents(path)
      : [
          {
            path: relative(TEMPLATE_DIR, path),
            base64Content: readFileSync(path).toString('base64'),
          },
        ];
  });
}

/**
 * The demo backend's `demo:publish:local` (packages/backend) stands in for a
 * git host's publish step; a dry run only asks it for its outputs.
 */
const demoPublishStandIn = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'demo-publish-stand-in',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createTemplateAction({
            id: 'demo:publish:local',
            supportsDryRun: true,
            schema: {
              input: z => z.object({ name: z.string().describe('The folder') }),
            },
            async handler(ctx) {
              ctx.output('entityRef', `api:default/${ctx.input.name}`);
            },
          }),
        );
      },
    });
  },
});

interface TopicParameter {
  name: string;
  access: 'public' | 'protected' | 'private';
  partitions: number;
  retentionMs: number;
  grantees?: string[];
}

describe('the kafka-data-product template', () => {
  let cluster: TestCluster;
  let backend: TestBackend;
  let server: any;
  const template = yaml.parse(
    readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  const rendered = createMockDirectory();

  beforeAll(async () => {
    cluster = await startTestCluster();
    backend = await startSpecmeshBackend(cluster, {
      features: [
        scaffolderPlugin,
        scaffolderModuleSpecmesh,
        demoPublishStandIn,
      ],
    });
    server = backend.server;
  });
  afterEach(() => cluster.cleanUp());
  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
  });

  function dryRun(values: Record<string, unknown>) {
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values,
        directoryContents: templateDirectoryContents(),
      });
  }

  /** Writes the dry run's files into `rendered`, returning their paths. */
  function writeRendered(
    files: Array<{ path: string; base64Content: string }>,
  ): string[] {
    rendered.clear();
    rendered.setContent(
      Object.fromEntries(
        files.map(file => [
          file.path,
          Buffer.from(file.base64Content, 'base64').toString('utf8'),
        ]),
      ),
    );
    return files.map(file => file.path).sort();
  }

  const topics: TopicParameter[] = [
    {
      name: 'user_signed_up',
      access: 'public',
      partitions: 3,
      retentionMs: 86400000,
    },
    {
      name: 'payments.settled',
      access: 'protected',
      partitions: 1,
      retentionMs: -1,
      grantees: ['acme.finance.accounting', 'acme.risk.fraud'],
    },
    {
      name: 'audit-log',
      access: 'private',
      partitions: 2,
      retentionMs: 604800000,
    },
  ];

  // Each starter schema is named after its topic.
  it.each([
    [
      'avro',
      'avsc',
      'AVRO',
      (appId: string) => ({
        type: 'record',
        name: 'PaymentsSettled',
        namespace: appId,
      }),
    ],
    [
      'json',
      'json',
      'JSON',
      () => ({ type: 'object', title: 'PaymentsSettled' }),
    ],
  ])(
    'renders a valid spec whose desired state matches the parameters (%s schemas)',
    async (schemaFormat, extension, schemaType, expectedStarter) => {
      const appId = cluster.newAppId();
      const response = await dryRun({
        appId,
        title: 'Lifestyle: "Onboarding"',
        description: 'Sign-ups and payments.\nFor the finance team.',
        owner: 'group:default/acme.lifestyle.onboarding',
        system: 'system:default/acme-data-mesh',
        topics,
        schemaFormat,
        apply: true,
      });

      expect(response.status).toBe(200);
      const failed = response.body.log.filter(
        (entry: any) => entry.body.status === 'failed',
      );
      expect(failed).toEqual([]);

      const topicName = (topic: TopicParameter) =>
        `${appId}._${topic.access}.${topic.name}`;
      const schemaFile = (topic: TopicParameter) =>
        `schema/${topicName(topic)}.${extension}`;
      expect(writeRendered(response.body.directoryContents)).toEqual(
        [
          'README.md',
          'asyncapi.yaml',
          'catalog-info.yaml',
          ...topics.map(schemaFile),
        ].sort(),
      );

      const { state, problems } = await judgeSpec(
        await readSpecFile(rendered.resolve('asyncapi.yaml')),
      );
      expect(problems).toEqual([]);
      expect(state!.appId).toBe(appId);
      expect(state!.topics).toEqual(
        topics.map(topic => ({
          name: topicName(topic),
          access: topic.access,
          partitions: topic.partitions,
          replicas: null,
          configs: { 'retention.ms': String(topic.retentionMs) },
        })),
      );
      expect(state!.grants).toEqual({
        [topicName(topics[1])]: ['acme.finance.accounting', 'acme.risk.fraud'],
      });
      expect(
        state!.schemas.map(({ subject, schemaType: type, role, ref }) => ({
          subject,
          type,
          role,
          ref,
        })),
      ).toEqual(
        expect.arrayContaining(
          topics.map(topic => ({
            subject: `${topicName(topic)}-value`,
            type: schemaType,
            role: 'value',
            ref: `/${schemaFile(topic)}`,
          })),
        ),
      );

      expect(
        JSON.parse(
          readFileSync(rendered.resolve(schemaFile(topics[1])), 'utf8'),
        ),
      ).toMatchObject(expectedStarter(appId));

      expect(
        yaml.parse(readFileSync(rendered.resolve('catalog-info.yaml'), 'utf8')),
      ).toEqual({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: appId,
          title: 'Lifestyle: "Onboarding"',
          description: 'Sign-ups and payments.\nFor the finance team.',
          tags: ['kafka', 'data-product'],
          annotations: { 'meshport.dev/data-product': 'true' },
        },
        spec: {
          type: 'asyncapi',
          lifecycle: 'experimental',
          owner: 'group:default/acme.lifestyle.onboarding',
          system: 'system:default/acme-data-mesh',
          definition: { $text: './asyncapi.yaml' },
        },
      });

      expect(response.body.output).toEqual({
        links: [
          {
            title: 'Open the data product',
            icon: 'catalog',
            entityRef: `api:default/${appId}`,
          },
          {
            title: 'Its topics',
            icon: 'dashboard',
            url: `/catalog/default/api/${appId}/topics`,
          },
        ],
        text: [
          {
            title: 'Provisioning',
            // Everything is new: every topic, subject and binding is a change.
            content: `Not provisioned yet: the plan on cluster **local** has ${
              state!.topics.length + state!.schemas.length + state!.acls.length
            } change(s). Apply it from the data product's page.\n`,
          },
        ],
      });
      // A dry run plans, and never applies.
      const live = await cluster.kafka.describeNamespace(
        appId,
        `User:${appId}`,
      );
      expect(live.topics).toEqual([]);
    },
  );

  it('gives an app-id that is no valid Avro namespace a record without one', async () => {
    const appId = `${cluster.newAppId()}.9-lives`;
    const response = await dryRun({
      appId,
      title: 'Cats',
      owner: 'group:default/acme',
      topics: [topics[0]],
      schemaFormat: 'avro',
      apply: false,
    });

    expect(response.status).toBe(200);
    writeRendered(response.body.directoryContents);
    const starter = JSON.parse(
      readFileSync(
        rendered.resolve(`schema/${appId}._public.user_signed_up.avsc`),
        'utf8',
      ),
    );
    expect(starter.name).toBe('UserSignedUp');
    expect(starter).not.toHaveProperty('namespace');
    const catalogInfo = yaml.parse(
      readFileSync(rendered.resolve('catalog-info.yaml'), 'utf8'),
    );
    expect(catalogInfo.spec).not.toHaveProperty('system');
    expect(catalogInfo.metadata).not.toHaveProperty('description');
  });

  it.each([
    ['an app-id outside the rule book', { appId: 'acme..onboarding' }, 'appId'],
    ['an app-id that cannot name an entity', { appId: 'acme._x' }, 'appId'],
    [
      'a topic name that cannot name a schema record',
      { topics: [{ ...topics[0], name: '1st' }] },
      'topics[0].name',
    ],
    [
      'a grantee outside the rule book',
      { topics: [{ ...topics[1], grantees: ['not an app-id'] }] },
      'topics[0]',
    ],
  ])('refuses %s', async (_what, override, property) => {
    const response = await dryRun({
      appId: 'acme.lifestyle.onboarding',
      title: 'Onboarding',
      owner: 'group:default/acme',
      topics,
      schemaFormat: 'avro',
      apply: false,
      ...override,
    });

    expect(response.status).toBe(400);
    expect(
      response.body.errors.map((error: { property: string }) => error.property),
    ).toContain(`instance.${property}`);
  });

  describe('with a workspace spec whose schema refs leave the workspace', () => {
    const MARKER = 'SECRET-MARKER-9f2c41-admin-password';
    let outside: string;
    beforeAll(() => {
      outside = mkdtempSync(join(tmpdir(), 'meshport-outside-'));
      writeFileSync(
        join(outside, 'secret.avsc'),
        JSON.stringify({ type: 'string', doc: MARKER }),
      );
      writeFileSync(join(outside, 'secret.json'), `notjson-${MARKER}`);
    });
    afterAll(() => rmSync(outside, { recursive: true, force: true }));

    const climb = '../'.repeat(12);
    const refs: Array<[string, (dir: string) => string]> = [
      ['a relative climb', dir => `${climb}${dir.slice(1)}/secret.avsc`],
      ['a file:// URL', dir => `file://${dir}/secret.avsc`],
      [
        'a climb from the schema root',
        dir => `/${climb}${dir.slice(1)}/secret.avsc`,
      ],
      [
        'a relative climb to a file that is no JSON',
        dir => `${climb}${dir.slice(1)}/secret.json`,
      ],
    ];

    it.each(
      ['specmesh:plan', 'specmesh:apply', 'specmesh:spec:validate'].flatMap(
        action => refs.map(([what, ref]) => [action, what, ref] as const),
      ),
    )(
      '%s fails on %s, naming it, with none of its content',
      async (action, _what, refOf) => {
        const appId = cluster.newAppId();
        const ref = refOf(outside);
        const files = dataProductFiles(appId);
        const response = await request(server)
          .post('/api/scaffolder/v2/dry-run')
          .set('Authorization', mockCredentials.user.header())
          .send({
            template: {
              apiVersion: 'scaffolder.backstage.io/v1beta3',
              kind: 'Template',
              metadata: { name: 'hostile-refs' },
              spec: {
                type: 'service',
                steps: [
                  {
                    id: 'fetch',
                    name: 'Fetch the workspace',
                    action: 'fetch:plain',
                    input: { url: './workspace' },
                  },
                  { id: 'check', name: 'Check the spec', action, input: {} },
                ],
              },
            },
            values: {},
            directoryContents: Object.entries({
              ...files,
              'asyncapi.yaml': files['asyncapi.yaml'].replace(
                '/schema/orders.avsc',
                ref,
              ),
            }).map(([path, text]) => ({
              path: `workspace/${path}`,
              base64Content: Buffer.from(text).toString('base64'),
            })),
          });

        // The dry-run API answers a failed step with its error.
        expect(response.status).toBe(400);
        expect(response.body.error.name).toBe('InputError');
        expect(response.body.error.message).toMatch(
          /^asyncapi\.yaml refers to schema files that cannot be read:\n/,
        );
        expect(response.body.error.message).toContain(ref);
        expect(JSON.stringify(response.body)).not.toContain(MARKER);
        expect(JSON.stringify(backend.events)).not.toContain(MARKER);
      },
    );
  });
});
