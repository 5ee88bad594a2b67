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

import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  dataProductEntity,
  dataProductFiles,
  dataProductTopics,
} from '../__testUtils__/dataProducts';
import {
  initiator,
  startSpecmeshBackend,
  STRANGER,
  TestBackend,
} from '../__testUtils__/testBackend';
import { startTestCluster, TestCluster } from '../__testUtils__/testCluster';
import { createSpecmeshPlanAction } from './plan';
import { examples } from './plan.examples';

jest.setTimeout(120_000);

type PlanInput = {
  source?: 'workspace' | 'catalog';
  path?: string;
  cluster?: string;
  entityRef?: string;
  failOnBlocked?: boolean;
};

describe('specmesh:plan', () => {
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
  async function planAction(entities: Entity[] = []) {
    backend = await startSpecmeshBackend(cluster, { entities });
    return createSpecmeshPlanAction({ specmesh: backend.specmesh });
  }

  // At run time the scaffolder checks input against the JSON schema without
  // filling in zod defaults: fields may be absent. Planning needs no
  // permission: a stranger runs the template.
  function context(input: PlanInput) {
    return {
      ...createMockActionContext<any>({
        input,
        workspacePath: workspace.path,
      }),
      getInitiatorCredentials: initiator(STRANGER),
    };
  }

  function outputs(ctx: ReturnType<typeof context>): Record<string, any> {
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  it('declares dry-run support and a described input and output', async () => {
    const action = await planAction();
    expect(action.id).toBe('specmesh:plan');
    expect(action.supportsDryRun).toBe(true);
    const schema = action.schema as any;
    for (const field of [
      'source',
      'path',
      'cluster',
      'entityRef',
      'failOnBlocked',
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
      const input: PlanInput = yaml.parse(example).steps[0].input;
      const appId = cluster.newAppId();
      workspace.setContent(dataProductFiles(appId, input.path));
      const ctx = context(input);

      await (await planAction()).handler(ctx);

      const { summary, items, changes, ...rest } = outputs(ctx);
      expect(rest).toEqual({ appId, cluster: input.cluster ?? 'local' });
      expect(summary).toEqual({
        CREATE: items.length,
        UPDATE: 0,
        DELETE: 0,
        BLOCKED: 0,
        UNCHANGED: 0,
      });
      expect(changes).toBe(items.length);
      expect(
        items
          .filter((item: any) => item.kind === 'topic')
          .map((i: any) => i.key),
      ).toEqual(dataProductTopics(appId));
      expect(items.map((item: any) => item.key)).toContain(
        `${appId}._public.orders-value`,
      );
      // Nothing was created.
      const live = await cluster.kafka.describeNamespace(
        appId,
        `User:${appId}`,
      );
      expect(live.topics).toEqual([]);
    },
  );

  it('fails on a blocked item, naming it and the way out, unless told not to', async () => {
    const appId = cluster.newAppId();
    await cluster.createTopic(`${appId}._public.orders`, 3);
    workspace.setContent(
      dataProductFiles(appId, 'asyncapi.yaml', { ordersPartitions: 2 }),
    );

    const action = await planAction();
    const failing = context({});
    await expect(action.handler(failing)).rejects.toThrow(
      new RegExp(
        `^1 item\\(s\\) of ${appId.replace(
          /\./g,
          '\\.',
        )} cannot be applied on cluster local:\\nBLOCKED topic ${appId.replace(
          /\./g,
          '\\.',
        )}\\._public\\.orders: .*partitions.*\\nChange the spec, or set input failOnBlocked to false to go on regardless$`,
      ),
    );
    expect(outputs(failing).summary.BLOCKED).toBe(1);

    const reporting = context({ failOnBlocked: false });
    await action.handler(reporting);
    expect(outputs(reporting).summary.BLOCKED).toBe(1);
  });

  it('leaves alone the topics of a registered app-id nested in the planned one', async () => {
    const appId = cluster.newAppId();
    const nested = `${appId}.orders`;
    // Without an access level, only the catalog can tell whose topic it is.
    const nestedTopic = `${nested}.placed`;
    await cluster.createTopic(nestedTopic, 1);
    workspace.setContent(dataProductFiles(appId));

    const unaware = context({});
    await (await planAction()).handler(unaware);
    expect(
      outputs(unaware).items.find((item: any) => item.key === nestedTopic),
    ).toMatchObject({ state: 'UNCHANGED', unmanaged: true });

    await backend?.stop();
    const aware = context({});
    await (
      await planAction([dataProductEntity({ name: 'orders' }, nested)])
    ).handler(aware);
    expect(outputs(aware).items.map((item: any) => item.key)).not.toContain(
      nestedTopic,
    );
  });

  it('names the configured clusters when the input names an unknown one', async () => {
    workspace.setContent(dataProductFiles(cluster.newAppId()));
    await expect(
      (await planAction()).handler(context({ cluster: 'prod' })),
    ).rejects.toThrow(
      "Unknown cluster 'prod': use one of the clusters under specmesh.clusters (local, staging)",
    );
  });

  it("fails with the rule engine's messages before reaching the cluster", async () => {
    workspace.setContent({
      'asyncapi.yaml': yaml.stringify({
        asyncapi: '2.6.0',
        id: 'urn:bad..id',
        info: { title: 'Bad', version: '1.0.0' },
        channels: {},
      }),
    });
    await expect((await planAction()).handler(context({}))).rejects.toThrow(
      /^asyncapi\.yaml has 1 error; fix it before provisioning:\n.*empty segment/,
    );
  });

  it('plans the spec the catalog holds for a registered entity', async () => {
    const appId = cluster.newAppId();
    const entity = dataProductEntity({ name: appId }, appId, undefined, {
      ...dataProductFiles(appId),
    });
    const ctx = context({
      source: 'catalog',
      entityRef: `api:default/${appId}`,
    });

    await (await planAction([entity])).handler(ctx);

    expect(outputs(ctx)).toMatchObject({ appId, cluster: 'local' });
    expect(
      outputs(ctx)
        .items.filter((item: any) => item.kind === 'topic')
        .map((item: any) => item.key),
    ).toEqual(dataProductTopics(appId));
  });

  it('refuses a workspace schema ref that leaves the workspace, naming it and never reading it', async () => {
    const appId = cluster.newAppId();
    const files = dataProductFiles(appId);
    workspace.setContent({
      ...files,
      'asyncapi.yaml': files['asyncapi.yaml'].replace(
        '/schema/orders.avsc',
        '../outside/orders.avsc',
      ),
    });
    const action = await planAction();
    await expect(action.handler(context({}))).rejects.toThrow(
      /^asyncapi\.yaml refers to schema files that cannot be read:\n.*\.\.\/outside\/orders\.avsc/,
    );
  });
});
