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
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { dropTestDatabase, TEST_DATABASES } from '@meshport/dev-infra';
import type { Knex } from 'knex';
import { migrateDatabase } from '../database/migrateDatabase';
import { ownerSpec } from './__testUtils__/accessFixtures';
import {
  ANALYTICS,
  SetupOptions,
  setupAccess,
  SHOP,
} from './__testUtils__/setupAccess';

jest.setTimeout(60_000);

const databases = TestDatabases.create(TEST_DATABASES);

const ORDERS = 'acme.shop._protected.orders';
const analyst = mockCredentials.user('user:default/ana');
const shopOwner = mockCredentials.user('user:default/sam');
const stranger = mockCredentials.user('user:default/eve');

describe.each(databases.eachSupportedId())('access requests on %s', id => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
    await migrateDatabase(knex);
  });
  afterEach(async () => {
    await dropTestDatabase(knex);
  });

  const setup = (options: SetupOptions = {}) => setupAccess(knex, options);

  const ask = {
    topic: ORDERS,
    requesterEntityRef: ANALYTICS,
    reason: 'Daily revenue report',
  };

  it('stores a request, merges a duplicate and audits both', async () => {
    const { requests, auditor } = setup();
    const first = await requests.create(ask, analyst);
    expect(first.outcome).toBe('created');
    expect(first.request).toMatchObject({
      kind: 'grant',
      state: 'pending',
      topic: ORDERS,
      ownerEntityRef: SHOP,
      ownerAppId: 'acme.shop',
      requesterEntityRef: ANALYTICS,
      requesterAppId: 'acme.analytics',
      reason: 'Daily revenue report',
      createdBy: 'user:default/ana',
    });
    const again = await requests.create({ ...ask, reason: 'again' }, analyst);
    expect(again.outcome).toBe('merged');
    expect(again.request?.id).toBe(first.request?.id);
    expect(again.request?.reason).toBe('Daily revenue report');
    expect(await requests.list({ ownerEntityRef: SHOP })).toHaveLength(1);
    expect(
      auditor.events.map(e => [e.eventId, e.outcome, e.meta?.outcome]),
    ).toEqual([
      ['access-request-create', 'success', 'created'],
      ['access-request-create', 'success', 'merged'],
    ]);
  });

  it('merges concurrent duplicates into one row', async () => {
    const { requests } = setup();
    const outcomes = await Promise.all(
      [1, 2, 3, 4].map(() => requests.create(ask, analyst)),
    );
    expect(new Set(outcomes.map(o => o.request?.id)).size).toBe(1);
    expect(outcomes.filter(o => o.outcome === 'created')).toHaveLength(1);
  });

  it('refuses private, unknown and own topics, strangers and bad refs, naming the field', async () => {
    const { requests, auditor } = setup();
    await expect(
      requests.create({ ...ask, topic: 'acme.shop._private.secrets' }, analyst),
    ).rejects.toThrow(
      /topic: .*_private: private data is never shared \(RULES §3\)/,
    );
    await expect(
      requests.create({ ...ask, topic: 'acme.shop._protected.nope' }, analyst),
    ).rejects.toThrow(/^topic: no data product/);
    await expect(
      requests.create(
        { ...ask, topic: 'acme.analytics._protected.orders' },
        analyst,
      ),
    ).rejects.toThrow(/topic: .*its own topics/);
    await expect(requests.create(ask, stranger)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(
      requests.create(
        { ...ask, requesterEntityRef: 'api:default/nothing' },
        analyst,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      requests.create({ ...ask, reason: '   ' }, analyst),
    ).rejects.toThrow(/^reason: must not be empty/);
    expect(await requests.list({})).toEqual([]);
    expect(auditor.events.every(e => e.outcome === 'failure')).toBe(true);
    expect(auditor.events).toHaveLength(6);
  });

  it('says so when the spec already grants the app-id, or the topic is public', async () => {
    const { requests } = setup({ shopGrantees: ['acme.analytics'] });
    const granted = await requests.create(ask, analyst);
    expect(granted).toMatchObject({
      outcome: 'already-granted',
      message: expect.stringContaining('already grants acme.analytics'),
    });
    const open = await requests.create(
      { ...ask, topic: 'acme.shop._public.news' },
      analyst,
    );
    expect(open).toMatchObject({
      outcome: 'already-granted',
      message: expect.stringContaining('public'),
    });
    expect(await requests.list({})).toEqual([]);
  });

  it('lets only the owner decide; approval proposes the grant, a second decision conflicts', async () => {
    const { requests, proposer, auditor, refresh } = setup();
    const { request } = await requests.create(ask, analyst);
    await expect(
      requests.decide(request!.id, { decision: 'approve' }, analyst),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    const approved = await requests.decide(
      request!.id,
      { decision: 'approve', comment: 'ok' },
      shopOwner,
    );
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: 'user:default/sam',
      decisionComment: 'ok',
      proposal: {
        url: 'https://git.example/pulls/1',
        description: 'Pull request opened',
      },
    });
    expect(proposer.changes).toEqual([
      {
        action: 'grant',
        requestId: request!.id,
        ownerEntityRef: SHOP,
        topic: ORDERS,
        granteeAppId: 'acme.analytics',
        comment: 'ok',
      },
    ]);
    // The catalog re-reads the owner's spec at once (a local file is already edited).
    expect(refresh).toHaveBeenCalledWith(SHOP, expect.anything());
    await expect(
      requests.decide(
        request!.id,
        { decision: 'deny', comment: 'no' },
        shopOwner,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    expect(
      auditor.events
        .filter(e => e.eventId === 'access-request-decide')
        .map(e => e.outcome),
    ).toEqual(['failure', 'success', 'failure']);
  });

  it('denies only with a comment', async () => {
    const { requests, proposer } = setup();
    const { request } = await requests.create(ask, analyst);
    await expect(
      requests.decide(request!.id, { decision: 'deny' }, shopOwner),
    ).rejects.toThrow(/^comment: a denial needs a comment/);
    const denied = await requests.decide(
      request!.id,
      { decision: 'deny', comment: 'PII' },
      shopOwner,
    );
    expect(denied).toMatchObject({ state: 'denied', decisionComment: 'PII' });
    expect(proposer.changes).toEqual([]);
    // A denied request no longer blocks a new one.
    expect((await requests.create(ask, analyst)).outcome).toBe('created');
  });

  it('records a failed proposal without the credentials in its message', async () => {
    const { requests } = setup({
      failWith:
        'POST https://bot:s3cret@git.example/api failed: Authorization: Bearer ghp_abcdefghijklmnopqrstuvwx token=hunter2',
    });
    const { request } = await requests.create(ask, analyst);
    const failed = await requests.decide(
      request!.id,
      { decision: 'approve' },
      shopOwner,
    );
    expect(failed.state).toBe('proposal-failed');
    expect(failed.proposal?.error).toContain('git.example');
    for (const secret of [
      's3cret',
      'ghp_abcdefghijklmnopqrstuvwx',
      'hunter2',
    ]) {
      expect(JSON.stringify(failed)).not.toContain(secret);
    }
  });

  it('moves an approved request to granted once the spec and the ACLs show it, in one ACL read', async () => {
    const { requests, tracker, liveAcls, aclReads, entities } = setup();
    const { request } = await requests.create(ask, analyst);
    await requests.decide(request!.id, { decision: 'approve' }, shopOwner);
    await tracker.checkAll();
    expect(await requests.get(request!.id)).toMatchObject({
      state: 'approved',
      grantCheck: { specHasGrant: false, clusterHasAcl: false },
    });

    // The proposal merged: the catalog's spec carries the grant, the apply made the ACL.
    entities[0].spec!.definition = ownerSpec('acme.shop', ['acme.analytics']);
    liveAcls.push({
      resourceType: 'TOPIC',
      resourceName: ORDERS,
      patternType: 'LITERAL',
      principal: 'User:acme.analytics',
      host: '*',
      operation: 'READ',
      permissionType: 'ALLOW',
    });
    aclReads.length = 0;
    const granted = await requests.get(request!.id);
    expect(granted).toMatchObject({
      state: 'granted',
      grantCheck: { specHasGrant: true, clusterHasAcl: true },
    });
    expect(aclReads).toEqual([1]);
  });
});
