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
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonValue } from '@backstage/types';
import { specmeshEntityProvisionPermission } from '@meshport/plugin-specmesh-common';
import yaml from 'yaml';
import {
  dataProductEntity,
  dataProductFiles,
  dataProductTopics,
} from '../__testUtils__/dataProducts';
import { startTestCluster, TestCluster } from '../__testUtils__/testCluster';
import { createSpecmeshApplyAction } from './apply';
import { examples } from './apply.examples';

jest.setTimeout(120_000);

type ApplyInput = {
  path?: string;
  cluster?: string;
  entityRef?: string;
  deleteUnmanaged?: boolean;
};

const allow = [{ result: AuthorizeResult.ALLOW }];
const deny = [{ result: AuthorizeResult.DENY }];

/** The values the examples' expressions stand for in these tests. */
function renderExampleInput(input: ApplyInput, entityRef: string): ApplyInput {
  return JSON.parse(
    JSON.stringify(input).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr) => {
      if (expr !== 'steps.register.output.entityRef') {
        throw new Error(`The test knows no value for \${{ ${expr} }}`);
      }
      return entityRef;
    }),
  );
}

/** Checkpoints as the scaffolder keeps them: a success is recorded and replayed, a failure is not. */
function checkpoints() {
  const recorded = new Map<string, JsonValue | void>();
  return {
    recorded,
    async checkpoint<T extends JsonValue | void>(options: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      if (recorded.has(options.key)) {
        return recorded.get(options.key) as T;
      }
      const value = await options.fn();
      recorded.set(options.key, value);
      return value;
    },
  };
}

