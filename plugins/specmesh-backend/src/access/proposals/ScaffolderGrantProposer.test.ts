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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { GrantChange } from '../GrantProposer';
import { ScaffolderGrantProposer } from './ScaffolderGrantProposer';
import { ScaffolderTasks } from './ScaffolderTasks';
import { FakeScaffolder } from './__testUtils__/FakeScaffolder';

const APPROVER = 'user:default/owner';
const OWNER_REF = 'api:default/acme.lifestyle.onboarding';
const TEMPLATE = 'template:default/specmesh-grant-access';

const ownerEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'acme.lifestyle.onboarding',
    annotations: {
      'backstage.io/source-location':
        'url:https://github.com/acme/mesh/tree/main/data-products/onboarding/',
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/mesh/blob/main/data-products/onboarding/catalog-info.yaml',
    },
  },
  spec: {
    type: 'asyncapi',
    lifecycle: 'production',
    owner: 'group:default/onboarding',
    definition: '',
  },
};

const change: GrantChange = {
  action: 'grant',
  requestId: 'req-1',
  ownerEntityRef: OWNER_REF,
  topic: 'acme.lifestyle.onboarding._protected.purchased',
  granteeAppId: 'acme.finance.accounting',
  comment: 'monthly invoicing',
};

describe('ScaffolderGrantProposer', () => {
  let scaffolder: FakeScaffolder;
  let baseUrl: string;

  beforeEach(async () => {
    scaffolder = new FakeScaffolder();
    baseUrl = await scaffolder.start();
  });
  afterEach(() => scaffolder.stop());

  function proposer(options: { waitMs?: number; entities?: Entity[] } = {}) {
    return new ScaffolderGrantProposer({
      auth: mockServices.auth(),
      catalog: catalogServiceMock({
        entities: options.entities ?? [ownerEntity],
      }),
      tasks: new ScaffolderTasks({
        discovery: {
          getBaseUrl: async (id: string) => `${baseUrl}/${id}`,
          getExternalBaseUrl: async (id: string) => `${baseUrl}/${id}`,
        },
        pollIntervalMs: 10,
      }),
      settings: {
        templateRef: TEMPLATE,
        waitMs: options.waitMs ?? 5000,
        appBaseUrl: 'http://portal.test',
      },
    });
  }

  const approver = { credentials: mockCredentials.user(APPROVER) };

  it('runs the template on behalf of the approver and links the pull request it opened', async () => {
    scaffolder.runningFor = 2;
    scaffolder.events = [
      { type: 'log', body: { message: 'Beginning step' } },
      {
        type: 'completion',
        body: {
          message: 'Run completed',
          output: {
            links: [
              {
                title: 'Pull request',
                url: 'https://github.com/acme/mesh/pull/7',
              },
            ],
            proposal: 'Pull request opened',
          },
        },
      },
    ];

    const proposal = await proposer().propose(change, approver);

    expect(proposal).toEqual({
      url: 'https://github.com/acme/mesh/pull/7',
      description: 'Pull request opened',
      taskId: 'task-1',
    });
    expect(scaffolder.created).toHaveLength(1);
    const [{ body, authorization }] = scaffolder.created;
    expect(body).toEqual({
      templateRef: TEMPLATE,
      values: {
        entityRef: OWNER_REF,
        topic: change.topic,
        appId: 'acme.finance.accounting',
        action: 'grant',
        requestId: 'req-1',
        comment: 'monthly invoicing',
        sourceLocation:
          'https://github.com/acme/mesh/tree/main/data-products/onboarding/',
        specPath: 'asyncapi.yaml',
        specUrl:
          'https://github.com/acme/mesh/tree/main/data-products/onboarding/asyncapi.yaml',
        repoUrl: 'github.com?owner=acme&repo=mesh',
        repoPath: 'data-products/onboarding',
        branch: 'main',
      },
    });
    // A token for the scaffolder, on behalf of the approver: the task is theirs.
    expect(authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.user(APPROVER),
        targetPluginId: 'scaffolder',
      })}`,
    );
  });

  it('links the task while it is still running when the wait ends', async () => {
    scaffolder.runningFor = Number.MAX_SAFE_INTEGER;
    const proposal = await proposer({ waitMs: 50 }).propose(change, approver);
    expect(proposal).toEqual({
      url: 'http://portal.test/create/tasks/task-1',
      description: expect.stringMatching(/still being proposed/),
      taskId: 'task-1',
    });
  });

  it('keeps watching through failed looks at the task', async () => {
    scaffolder.failingGets = 2;
    scaffolder.events = [
      {
        type: 'completion',
        body: {
          output: { links: [{ url: 'https://github.com/acme/mesh/pull/8' }] },
        },
      },
    ];
    const proposal = await proposer().propose(change, approver);
    expect(proposal.url).toBe('https://github.com/acme/mesh/pull/8');
  });

  it('links the task, not a failure, when it cannot be watched at all', async () => {
    scaffolder.failingGets = Number.MAX_SAFE_INTEGER;
    const proposal = await proposer({ waitMs: 50 }).propose(change, approver);
    expect(proposal).toEqual({
      url: 'http://portal.test/create/tasks/task-1',
      description: expect.stringMatching(/still being proposed/),
      taskId: 'task-1',
    });
  });

  it('falls back to the task page when the output has no web link', async () => {
    scaffolder.events = [
      {
        type: 'completion',
        body: {
          output: {
            links: [
              { url: `${'javascript'}:alert(1)` },
              { entityRef: OWNER_REF },
            ],
          },
        },
      },
    ];
    const proposal = await proposer().propose(
      { ...change, action: 'revoke' },
      approver,
    );
    expect(proposal.url).toBe('http://portal.test/create/tasks/task-1');
    expect(proposal.description).toBe(
      `Revocation of acme.finance.accounting on ${change.topic} proposed by ${TEMPLATE}`,
    );
  });

  it('fails with what the template said, and never the token', async () => {
    scaffolder.status = 'failed';
    // As the scaffolder reports a failed step: its error's stack, then the end.
    scaffolder.events = [
      {
        type: 'log',
        body: {
          stepId: 'edit',
          status: 'failed',
          message:
            'InputError: asyncapi.yaml: "x" is _private: private data is never shared\n    at handler (/app/grant.ts:1:1)',
        },
      },
      {
        type: 'completion',
        body: { message: 'Run completed with status: failed' },
      },
    ];
    const failure = proposer().propose(change, approver);
    await expect(failure).rejects.toThrow(
      /^The proposal template template:default\/specmesh-grant-access failed: step edit: InputError: .*private data is never shared \(scaffolder task task-1, http:\/\/portal\.test\/create\/tasks\/task-1\)$/,
    );
    const message = await failure.catch(error => String(error.message));
    expect(message).not.toMatch(/mock-service-token|Bearer/);
  });

  it("fails with the scaffolder's message when it refuses the task", async () => {
    scaffolder.createError = {
      status: 404,
      message: `Template ${TEMPLATE} not found`,
    };
    await expect(proposer().propose(change, approver)).rejects.toThrow(
      `The scaffolder answered 404 to POST /v2/tasks: Template ${TEMPLATE} not found`,
    );
  });

  it('fails before calling the scaffolder when the data product is unknown', async () => {
    await expect(
      proposer({ entities: [] }).propose(change, approver),
    ).rejects.toThrow(`The data product ${OWNER_REF} is not in the catalog`);
    expect(scaffolder.created).toEqual([]);
  });

  it('gives a local data product its file location and no repository', async () => {
    scaffolder.events = [{ type: 'completion', body: { output: {} } }];
    const local: Entity = {
      ...ownerEntity,
      metadata: {
        name: 'acme.lifestyle.onboarding',
        annotations: {
          'backstage.io/managed-by-location':
            'file:/srv/mesh/onboarding/catalog-info.yaml',
          'meshport.dev/spec-path': 'specs/onboarding.yaml',
        },
      },
    };
    await proposer({ entities: [local] }).propose(change, approver);
    const { values } = scaffolder.created[0].body;
    expect(values).toMatchObject({
      sourceLocation: 'file:///srv/mesh/onboarding/',
      specPath: 'specs/onboarding.yaml',
      specUrl: 'file:///srv/mesh/onboarding/specs/onboarding.yaml',
    });
    expect(values.repoUrl).toBeUndefined();
  });
});
