/*
 * Copyright 2026 The Meshport Authors
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
 * The Software Template examples/templates/specmesh-grant-access through the
 * scaffolder's dry-run API, with the real specmesh:spec:grant: it fetches the
 * spec's folder, changes the grant, and hands the folder to the pull-request
 * step (a stand-in that records what it would push: a dry run never reaches a
 * git host); the spec it would push carries the grant and judges cleanly.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { judgeSpec, readSpecFile } from '@meshport/plugin-specmesh-node';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { createSpecmeshSpecGrantAction } from './actions/grant';

jest.setTimeout(120_000);

const EXAMPLES = resolvePath(__dirname, '../../../examples');
const TEMPLATE_DIR = join(EXAMPLES, 'templates/specmesh-grant-access');
const ONBOARDING = join(EXAMPLES, 'data-products/onboarding');
const TOPIC = 'acme.lifestyle.onboarding._protected.purchased';

function filesOf(dir: string, base: string, prefix = '') {
  return readdirSync(dir).flatMap(
    (name): Array<{ path: string; base64Content: string }> => {
      const path = join(dir, name);
      return statSync(path).isDirectory()
        ? filesOf(path, base, prefix)
        : [
            {
              path: join(prefix, relative(base, path)),
              base64Content: readFileSync(path).toString('base64'),
            },
          ];
    },
  );
}

interface PullRequest {
  input: Record<string, unknown>;
  spec: string;
}

describe('the specmesh-grant-access template', () => {
  const pullRequests: PullRequest[] = [];
  let server: any;
  let stop: () => Promise<void>;
  const template = yaml.parse(
    readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );

  beforeAll(async () => {
    const actions = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'grant-template-test',
      register(reg) {
        reg.registerInit({
          deps: { scaffolder: scaffolderActionsExtensionPoint },
          async init({ scaffolder }) {
            scaffolder.addActions(
              createSpecmeshSpecGrantAction(),
              createTemplateAction({
                id: 'publish:github:pull-request',
                supportsDryRun: true,
                schema: {
                  input: z =>
                    z
                      .object({
                        sourcePath: z.string().describe('The folder to push'),
                      })
                      .passthrough(),
                },
                async handler(ctx) {
                  const { sourcePath } = ctx.input as { sourcePath: string };
                  pullRequests.push({
                    input: ctx.input,
                    spec: readFileSync(
                      join(ctx.workspacePath, sourcePath, 'asyncapi.yaml'),
                      'utf8',
                    ),
                  });
                  ctx.output(
                    'remoteUrl',
                    'https://github.com/acme/mesh/pull/7',
                  );
                },
              }),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [scaffolderPlugin, actions],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());
  beforeEach(() => {
    pullRequests.length = 0;
  });

  function dryRun(values: Record<string, unknown>) {
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values,
        // The owner's folder, as fetch:plain would read it from the repository.
        directoryContents: [
          ...filesOf(TEMPLATE_DIR, TEMPLATE_DIR),
          ...filesOf(ONBOARDING, ONBOARDING, 'owner-repo'),
        ],
      });
  }

  // What the SpecMesh backend's proposer passes (sourceLocation points into the
  // dry run's files instead of the repository).
  const values = (appId: string) => ({
    entityRef: 'api:default/acme.lifestyle.onboarding',
    topic: TOPIC,
    appId,
    action: 'grant',
    requestId: 'req-1',
    comment: 'monthly invoicing',
    sourceLocation: './owner-repo',
    specPath: 'asyncapi.yaml',
    repoUrl: 'github.com?owner=acme&repo=mesh',
    repoPath: 'data-products/onboarding',
    branch: 'main',
  });

  it('proposes the grant as a pull request with just that change', async () => {
    const response = await dryRun(values('acme.finance.accounting'));

    expect(response.status).toBe(200);
    expect(
      response.body.log.filter((e: any) => e.body.status === 'failed'),
    ).toEqual([]);
    expect(response.body.output).toEqual({
      proposal: 'Pull request opened',
      links: [
        { title: 'Pull request', url: 'https://github.com/acme/mesh/pull/7' },
        {
          title: 'Data product',
          icon: 'catalog',
          entityRef: 'api:default/acme.lifestyle.onboarding',
        },
      ],
    });
    expect(pullRequests).toHaveLength(1);
    const [{ input, spec }] = pullRequests;
    expect(input).toMatchObject({
      repoUrl: 'github.com?owner=acme&repo=mesh',
      branchName: 'specmesh/grant-acme.finance.accounting-req-1',
      targetBranchName: 'main',
      title: `Grant read access to ${TOPIC} for acme.finance.accounting`,
      sourcePath: './spec',
      targetPath: 'data-products/onboarding',
    });
    expect(input.description).toContain('Reason: monthly invoicing');

    const original = readFileSync(join(ONBOARDING, 'asyncapi.yaml'), 'utf8');
    const changed = spec
      .split('\n')
      .filter(line => !original.split('\n').includes(line));
    expect(changed.join('\n')).toContain(
      'grant-access:acme.finance.accounting',
    );
    const source = await readSpecFile(join(ONBOARDING, 'asyncapi.yaml'));
    const { state, problems } = await judgeSpec({ ...source, text: spec });
    expect(problems.filter(p => p.severity === 'error')).toEqual([]);
    expect(state!.grants![TOPIC]).toContain('acme.finance.accounting');
  });

  it('opens no pull request when the spec already grants it', async () => {
    const response = await dryRun(values('some.other.domain.root'));
    expect(response.status).toBe(200);
    expect(pullRequests).toEqual([]);
    expect(response.body.output.proposal).toBe(
      'The spec already says so: nothing to propose',
    );
  });
});
