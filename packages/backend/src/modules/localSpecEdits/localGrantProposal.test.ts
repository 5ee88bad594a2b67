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
 * The demo's proposal path end to end, without mocks of the parts under test:
 * the SpecMesh backend's ScaffolderGrantProposer asks a real scaffolder
 * backend (over HTTP, with a token on behalf of the approver) to run the real
 * template examples/templates/specmesh-grant-access-local, whose action
 * demo:spec:grant-local edits the spec file in place; the edited file is then
 * judged by the rule book.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  GrantProposer,
  ScaffolderGrantProposer,
} from '@meshport/plugin-specmesh-backend';
import { judgeSpec, readSpecFile } from '@meshport/plugin-specmesh-node';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'yaml';
import localSpecEdits from '.';

jest.setTimeout(120_000);

const EXAMPLES = resolve(__dirname, '../../../../../examples');
const TEMPLATE_FILE = join(
  EXAMPLES,
  'templates/specmesh-grant-access-local/template.yaml',
);
const ONBOARDING = join(EXAMPLES, 'data-products/onboarding');
const TOPIC = 'acme.lifestyle.onboarding._protected.purchased';
const READER = 'acme.finance.accounting';

function folderContents(dir: string): Record<string, any> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true }).map(entry => [
      entry.name,
      entry.isDirectory()
        ? folderContents(join(dir, entry.name))
        : readFileSync(join(dir, entry.name), 'utf8'),
    ]),
  );
}

describe('the demo grant proposal (specmesh-grant-access-local)', () => {
  const root = createMockDirectory();
  let proposer: GrantProposer;
  let stop: () => Promise<void>;

  const specPath = () => root.resolve('editable/onboarding/asyncapi.yaml');
  const grantees = async () => {
    const { state, problems } = await judgeSpec(await readSpecFile(specPath()));
    expect(problems.filter(p => p.severity === 'error')).toEqual([]);
    return state!.grants?.[TOPIC] ?? [];
  };

  beforeAll(async () => {
    root.setContent({
      editable: { onboarding: folderContents(ONBOARDING) },
      outside: { onboarding: folderContents(ONBOARDING) },
    });
    const template = yaml.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    template.metadata.annotations = {
      'backstage.io/managed-by-location': `file:${TEMPLATE_FILE}`,
    };
    const dataProduct = (folder: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'acme.lifestyle.onboarding',
        namespace: folder,
        annotations: {
          'backstage.io/managed-by-location': `file:${root.resolve(
            folder,
            'onboarding/catalog-info.yaml',
          )}`,
        },
      },
      spec: {
        type: 'asyncapi',
        lifecycle: 'production',
        owner: 'group:default/onboarding',
        definition: '',
      },
    });
    const config = {
      app: { baseUrl: 'http://portal.test' },
      meshport: { demo: { editableSpecDirs: [root.resolve('editable')] } },
      specmesh: {
        accessRequests: {
          proposalTemplate: 'template:default/specmesh-grant-access-local',
          proposalWait: { seconds: 60 },
        },
      },
    };
    // Builds the proposer from the backend's own services, as the SpecMesh plugin does.
    const proposerProbe = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'grant-proposer-probe',
      register(reg) {
        reg.registerInit({
          deps: {
            auth: coreServices.auth,
            discovery: coreServices.discovery,
            catalog: catalogServiceRef,
          },
          async init(deps) {
            proposer = ScaffolderGrantProposer.fromConfig(
              new ConfigReader(config),
              deps,
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        localSpecEdits,
        proposerProbe,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({
          entities: [template, dataProduct('editable'), dataProduct('outside')],
        }),
      ],
    });
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());

  const approver = { credentials: mockCredentials.user('user:default/owner') };
  const change = (action: 'grant' | 'revoke', namespace = 'editable') => ({
    action,
    requestId: 'req-1',
    ownerEntityRef: `api:${namespace}/acme.lifestyle.onboarding`,
    topic: TOPIC,
    granteeAppId: READER,
    comment: 'invoicing',
  });

  it('grants through the template, and revokes the same way', async () => {
    expect(await grantees()).not.toContain(READER);

    const granted = await proposer.propose(change('grant'), approver);
    expect(granted).toEqual({
      url: expect.stringMatching(/^http:\/\/portal\.test\/create\/tasks\/.+/),
      description: `Spec file edited in place: it grants ${READER} read access`,
      taskId: expect.any(String),
    });
    expect(await grantees()).toContain(READER);

    const again = await proposer.propose(change('grant'), approver);
    expect(again.description).toBe(
      `The spec file already grants ${READER} read access`,
    );

    await proposer.propose(change('revoke'), approver);
    expect(await grantees()).not.toContain(READER);
    expect(readFileSync(specPath(), 'utf8')).toBe(
      readFileSync(join(ONBOARDING, 'asyncapi.yaml'), 'utf8'),
    );
  });

  it('lands two approvals on the same spec at once', async () => {
    const others = ['acme.risk.fraud', 'acme.shipping'];
    await Promise.all(
      others.map(appId =>
        proposer.propose({ ...change('grant'), granteeAppId: appId }, approver),
      ),
    );
    expect(await grantees()).toEqual(expect.arrayContaining(others));
    for (const appId of others) {
      await proposer.propose(
        { ...change('revoke'), granteeAppId: appId },
        approver,
      );
    }
    expect(readFileSync(specPath(), 'utf8')).toBe(
      readFileSync(join(ONBOARDING, 'asyncapi.yaml'), 'utf8'),
    );
  });

  it('refuses a spec outside the editable folders, naming the key, and leaves it alone', async () => {
    const outside = root.resolve('outside/onboarding/asyncapi.yaml');
    const before = readFileSync(outside, 'utf8');
    await expect(
      proposer.propose(change('grant', 'outside'), approver),
    ).rejects.toThrow(
      /specmesh-grant-access-local failed: .*outside the folders this demo may edit \(meshport\.demo\.editableSpecDirs\)/,
    );
    expect(readFileSync(outside, 'utf8')).toBe(before);
  });
});