describe('specmesh:apply', () => {
  let cluster: TestCluster;
  const workspace = createMockDirectory();
  const permissions = mockServices.permissions.mock();

  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  beforeEach(() => {
    permissions.authorize.mockReset().mockResolvedValue(allow);
    permissions.authorizeConditional.mockReset().mockResolvedValue(allow);
  });
  afterEach(() => cluster.cleanUp());
  afterAll(() => cluster?.stop());

  function applyAction(
    entities: Entity[] = [],
    catalog = catalogServiceMock({ entities }),
  ) {
    return createSpecmeshApplyAction({
      config: cluster.config,
      catalog,
      auth: mockServices.auth(),
      permissions,
      entityWaitMs: 3_000,
    });
  }

  // At run time the scaffolder checks input against the JSON schema without
  // filling in zod defaults: fields may be absent. The mock context takes
  // neither isDryRun nor checkpoint from its options.
  function context(
    input: ApplyInput,
    options: {
      isDryRun?: boolean;
      checkpoint?: ReturnType<typeof checkpoints>['checkpoint'];
    } = {},
  ) {
    return {
      ...createMockActionContext<any>({
        input,
        workspacePath: workspace.path,
      }),
      ...options,
    };
  }

  function outputs(ctx: ReturnType<typeof context>): Record<string, any> {
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  async function liveTopics(appId: string): Promise<string[]> {
    const live = await cluster.kafka.describeNamespace(appId, `User:${appId}`);
    return live.topics.map(topic => topic.name);
  }

  it('declares dry-run support and a described input and output', () => {
    const action = applyAction();
    expect(action.id).toBe('specmesh:apply');
    expect(action.supportsDryRun).toBe(true);
    const schema = action.schema as any;
    for (const field of ['path', 'cluster', 'entityRef', 'deleteUnmanaged']) {
      expect(schema.input.properties[field].description).toEqual(
        expect.any(String),
      );
    }
    for (const output of Object.values<any>(schema.output.properties)) {
      expect(output.description).toEqual(expect.any(String));
    }
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_description, example) => {
      const appId = cluster.newAppId();
      const input = renderExampleInput(
        yaml.parse(example).steps[0].input,
        `api:default/${appId}`,
      );
      workspace.setContent(dataProductFiles(appId, input.path));
      const stray = `${appId}._private.legacy`;
      await cluster.createTopic(stray, 1);
      const entities = input.entityRef
        ? [dataProductEntity(parseEntityRef(input.entityRef), appId)]
        : [];
      const ctx = context(input);

      await applyAction(entities).handler(ctx);

      const { summary, items, changes, ...rest } = outputs(ctx);
      expect(rest).toEqual({
        appId,
        cluster: input.cluster ?? 'local',
        applied: true,
      });
      const deleted = input.deleteUnmanaged ? 1 : 0;
      expect(summary).toEqual({
        CREATED: items.length - 1,
        UPDATED: 0,
        DELETED: deleted,
        FAILED: 0,
        BLOCKED: 0,
        UNCHANGED: 1 - deleted,
      });
      expect(changes).toBe(items.length - 1 + deleted);
      expect(await liveTopics(appId)).toEqual(
        input.deleteUnmanaged
          ? dataProductTopics(appId)
          : [...dataProductTopics(appId), stray].sort(),
      );
      const credentials = await ctx.getInitiatorCredentials();
      const asked = input.entityRef
        ? {
            authorize: [
              [
                [
                  {
                    permission: specmeshEntityProvisionPermission,
                    resourceRef: input.entityRef,
                  },
                ],
                { credentials },
              ],
            ],
            authorizeConditional: [],
          }
        : {
            authorize: [],
            authorizeConditional: [
              [
                [{ permission: specmeshEntityProvisionPermission }],
                { credentials },
              ],
            ],
          };
      expect({
        authorize: permissions.authorize.mock.calls,
        authorizeConditional: permissions.authorizeConditional.mock.calls,
      }).toEqual(asked);
    },
  );

  it('only plans in a dry run, without asking for permission', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const ctx = context(
      { entityRef: `api:default/${appId}` },
      { isDryRun: true },
    );

    await applyAction().handler(ctx);

    const { summary, items, applied } = outputs(ctx);
    expect(applied).toBe(false);
    expect(summary).toEqual({
      CREATE: items.length,
      UPDATE: 0,
      DELETE: 0,
      BLOCKED: 0,
      UNCHANGED: 0,
    });
    expect(await liveTopics(appId)).toEqual([]);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('applies nothing when the policy denies the entity', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    permissions.authorize.mockResolvedValue(deny);
    const entityRef = `api:default/${appId}`;

    await expect(
      applyAction([dataProductEntity({ name: appId }, appId)]).handler(
        context({ entityRef }),
      ),
    ).rejects.toThrow(
      `You may not provision ${entityRef}: applying a data product needs the specmesh.entity.provision permission, which its owners have`,
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it('without an entity, applies only for an unconditional grant', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    // What an owner-only policy answers when there is no entity to check.
    permissions.authorizeConditional.mockResolvedValue([
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {},
        },
      },
    ] as any);

    await expect(applyAction().handler(context({}))).rejects.toThrow(
      `You may not provision '${appId}' without naming its catalog entity: set input entityRef`,
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it("refuses an entity that is another spec's data product", async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));

    await expect(
      applyAction([
        dataProductEntity({ name: 'mine' }, 'it.scaffolder.something-else'),
      ]).handler(context({ entityRef: 'api:default/mine' })),
    ).rejects.toThrow(
      `Entity api:default/mine is the data product 'it.scaffolder.something-else', not '${appId}': set input entityRef to the entity registered for this spec`,
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it('refuses an app-id another entity already claims', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));

    await expect(
      applyAction([
        dataProductEntity({ name: 'original' }, appId, 'group:default/others'),
        dataProductEntity({ name: 'copy' }, appId),
      ]).handler(context({ entityRef: 'api:default/copy' })),
    ).rejects.toThrow(
      `The app-id '${appId}' already belongs to api:default/original: choose another app-id for api:default/copy, or change the existing data product instead`,
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it('waits for the catalog to process a just-registered entity', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const entity = dataProductEntity({ name: appId }, appId);
    const catalog = catalogServiceMock({ entities: [entity] });
    const unprocessed = {
      ...entity,
      metadata: { ...entity.metadata, annotations: {} },
    };
    const getEntityByRef = jest
      .spyOn(catalog, 'getEntityByRef')
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(unprocessed);

    await applyAction([], catalog).handler(
      context({ entityRef: `api:default/${appId}` }),
    );

    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(await liveTopics(appId)).toEqual(dataProductTopics(appId));
  });

  it('gives up on an entity the catalog does not produce, saying what to check', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));

    await expect(
      applyAction().handler(context({ entityRef: `api:default/${appId}` })),
    ).rejects.toThrow(
      `Entity api:default/${appId} did not appear in the catalog within 3000 ms: register it first (catalog:register), check the catalog's processing errors for it, then retry the task`,
    );
  });

  it('replays the recorded result when a task is retried, instead of applying again', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const { checkpoint, recorded } = checkpoints();
    const action = applyAction();

    const first = context({}, { checkpoint });
    await action.handler(first);
    expect(outputs(first).summary.CREATED).toBeGreaterThan(0);
    expect(recorded.size).toBe(1);

    // Had the retry applied, it would create this topic again.
    await cluster.kafka.deleteTopics([`${appId}._private.audit`]);
    const retried = context({}, { checkpoint });
    await action.handler(retried);

    expect(outputs(retried)).toEqual(outputs(first));
    expect(await liveTopics(appId)).not.toContain(`${appId}._private.audit`);
  });

  it("fails with the broker's message, applies the rest, and lets a retry apply again", async () => {
    const appId = cluster.newAppId();
    // The test broker has one node: three replicas cannot be placed.
    workspace.setContent(
      dataProductFiles(appId, 'asyncapi.yaml', { auditReplicas: 3 }),
    );
    const { checkpoint, recorded } = checkpoints();
    const ctx = context({}, { checkpoint });

    await expect(applyAction().handler(ctx)).rejects.toThrow(
      new RegExp(
        `^1 item\\(s\\) of ${appId.replace(
          /\./g,
          '\\.',
        )} were not applied on cluster local:\\nFAILED topic .*\\._private\\.audit: .*INVALID_REPLICATION_FACTOR.*\\nEverything else was applied\\. Fix the cause and retry the task: the retry applies what is left$`,
      ),
    );
    expect(outputs(ctx).summary).toMatchObject({
      FAILED: 1,
      CREATED: expect.any(Number),
    });
    expect(recorded.size).toBe(0);
    expect(await liveTopics(appId)).toEqual(
      dataProductTopics(appId).filter(name => !name.endsWith('audit')),
    );

    workspace.setContent(dataProductFiles(appId));
    const retried = context({}, { checkpoint });
    await applyAction().handler(retried);
    expect(outputs(retried).summary).toMatchObject({ CREATED: 1, FAILED: 0 });
    expect(await liveTopics(appId)).toEqual(dataProductTopics(appId));
  });
});
