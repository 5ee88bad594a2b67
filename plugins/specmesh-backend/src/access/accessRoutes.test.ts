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
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { specmeshPlugin } from '../plugin';
import {
  grantProposerModule,
  ownershipPermissions,
  recordingAuditor,
  recordingProposer,
} from './__testUtils__/accessFakes';
import { dataProduct, ownerSpec } from './__testUtils__/accessFixtures';

jest.setTimeout(60_000);

const SHOP = 'api:default/acme.shop';
const ANALYTICS = 'api:default/acme.analytics';
const ORDERS = 'acme.shop._protected.orders';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(`user:default/${user}`),
});
const ana = as('ana'); // owns acme.analytics
const sam = as('sam'); // owns acme.shop
const eve = as('eve'); // owns nothing

async function startBackend() {
  const auditor = recordingAuditor();
  const proposer = recordingProposer();
  const scheduler = mockServices.scheduler.mock();
  const permissions = ownershipPermissions({
    'user:default/ana': [ANALYTICS],
    'user:default/sam': [SHOP],
    'user:default/gus': ['api:default/acme.granted'],
  });
  const { server } = await startTestBackend({
    features: [
      specmeshPlugin,
      grantProposerModule(proposer),
      catalogServiceMock.factory({
        entities: [
          dataProduct(
            'acme.shop',
            'group:default/shop',
            ownerSpec('acme.shop', ['acme.granted']),
          ),
          dataProduct('acme.analytics', 'group:default/analytics'),
          dataProduct('acme.granted', 'group:default/granted'),
        ],
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.mock({
        authorize: permissions.authorize,
      }).factory,
      mockServices.auditor.mock({ createEvent: auditor.createEvent }).factory,
      scheduler.factory,
    ],
  });
  return { server, auditor, proposer, scheduler };
}

const ask = {
  topic: ORDERS,
  requesterEntityRef: ANALYTICS,
  reason: 'Daily revenue report',
};

describe('access-request endpoints', () => {
  it('creates for the requester’s owner, merges, refuses strangers and anonymous callers', async () => {
    const { server, auditor } = await startBackend();
    const anonymous = await request(server)
      .post('/api/specmesh/access-requests')
      .send(ask);
    expect(anonymous.status).toBe(401);

    const stranger = await request(server)
      .post('/api/specmesh/access-requests')
      .set(eve)
      .send(ask);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toContain('specmesh.access.request');

    const created = await request(server)
      .post('/api/specmesh/access-requests')
      .set(ana)
      .send(ask);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      outcome: 'created',
      request: {
        state: 'pending',
        ownerEntityRef: SHOP,
        requesterAppId: 'acme.analytics',
        createdBy: 'user:default/ana',
      },
    });

    const merged = await request(server)
      .post('/api/specmesh/access-requests')
      .set(ana)
      .send(ask);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      outcome: 'merged',
      request: { id: created.body.request.id },
    });

    const listed = await request(server)
      .get(
        `/api/specmesh/access-requests?ownerEntityRef=${encodeURIComponent(
          SHOP,
        )}&state=pending`,
      )
      .set(sam);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([
      created.body.request.id,
    ]);

    expect(auditor.events.map(e => [e.eventId, e.outcome])).toEqual([
      ['access-request-create', 'failure'],
      ['access-request-create', 'success'],
      ['access-request-create', 'success'],
    ]);
  });

  it('answers 400 naming the field: private topic, missing reason, unknown field, already granted is 200', async () => {
    const { server } = await startBackend();
    const post = (body: object) =>
      request(server).post('/api/specmesh/access-requests').set(ana).send(body);

    const secret = await post({ ...ask, topic: 'acme.shop._private.secrets' });
    expect(secret.status).toBe(400);
    expect(secret.body.error.message).toContain('private data is never shared');

    const noReason = await post({
      topic: ORDERS,
      requesterEntityRef: ANALYTICS,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('reason');

    const extra = await post({ ...ask, admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('admin');

    const own = await post({
      ...ask,
      topic: 'acme.analytics._protected.orders',
    });
    expect(own.status).toBe(400);
    expect(own.body.error.message).toMatch(/^topic: /);

    const publicTopic = await post({ ...ask, topic: 'acme.shop._public.news' });
    expect(publicTopic.status).toBe(200);
    expect(publicTopic.body.outcome).toBe('already-granted');

    const granted = await request(server)
      .post('/api/specmesh/access-requests')
      .set(as('gus'))
      .send({ ...ask, requesterEntityRef: 'api:default/acme.granted' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      outcome: 'already-granted',
      message: expect.stringContaining('already grants acme.granted'),
    });
  });

  it('lets the owner decide, not the requester; a decided request conflicts; revocations by the owner only', async () => {
    const { server, proposer, auditor } = await startBackend();
    const { body } = await request(server)
      .post('/api/specmesh/access-requests')
      .set(ana)
      .send(ask);
    const decide = (who: typeof ana, decision: object) =>
      request(server)
        .post(`/api/specmesh/access-requests/${body.request.id}/decision`)
        .set(who)
        .send(decision);

    expect((await decide(ana, { decision: 'approve' })).status).toBe(403);
    expect((await decide(sam, { decision: 'maybe' })).status).toBe(400);
    const approved = await decide(sam, {
      decision: 'approve',
      comment: 'Go ahead',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      decidedBy: 'user:default/sam',
      proposal: { url: 'https://git.example/pulls/1' },
    });
    expect(proposer.changes).toMatchObject([
      {
        action: 'grant',
        topic: ORDERS,
        granteeAppId: 'acme.analytics',
        ownerEntityRef: SHOP,
      },
    ]);
    expect(
      (await decide(sam, { decision: 'deny', comment: 'late' })).status,
    ).toBe(409);

    const fetched = await request(server)
      .get(`/api/specmesh/access-requests/${body.request.id}`)
      .set(ana);
    expect(fetched.status).toBe(200);
    expect(fetched.body.id).toBe(body.request.id);
    expect(
      (await request(server).get('/api/specmesh/access-requests/nope').set(ana))
        .status,
    ).toBe(404);

    const revoke = {
      topic: ORDERS,
      granteeAppId: 'acme.granted',
      comment: 'Project over',
    };
    const byStranger = await request(server)
      .post('/api/specmesh/access-revocations')
      .set(ana)
      .send(revoke);
    expect(byStranger.status).toBe(403);
    const revoked = await request(server)
      .post('/api/specmesh/access-revocations')
      .set(sam)
      .send(revoke);
    expect(revoked.status).toBe(201);
    expect(revoked.body).toMatchObject({
      kind: 'revoke',
      state: 'approved',
      requesterAppId: 'acme.granted',
      requesterEntityRef: 'api:default/acme.granted',
    });
    expect(proposer.changes[1]).toMatchObject({
      action: 'revoke',
      granteeAppId: 'acme.granted',
    });
    const nothing = await request(server)
      .post('/api/specmesh/access-revocations')
      .set(sam)
      .send({ ...revoke, granteeAppId: 'acme.analytics' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.message).toMatch(/^granteeAppId: /);

    expect(
      auditor.events
        .filter(e => e.eventId !== 'access-request-create')
        .map(e => [e.eventId, e.outcome]),
    ).toEqual([
      ['access-request-decide', 'failure'],
      ['access-request-decide', 'success'],
      ['access-request-decide', 'failure'],
      ['access-revoke', 'failure'],
      ['access-revoke', 'success'],
      ['access-revoke', 'failure'],
    ]);
  });

  it('schedules the grant check globally', async () => {
    const { scheduler } = await startBackend();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'specmesh-access-grant-check',
        scope: 'global',
        frequency: { seconds: 30 },
      }),
    );
  });
});
