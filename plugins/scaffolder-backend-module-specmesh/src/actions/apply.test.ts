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

import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonValue } from '@backstage/types';
import knexFactory from 'knex';
import request from 'supertest';
import yaml from 'yaml';
import {
  dataProductEntity,
  dataProductFiles,
  dataProductTopics,
} from '../__testUtils__/dataProducts';
import {
  ADMIN,
  initiator,
  OWNER,
  startSpecmeshBackend,
  STRANGER,
  TestBackend,
} from '../__testUtils__/testBackend';
import { startTestCluster, TestCluster } from '../__testUtils__/testCluster';
import { createSpecmeshApplyAction } from './apply';
import { examples } from './apply.examples';

jest.setTimeout(120_000);

type ApplyInput = {
  source?: 'workspace' | 'catalog';
  path?: string;
  cluster?: string;
  entityRef?: string;
  deleteUnmanaged?: boolean;
};

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
  let backend: TestBackend | undefined;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    await cluster.cleanUp();
  });
  afterAll(() => cluster?.stop());

  /** The action, on a SpecMesh backend whose catalog holds `entities`. */
  async function applyAction(
    entities: Entity[] = [],
    options: Parameters<typeof startSpecmeshBackend>[1] = {},
  ) {
    backend = await startSpecmeshBackend(cluster, { entities, ...options });
    return createSpecmeshApplyAction({
      specmesh: backend.specmesh,
      entityWaitMs: 3_000,
    });
  }

  // At run time the scaffolder checks input against the JSON schema without
  // filling in zod defaults: fields may be absent. The mock context takes
  // neither isDryRun nor checkpoint from its options.
  function context(
    input: ApplyInput,
    options: {
      user?: string;
      isDryRun?: boolean;
      checkpoint?: ReturnType<typeof checkpoints>['checkpoint'];
    } = {},
  ) {
    const { user = OWNER, ...rest } = options;
    return {
      ...createMockActionContext<any>({
        input,
        workspacePath: workspace.path,
      }),
      getInitiatorCredentials: initiator(user),
      ...rest,
    };
  }

  function outputs(ctx: ReturnType<typeof context>): Record<string, any> {
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  async function liveTopics(appId: string): Promise<string[]> {
    const live = await cluster.kafka.describeNamespace(appId, `User:${appId}`);
    return live.topics.map(topic => topic.name);
  }

  it('declares dry-run support and a described input and output', async () => {
    const action = await applyAction();
    expect(action.id).toBe('specmesh:apply');
    expect(action.supportsDryRun).toBe(true);
    const schema = action.schema as any;
    for (const field of [
      'source',
      'path',
      'cluster',
      'entityRef',
      'deleteUnmanaged',
    ]) {
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
      const files = dataProductFiles(appId, input.path);
      workspace.setContent(files);
      const stray = `${appId}._private.legacy`;
      await cluster.createTopic(stray, 1);
      const entities = input.entityRef
        ? [
            dataProductEntity(
              parseEntityRef(input.entityRef),
              appId,
              OWNER,
              input.source === 'catalog' ? files : undefined,
            ),
          ]
        : [];
      // Without an entity, only an unconditional grant may apply.
      const ctx = context(input, { user: input.entityRef ? OWNER : ADMIN });

      await (await applyAction(entities)).handler(ctx);

      const { summary, items, changes, applyId, ...rest } = outputs(ctx);
      expect(rest).toEqual({
        appId,
        cluster: input.cluster ?? 'local',
        applied: true,
      });
      expect(applyId).toEqual(expect.any(String));
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
    },
  );

  it('records the apply in the entity’s history and the audit log', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const entityRef = `api:default/${appId}`;
    const action = await applyAction([
      dataProductEntity({ name: appId }, appId),
    ]);
    const ctx = context({ entityRef });

    await action.handler(ctx);

    const { applyId } = outputs(ctx);
    const history = await request(backend!.server)
      .get(`/api/specmesh/entities/api/default/${appId}/applies`)
      .set('Authorization', `Bearer mock-user-token:{"sub":"${OWNER}"}`);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        id: applyId,
        entityRef,
        actor: OWNER,
        status: 'succeeded',
      }),
    ]);
    expect(backend!.events).toEqual([
      {
        eventId: 'entity-apply',
        outcome: 'success',
        meta: expect.objectContaining({
          entityRef,
          actor: OWNER,
          trigger: 'request',
          applyId,
          appId,
        }),
      },
    ]);
  });

  it('is refused with 409 while a portal apply of the app-id holds its lock', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    try {
      const action = await applyAction(
        [dataProductEntity({ name: appId }, appId)],
        { knex },
      );
      // The row the portal's apply of the entity holds while it runs.
      const now = new Date();
      await knex('specmesh_locks').insert({
        app_id: appId,
        holder: 'portal-apply',
        actor: 'user:default/colleague',
        acquired_at: now,
        expires_at: new Date(now.getTime() + 600_000),
      });

      await expect(
        action.handler(context({ entityRef: `api:default/${appId}` })),
      ).rejects.toThrow(
        `An apply of app-id '${appId}' is already running (started by user:default/colleague at ${now.toISOString()}): wait until it has finished, then try again`,
      );
      expect(await liveTopics(appId)).toEqual([]);
    } finally {
      await knex.destroy();
    }
  });

  it('only plans in a dry run, the workspace spec on its own', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const action = await applyAction();
    // The step that would have registered the entity did not run.
    const ctx = context(
      { entityRef: `api:default/${appId}` },
      { isDryRun: true, user: STRANGER },
    );

    await action.handler(ctx);

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
    expect(backend!.events).toEqual([]);
  });

  it('fails with the backend’s refusal when the policy denies the entity', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const entityRef = `api:default/${appId}`;

    await expect(
      (
        await applyAction([dataProductEntity({ name: appId }, appId)])
      ).handler(context({ entityRef }, { user: STRANGER })),
    ).rejects.toThrow(
      `You may not provision ${entityRef}: applying a data product needs the specmesh.entity.provision permission, which its owners have`,
    );
    expect(await liveTopics(appId)).toEqual([]);
    expect(backend!.events).toEqual([
      expect.objectContaining({
        eventId: 'entity-apply',
        outcome: 'fail',
        meta: expect.objectContaining({ actor: STRANGER }),
      }),
    ]);
  });

  it('without an entity, applies only for an unconditional grant', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));

    await expect(
      (await applyAction()).handler(context({}, { user: OWNER })),
    ).rejects.toThrow(
      `You may not provision '${appId}' without its catalog entity: register the data product first and name it in entityRef`,
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it("refuses an entity that is another spec's data product", async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));

    await expect(
      (
        await applyAction([
          dataProductEntity({ name: 'mine' }, 'it.scaffolder.something-else'),
        ])
      ).handler(context({ entityRef: 'api:default/mine' })),
    ).rejects.toThrow(
      `Entity api:default/mine is the data product 'it.scaffolder.something-else', not '${appId}': set entityRef to the entity registered for this spec`,
    );
    expect(await liveTopics(appId)).toEqual([]);
  });

  it('refuses an app-id another entity already claims', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));

    await expect(
      (
        await applyAction([
          dataProductEntity(
            { name: 'original' },
            appId,
            'group:default/others',
          ),
          dataProductEntity({ name: 'copy' }, appId),
        ])
      ).handler(context({ entityRef: 'api:default/copy' })),
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
    const action = await applyAction([], {
      catalog: createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
    });

    await action.handler(context({ entityRef: `api:default/${appId}` }));

    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(await liveTopics(appId)).toEqual(dataProductTopics(appId));
  });

  it('gives up on an entity the catalog does not produce, saying what to check', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));

    await expect(
      (
        await applyAction()
      ).handler(context({ entityRef: `api:default/${appId}` })),
    ).rejects.toThrow(
      `Entity api:default/${appId} is not in the catalog, or you may not see it: register it first (catalog:register), check the catalog's processing errors for it, then try again`,
    );
  });

  it('replays the recorded result when a task is retried, instead of applying again', async () => {
    const appId = cluster.newAppId();
    workspace.setContent(dataProductFiles(appId));
    const { checkpoint, recorded } = checkpoints();
    const action = await applyAction();

    const first = context({}, { checkpoint, user: ADMIN });
    await action.handler(first);
    expect(outputs(first).summary.CREATED).toBeGreaterThan(0);
    expect(recorded.size).toBe(1);

    // Had the retry applied, it would create this topic again.
    await cluster.kafka.deleteTopics([`${appId}._private.audit`]);
    const retried = context({}, { checkpoint, user: ADMIN });
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
    const action = await applyAction();
    const ctx = context({}, { checkpoint, user: ADMIN });

    await expect(action.handler(ctx)).rejects.toThrow(
      new RegExp(
        `^1 item\\(s\\) of ${appId.replace(
          /\./g,
          '\\.',
        )} were not applied on cluster local:\\n(FAILED|BLOCKED) topic .*\\._private\\.audit: .*\\nEverything else was applied\\. Fix the cause and retry the task: the retry applies what is left$`,
      ),
    );
    expect(recorded.size).toBe(0);
    expect(await liveTopics(appId)).toEqual(
      dataProductTopics(appId).filter(name => !name.endsWith('audit')),
    );

    workspace.setContent(dataProductFiles(appId));
    const retried = context({}, { checkpoint, user: ADMIN });
    await action.handler(retried);
    expect(outputs(retried).summary).toMatchObject({ CREATED: 1, FAILED: 0 });
    expect(await liveTopics(appId)).toEqual(dataProductTopics(appId));
  });
});
