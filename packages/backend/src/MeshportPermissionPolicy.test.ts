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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PermissionCondition,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  specmeshAccessDecidePermission,
  specmeshAccessRequestPermission,
  specmeshEntityProvisionPermission,
  specmeshTopicPreviewPermission,
} from '@meshport/plugin-specmesh-common';
import { MeshportPermissionPolicy } from './MeshportPermissionPolicy';

const onboarding: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'acme.lifestyle.onboarding', namespace: 'default' },
  spec: { owner: 'group:default/acme.lifestyle.onboarding' },
  relations: [
    {
      type: 'ownedBy',
      targetRef: 'group:default/acme.lifestyle.onboarding',
    },
  ],
};

function userOf(userEntityRef: string, ownershipEntityRefs: string[]) {
  const info = { userEntityRef, ownershipEntityRefs };
  const user: PolicyQueryUser = {
    credentials: mockCredentials.user(userEntityRef),
    info,
  };
  return { user, userInfo: mockServices.userInfo(info) };
}

function topicEntity(access: 'public' | 'protected' | 'private'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `acme.lifestyle.onboarding._${access}.events`,
      namespace: 'default',
      labels: { 'meshport.dev/access': access },
    },
    spec: {
      type: 'kafka-topic',
      owner: 'group:default/acme.lifestyle.onboarding',
    },
    relations: [
      {
        type: 'ownedBy',
        targetRef: 'group:default/acme.lifestyle.onboarding',
      },
    ],
  };
}

// Applies a condition (or an anyOf of conditions) with the catalog's own rules.
function holds(criteria: unknown, entity: Entity): boolean {
  const { anyOf } = criteria as { anyOf?: unknown[] };
  if (anyOf) return anyOf.some(item => holds(item, entity));
  const condition = criteria as PermissionCondition;
  const rule = Object.values(permissionRules).find(
    r => r.name === condition.rule,
  );
  if (!rule) {
    throw new Error(`Unexpected rule ${condition.rule}`);
  }
  return rule.apply(entity, condition.params as any);
}

// Resolves a conditional decision the way the catalog would, against one entity.
function resolve(decision: PolicyDecision, entity: Entity): string {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result;
  }
  return holds(decision.conditions, entity)
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

describe('MeshportPermissionPolicy', () => {
  const provision = { permission: specmeshEntityProvisionPermission };

  it('allows an admin to provision any entity, unconditionally', async () => {
    const { user, userInfo } = userOf('user:default/root', [
      'user:default/root',
      'group:default/admins',
    ]);
    const policy = new MeshportPermissionPolicy({
      adminGroups: ['group:default/admins'],
      userInfo,
    });
    expect(await policy.handle(provision, user)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('honours the configured admin groups, whatever their case', async () => {
    const { user, userInfo } = userOf('user:default/ops', [
      'group:default/Platform',
    ]);
    const policy = new MeshportPermissionPolicy({
      adminGroups: ['group:default/platform'],
      userInfo,
    });
    expect((await policy.handle(provision, user)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets a non-owner provision only on condition, which the entity denies', async () => {
    const { user, userInfo } = userOf('user:default/bob', [
      'user:default/bob',
      'group:default/acme.finance.accounting',
    ]);
    const policy = new MeshportPermissionPolicy({
      adminGroups: ['group:default/admins'],
      userInfo,
    });
    const decision = await policy.handle(provision, user);

    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/bob', 'group:default/acme.finance.accounting'],
        },
      },
    });
    expect(resolve(decision, onboarding)).toBe(AuthorizeResult.DENY);
  });

  it('lets an owner provision the entity they own', async () => {
    const { user, userInfo } = userOf('user:default/guest', [
      'user:default/guest',
      'group:default/acme.lifestyle.onboarding',
    ]);
    const policy = new MeshportPermissionPolicy({
      adminGroups: ['group:default/admins'],
      userInfo,
    });
    const decision = await policy.handle(provision, user);

    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(resolve(decision, onboarding)).toBe(AuthorizeResult.ALLOW);
  });

  it('denies provisioning without a user', async () => {
    const policy = new MeshportPermissionPolicy({
      adminGroups: ['group:default/admins'],
      userInfo: mockServices.userInfo(),
    });
    expect((await policy.handle(provision)).result).toBe(AuthorizeResult.DENY);
  });

  it.each([specmeshAccessRequestPermission, specmeshAccessDecidePermission])(
    'gives $name to owners only, as provisioning',
    async permission => {
      const policyFor = (userInfo: ReturnType<typeof mockServices.userInfo>) =>
        new MeshportPermissionPolicy({
          adminGroups: ['group:default/admins'],
          userInfo,
        });
      const decide = (refs: string[]) => {
        const { user, userInfo } = userOf(refs[0], refs);
        return policyFor(userInfo).handle({ permission }, user);
      };
      const owner = await decide([
        'user:default/guest',
        'group:default/acme.lifestyle.onboarding',
      ]);
      const stranger = await decide(['user:default/bob']);
      expect(owner).toMatchObject({ result: AuthorizeResult.CONDITIONAL });
      expect(resolve(owner, onboarding)).toBe(AuthorizeResult.ALLOW);
      expect(resolve(stranger, onboarding)).toBe(AuthorizeResult.DENY);
      expect(
        (await policyFor(mockServices.userInfo()).handle({ permission }))
          .result,
      ).toBe(AuthorizeResult.DENY);
    },
  );

  it("gives the message preview to a topic's owners, and on _public topics to everyone when configured", async () => {
    const preview = { permission: specmeshTopicPreviewPermission };
    const decide = async (refs: string[], previewPublicTopics: boolean) => {
      const { user, userInfo } = userOf(refs[0], refs);
      return new MeshportPermissionPolicy({
        adminGroups: ['group:default/admins'],
        userInfo,
        previewPublicTopics,
      }).handle(preview, user);
    };
    const owner = [
      'user:default/guest',
      'group:default/acme.lifestyle.onboarding',
    ];
    const stranger = ['user:default/bob'];
    for (const open of [false, true]) {
      expect(resolve(await decide(owner, open), topicEntity('protected'))).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(
        resolve(await decide(stranger, open), topicEntity('protected')),
      ).toBe(AuthorizeResult.DENY);
    }
    expect(resolve(await decide(stranger, false), topicEntity('public'))).toBe(
      AuthorizeResult.DENY,
    );
    expect(resolve(await decide(stranger, true), topicEntity('public'))).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(
      (
        await new MeshportPermissionPolicy({
          adminGroups: ['group:default/admins'],
          userInfo: mockServices.userInfo(),
          previewPublicTopics: true,
        }).handle(preview)
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('allows every other permission, such as reading the catalog', async () => {
    const { user, userInfo } = userOf('user:default/bob', ['user:default/bob']);
    const policy = new MeshportPermissionPolicy({
      adminGroups: ['group:default/admins'],
      userInfo,
    });
    expect(
      await policy.handle({ permission: catalogEntityReadPermission }, user),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
