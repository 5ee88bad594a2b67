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
 * The whole access loop against the real broker (SASL/PLAIN, ACLs enforced):
 * the requesting app-id's SASL user is refused, its owner asks, the topic's
 * owner approves, the approval edits the spec (editGrantAccess, as the demo's
 * local-file proposal does; the test catalog serves the edited text as the
 * catalog would after its refresh), the reconcile applies it, and the same
 * user reads through a group under its own prefix; after a revoke it is
 * refused again.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { editGrantAccess } from '@meshport/plugin-specmesh-common';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { useRealCluster } from '../__testUtils__/realCluster';
import { specmeshPlugin } from '../plugin';
import {
  grantProposerModule,
  ownershipPermissions,
  recordingAuditor,
} from './__testUtils__/accessFakes';
import { dataProduct } from './__testUtils__/accessFixtures';
import { readFirstMessage } from './__testUtils__/readFirstMessage';
import type { GrantProposer } from './GrantProposer';

jest.setTimeout(240_000);

const realCluster = useRealCluster('access');
/** A SASL user of the shared broker's pool, mapped onto the requesting app-id. */
const READER = 'meshport.test.u13';
const sam = { Authorization: mockCredentials.user.header('user:default/sam') };
const ana = { Authorization: mockCredentials.user.header('user:default/ana') };

function ownerSpecText(appId: string) {
  return `# The shop's orders: comments and layout stay through the edit
asyncapi: '2.5.0'
id: 'urn:${appId}'
info:
  title: Shop orders
  version: '1.0.0'
channels:
  _protected.orders:
    bindings:
      kafka:
        partitions: 1
        configs:
          retention.ms: '3600000'
    publish:
      summary: Orders as placed
      message:
        payload:
          type: object
          properties:
            id:
              type: string
`;
}

function requesterSpecText(appId: string) {
  return `asyncapi: '2.5.0'
id: 'urn:${appId}'
info:
  title: Analytics
  version: '1.0.0'
channels:
  _private.notes:
    bindings:
      kafka:
        partitions: 1
    publish:
      message:
        payload:
          type: object
          properties:
            id:
              type: string
`;
}

/** Edits the spec as the approved change asks, where the test catalog reads it. */
function specEditingProposer(entities: Entity[]): GrantProposer {
  return {
    async propose(change) {
      const owner = entities.find(
        e => `api:default/${e.metadata.name}` === change.ownerEntityRef,
      )!;
      const edit = editGrantAccess(owner.spec!.definition as string, {
        topic: change.topic,
        appId: change.granteeAppId,
        action: change.action,
      });
      owner.spec!.definition = edit.text;
      return {
        description: `Spec edited (${change.action} ${change.granteeAppId})`,
      };
    },
  };
}

