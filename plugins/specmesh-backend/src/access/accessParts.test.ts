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
import { mockServices } from '@backstage/backend-test-utils';
import { AccessNotifier } from './AccessNotifier';
import { safeErrorMessage } from './auditAccess';
import { allowsRead } from './GrantTracker';
import type { AccessRequestRecord } from './types';

const request: AccessRequestRecord = {
  id: 'r1',
  kind: 'grant',
  topic: 'acme.shop._protected.orders',
  ownerEntityRef: 'api:default/acme.shop',
  ownerAppId: 'acme.shop',
  requesterEntityRef: 'api:default/acme.analytics',
  requesterAppId: 'acme.analytics',
  reason: 'Revenue report',
  state: 'pending',
  createdBy: 'user:default/ana',
  createdAt: '2026-12-02T00:00:00.000Z',
  updatedAt: '2026-12-02T00:00:00.000Z',
};

describe('AccessNotifier', () => {
  it('tells the owning data product of a request and the requesting one of a decision', async () => {
    const send = jest.fn(async () => {});
    const notifier = new AccessNotifier({
      notifications: { send },
      logger: mockServices.logger.mock(),
    });
    await notifier.requested(request);
    await notifier.decided({
      ...request,
      state: 'denied',
      decisionComment: 'PII',
    });
    expect(
      send.mock.calls.map(([n]: any) => [
        n.recipients.entityRef,
        n.payload.link,
      ]),
    ).toEqual([
      ['api:default/acme.shop', '/catalog/default/api/acme.shop'],
      ['api:default/acme.analytics', '/catalog/default/api/acme.analytics'],
    ]);
    expect((send.mock.calls[1] as any)[0].payload).toMatchObject({
      title:
        'Read access to acme.shop._protected.orders for acme.analytics was denied',
      description: 'PII',
    });
  });

  it('goes on without the notifications backend, warning once', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new AccessNotifier({
      notifications: {
        send: async () => {
          throw new Error('Request failed with status 404');
        },
      },
      logger,
    });
    await expect(notifier.requested(request)).resolves.toBeUndefined();
    await notifier.requested(request);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledTimes(1);
  });
});

describe('safeErrorMessage', () => {
  it('masks credentials and bounds the length', () => {
    const message = safeErrorMessage(
      new Error(
        'https://bot:pa55@git.example/x Bearer abc.def token: t0ps3cret glpat-ABCDEFGHIJKLMNOPQRST eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.sig',
      ),
    );
    for (const secret of [
      'pa55',
      'abc.def',
      't0ps3cret',
      'glpat-ABCDEFGHIJKLMNOPQRST',
      'eyJzdWIiOiIxMjM0',
    ]) {
      expect(message).not.toContain(secret);
    }
    expect(message).toContain('git.example');
    expect(safeErrorMessage('x'.repeat(2000))).toHaveLength(501);
  });
});

describe('allowsRead', () => {
  const binding = (over: object) => ({
    resourceType: 'TOPIC' as const,
    resourceName: 'acme.shop._protected.orders',
    patternType: 'LITERAL' as const,
    principal: 'User:reader',
    host: '*',
    operation: 'READ',
    permissionType: 'ALLOW' as const,
    ...over,
  });
  const topic = 'acme.shop._protected.orders';
  it('reads literal and prefixed READ (or ALL) allowances for the principal or everyone', () => {
    expect(allowsRead([binding({})], topic, 'User:reader')).toBe(true);
    expect(
      allowsRead(
        [binding({ patternType: 'PREFIXED', resourceName: 'acme.shop.' })],
        topic,
        'User:reader',
      ),
    ).toBe(true);
    expect(
      allowsRead(
        [binding({ principal: 'User:*', operation: 'ALL' })],
        topic,
        'User:reader',
      ),
    ).toBe(true);
  });
  it('does not take other principals, operations, topics or denials for a grant', () => {
    expect(
      allowsRead([binding({ principal: 'User:other' })], topic, 'User:reader'),
    ).toBe(false);
    expect(
      allowsRead([binding({ operation: 'WRITE' })], topic, 'User:reader'),
    ).toBe(false);
    expect(
      allowsRead(
        [binding({ resourceName: `${topic}2` })],
        topic,
        'User:reader',
      ),
    ).toBe(false);
    expect(
      allowsRead([binding({ permissionType: 'DENY' })], topic, 'User:reader'),
    ).toBe(false);
    expect(
      allowsRead([binding({ resourceType: 'GROUP' })], topic, 'User:reader'),
    ).toBe(false);
  });
});
