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
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import {
  APP_ID,
  binding,
  desiredState,
  liveState,
  OWNER,
} from './__testUtils__/fixtures';
import { planProvisioning } from './planProvisioning';
import type { LiveState } from './types';

const NEW = 'User:sa-new';
const FORMER = 'User:sa-old';

const idempotent = (principal: string): AclBinding =>
  binding({
    resourceType: 'CLUSTER',
    resourceName: 'kafka-cluster',
    patternType: 'LITERAL',
    principal,
    operation: 'IDEMPOTENT_WRITE',
  });
const ownerWrite = (principal: string, resourceName = `${APP_ID}.`) =>
  binding({ principal, resourceName, operation: 'WRITE' });

/** The app-id now maps to User:sa-new, which already has its bindings. */
const desired = desiredState({
  principal: NEW,
  acls: [ownerWrite(NEW), idempotent(NEW)],
});

/** What the planner revokes, by binding key. */
function deletes(live: Partial<LiveState>, knownAppIds?: string[]) {
  const all = [
    ownerWrite(NEW),
    idempotent(NEW),
    ...(live.acls ?? []),
  ] as AclBinding[];
  const plan = planProvisioning(
    desired,
    liveState({ ...live, acls: all }),
    knownAppIds ? { knownAppIds } : {},
  );
  return plan.items
    .filter(item => item.state === 'DELETE')
    .map(item => item.key);
}

describe('the cluster bindings of a former principal', () => {
  it('revokes the cluster binding of the former principal with its namespace bindings', () => {
    expect(
      deletes({
        acls: [ownerWrite(FORMER)],
        relatedAcls: [idempotent(FORMER)],
      }),
    ).toEqual(
      [idempotent(FORMER), ownerWrite(FORMER)].map(aclBindingKey).sort(),
    );
  });

  it('says why it revokes it', () => {
    const plan = planProvisioning(
      desired,
      liveState({
        acls: [ownerWrite(NEW), idempotent(NEW), ownerWrite(FORMER)],
        relatedAcls: [idempotent(FORMER)],
      }),
    );
    expect(
      plan.items.find(item => item.key === aclBindingKey(idempotent(FORMER))),
    ).toEqual({
      kind: 'acl',
      key: aclBindingKey(idempotent(FORMER)),
      state: 'DELETE',
      before: idempotent(FORMER),
      reason:
        'Given to a former principal of this app-id, which owns no other app-id: revoked.',
    });
  });

  it("revokes the default principal's cluster binding even once its namespace bindings are gone", () => {
    expect(deletes({ relatedAcls: [idempotent(OWNER)] })).toEqual([
      aclBindingKey(idempotent(OWNER)),
    ]);
  });

  it('keeps the cluster binding of a principal with no trace of having owned the namespace', () => {
    expect(deletes({ relatedAcls: [idempotent(FORMER)] })).toEqual([]);
  });

  it('keeps the cluster binding of a former principal that owns another app-id', () => {
    expect(
      deletes({
        acls: [ownerWrite(FORMER)],
        relatedAcls: [idempotent(FORMER), ownerWrite(FORMER, 'acme.other.')],
      }),
    ).toEqual([aclBindingKey(ownerWrite(FORMER))]);
  });

  it('keeps it for a former principal that also owns an app-id nested in the namespace', () => {
    const nested = ownerWrite(FORMER, `${APP_ID}.orders.`);
    expect(
      deletes(
        {
          acls: [ownerWrite(FORMER), nested],
          relatedAcls: [idempotent(FORMER)],
        },
        [`${APP_ID}.orders`],
      ),
    ).toEqual([aclBindingKey(ownerWrite(FORMER))]);
  });

  it('keeps it for a former principal an administrator lets write elsewhere', () => {
    const literal = binding({
      principal: FORMER,
      resourceName: 'legacy.events',
      patternType: 'LITERAL',
      operation: 'WRITE',
    });
    expect(
      deletes({
        acls: [ownerWrite(FORMER)],
        relatedAcls: [idempotent(FORMER), literal],
      }),
    ).toEqual([aclBindingKey(ownerWrite(FORMER))]);
  });

  it("never touches a grantee's cluster binding", () => {
    const grantee = 'User:acme.billing';
    const grant = binding({
      principal: grantee,
      resourceName: `${APP_ID}._protected.payments`,
      patternType: 'LITERAL',
    });
    expect(
      deletes({
        acls: [grant],
        relatedAcls: [
          idempotent(grantee),
          ownerWrite(grantee, 'acme.billing.'),
        ],
      }),
    ).toEqual([aclBindingKey(grant)]);
  });

  it('revokes only the shape the rules give: ALLOW IDEMPOTENT_WRITE from any host', () => {
    const others = [
      { ...idempotent(FORMER), operation: 'ALTER' },
      { ...idempotent(FORMER), host: '10.0.0.1' },
      { ...idempotent(FORMER), permissionType: 'DENY' as const },
    ];
    expect(
      deletes({ acls: [ownerWrite(FORMER)], relatedAcls: others }),
    ).toEqual([aclBindingKey(ownerWrite(FORMER))]);
  });

  it("leaves the current principal's own cluster binding to the desired state", () => {
    const plan = planProvisioning(
      desiredState({ acls: [ownerWrite(OWNER)] }),
      liveState({
        acls: [ownerWrite(OWNER), idempotent(OWNER)],
        relatedAcls: [],
      }),
    );
    expect(plan.items.map(item => item.state)).toEqual(['UNCHANGED']);
  });
});