it('refuses, grants through approval, spec and reconcile, then refuses again after a revoke', async () => {
  const ownerAppId = realCluster.newAppId();
  const readerAppId = realCluster.newAppId();
  const topic = `${ownerAppId}._protected.orders`;
  const owner = dataProduct(
    ownerAppId,
    'group:default/shop',
    ownerSpecText(ownerAppId),
  );
  const reader = dataProduct(
    readerAppId,
    'group:default/analytics',
    requesterSpecText(readerAppId),
  );
  const entities = [owner, reader];
  const scheduler = mockServices.scheduler.mock();
  const auditor = recordingAuditor();
  const permissions = ownershipPermissions({
    'user:default/sam': [`api:default/${ownerAppId}`],
    'user:default/ana': [`api:default/${readerAppId}`],
  });
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      grantProposerModule(specEditingProposer(entities)),
      catalogServiceMock.factory({ entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          specmesh: {
            principals: [{ appId: readerAppId, principal: `User:${READER}` }],
            clusters: [
              {
                name: 'local',
                brokers: realCluster.infra.kafka.brokers,
                sasl: realCluster.infra.kafka.sasl,
                schemaRegistry: { url: realCluster.infra.registry.url },
                autoApply: true,
              },
            ],
            reconcile: {
              schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
            },
          },
        },
      }),
      mockServices.permissions.mock({ authorize: permissions.authorize })
        .factory,
      mockServices.auditor.mock({ createEvent: auditor.createEvent }).factory,
      scheduler.factory,
    ],
  });
  const reconcile = async () => {
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'specmesh-reconcile',
    )!;
    await (task[0].fn as () => Promise<void>)();
  };
  const read = (group: string) =>
    readFirstMessage(realCluster.infra, {
      username: READER,
      groupId: `${readerAppId}.${group}`,
      topic,
    });

  // Both data products on the cluster; the owner publishes one order.
  await reconcile();
  const writer = new Kafka({
    brokers: realCluster.infra.kafka.brokers,
    sasl: realCluster.infra.kafka.sasl,
    logLevel: logLevel.NOTHING,
  }).producer();
  await writer.connect();
  await writer.send({ topic, messages: [{ value: 'order-1' }] });
  await writer.disconnect();

  // The broker's authorizer refuses the topic (the group is its own).
  expect(await read('before')).toMatchObject({
    read: false,
    errorTypes: expect.arrayContaining(['TOPIC_AUTHORIZATION_FAILED']),
  });

  const asked = await request(server)
    .post('/api/specmesh/access-requests')
    .set(ana)
    .send({
      topic,
      requesterEntityRef: `api:default/${readerAppId}`,
      reason: 'Revenue dashboard',
    });
  expect(asked.status).toBe(201);
  const id = asked.body.request.id;

  const approved = await request(server)
    .post(`/api/specmesh/access-requests/${id}/decision`)
    .set(sam)
    .send({ decision: 'approve', comment: 'Granted for the dashboard' });
  expect(approved.body).toMatchObject({
    state: 'approved',
    proposal: { description: `Spec edited (grant ${readerAppId})` },
  });
  expect(owner.spec!.definition).toContain(`grant-access:${readerAppId}`);
  expect(owner.spec!.definition).toContain(
    "# The shop's orders: comments and layout stay through the edit",
  );

  // Spec changed, cluster not yet: still approved.
  expect(
    (await request(server).get(`/api/specmesh/access-requests/${id}`).set(ana))
      .body,
  ).toMatchObject({
    state: 'approved',
    grantCheck: { specHasGrant: true, clusterHasAcl: false },
  });
  await reconcile();
  expect(
    (await request(server).get(`/api/specmesh/access-requests/${id}`).set(ana))
      .body,
  ).toMatchObject({
    state: 'granted',
    grantCheck: { specHasGrant: true, clusterHasAcl: true },
  });
  expect(await read('after-grant')).toEqual({ read: true, value: 'order-1' });

  const revoked = await request(server)
    .post('/api/specmesh/access-revocations')
    .set(sam)
    .send({ topic, granteeAppId: readerAppId, comment: 'Dashboard retired' });
  expect(revoked.status).toBe(201);
  expect(owner.spec!.definition).not.toContain(`grant-access:${readerAppId}`);
  await reconcile();
  expect(
    (
      await request(server)
        .get(`/api/specmesh/access-requests/${revoked.body.id}`)
        .set(sam)
    ).body,
  ).toMatchObject({ state: 'revoked' });
  expect(
    (await request(server).get(`/api/specmesh/access-requests/${id}`).set(ana))
      .body.state,
  ).toBe('revoked');
  expect(await read('after-revoke')).toMatchObject({
    read: false,
    errorTypes: expect.arrayContaining(['TOPIC_AUTHORIZATION_FAILED']),
  });

  expect(
    auditor.events
      .map(e => [e.eventId, e.outcome])
      .filter(([eventId]) => eventId !== 'entity-apply'),
  ).toEqual([
    ['access-request-create', 'success'],
    ['access-request-decide', 'success'],
    ['access-revoke', 'success'],
  ]);
});
