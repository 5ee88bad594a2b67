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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { specmeshEntityProvisionPermission } from '@meshport/plugin-specmesh-common';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { specmeshPlugin } from './plugin';

// The shared test vectors live beside the repository: <repo>/../shared.
const VECTORS = resolvePath(__dirname, '../../../../shared/vectors');
const onboardingSpec = readFileSync(
  resolvePath(VECTORS, '01-onboarding.asyncapi.yaml'),
  'utf8',
);
const onboardingExpected: { topics: Array<{ name: string }> } = JSON.parse(
  readFileSync(resolvePath(VECTORS, '01-onboarding.expected.json'), 'utf8'),
);

function apiEntity(name: string, spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: {
      lifecycle: 'production',
      owner: 'group:default/acme.lifestyle.onboarding',
      ...spec,
    },
  };
}

const entities: Entity[] = [
  apiEntity('acme.lifestyle.onboarding', {
    type: 'asyncapi',
    definition: onboardingSpec,
  }),
  apiEntity('petstore', { type: 'openapi', definition: 'openapi: 3.0.0' }),
  apiEntity('broken', {
    type: 'asyncapi',
    definition: "asyncapi: '2.5.0'\nchannels: [\n",
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'admins', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const DESIRED_STATE = '/api/specmesh/entities/api/default/%s/desired-state';
const userAuth = { Authorization: mockCredentials.user.header() };

// Every test starts the plugin in a backend (database migrations included):
// seconds on a loaded machine, beyond jest's 5 s default.
jest.setTimeout(60_000);

describe('specmeshPlugin', () => {
  async function startBackend(config: object = {}) {
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startTestBackend({
      features: [
        specmeshPlugin,
        catalogServiceMock.factory({ entities }),
        // Requests without credentials stay anonymous, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({ data: config }),
        permissionsRegistry.factory,
        scheduler.factory,
      ],
    });
    return { server, permissionsRegistry, scheduler };
  }

  it('answers /health without credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server).get('/api/specmesh/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('registers the SpecMesh permissions', async () => {
    const { permissionsRegistry } = await startBackend();
    expect(permissionsRegistry.addPermissions).toHaveBeenCalledWith(
      expect.arrayContaining([specmeshEntityProvisionPermission]),
    );
  });

  describe('GET /entities/{kind}/{namespace}/{name}/desired-state', () => {
    it('returns the desired topics of an AsyncAPI entity', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get(DESIRED_STATE.replace('%s', 'acme.lifestyle.onboarding'))
        .set(userAuth);

      expect(res.status).toBe(200);
      expect(res.body.state.appId).toBe('acme.lifestyle.onboarding');
      expect(res.body.state.principal).toBe('User:acme.lifestyle.onboarding');
      expect(
        res.body.state.topics.map((t: { name: string }) => t.name).sort(),
      ).toEqual(onboardingExpected.topics.map(t => t.name).sort());
      expect(
        res.body.problems.filter(
          (p: { severity: string }) => p.severity === 'error',
        ),
      ).toEqual([]);
    });

    it('applies specmesh.principals from config', async () => {
      const { server } = await startBackend({
        specmesh: {
          principals: [
            { appId: 'acme.lifestyle.onboarding', principal: 'User:sa-123abc' },
          ],
        },
      });
      const res = await request(server)
        .get(DESIRED_STATE.replace('%s', 'acme.lifestyle.onboarding'))
        .set(userAuth);

      expect(res.status).toBe(200);
      expect(res.body.state.principal).toBe('User:sa-123abc');
      // The portal needs the map to match the cluster's ACLs to app-ids.
      expect(res.body.principals).toEqual({
        'acme.lifestyle.onboarding': 'User:sa-123abc',
      });
    });

    it('reports the problems of a spec that does not parse, without a state', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get(DESIRED_STATE.replace('%s', 'broken'))
        .set(userAuth);

      expect(res.status).toBe(200);
      expect(res.body.state).toBeUndefined();
      expect(res.body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            severity: 'error',
            file: 'api:default/broken',
          }),
        ]),
      );
    });

    it('rejects a request without credentials with 401', async () => {
      const { server } = await startBackend();
      const res = await request(server).get(
        DESIRED_STATE.replace('%s', 'acme.lifestyle.onboarding'),
      );
      expect(res.status).toBe(401);
    });

    it('rejects a service caller with 403: the route serves people', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get(DESIRED_STATE.replace('%s', 'acme.lifestyle.onboarding'))
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(403);
    });

    it('answers 404 for an entity the catalog does not hold', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get(DESIRED_STATE.replace('%s', 'acme.nowhere'))
        .set(userAuth);
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual(
        expect.objectContaining({
          name: 'NotFoundError',
          message: 'No entity api:default/acme.nowhere in the catalog',
        }),
      );
    });

    it('answers 400 for an API entity that is not AsyncAPI', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get(DESIRED_STATE.replace('%s', 'petstore'))
        .set(userAuth);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain("spec.type 'openapi'");
    });

    it('answers 400 for an entity that is not an API', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get('/api/specmesh/entities/group/default/admins/desired-state')
        .set(userAuth);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('is a Group, not an API');
    });
  });

  describe('without a cluster', () => {
    it('answers plan, apply and status with 400 saying how to configure one', async () => {
      const { server } = await startBackend();
      for (const [method, action] of [
        ['post', 'plan'],
        ['post', 'apply'],
        ['get', 'status'],
      ] as const) {
        const res = await request(server)
          [method](
            `/api/specmesh/entities/api/default/acme.lifestyle.onboarding/${action}`,
          )
          .set(userAuth);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          'No Kafka cluster is configured: add one under specmesh.clusters',
        );
      }
    });
  });

  describe('the reconcile', () => {
    it('is not scheduled unless configured', async () => {
      const { scheduler } = await startBackend();
      // Only the access-request grant check, which runs by default.
      expect(scheduler.scheduleTask).not.toHaveBeenCalledWith(
        expect.objectContaining({ id: 'specmesh-reconcile' }),
      );
    });

    it('runs on the configured schedule', async () => {
      const { scheduler } = await startBackend({
        specmesh: {
          reconcile: {
            schedule: {
              frequency: { minutes: 10 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 20 },
            },
          },
        },
      });
      expect(scheduler.scheduleTask).toHaveBeenCalledWith({
        id: 'specmesh-reconcile',
        frequency: { minutes: 10 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 20 },
        // Once per cycle across replicas sharing the database.
        scope: 'global',
        fn: expect.any(Function),
      });
    });
  });

  describe('GET /entities/{kind}/{namespace}/{name}/applies', () => {
    it('pages an empty history, rejecting a page size above 100', async () => {
      const { server } = await startBackend();
      const applies =
        '/api/specmesh/entities/api/default/acme.lifestyle.onboarding/applies';
      const empty = await request(server).get(applies).set(userAuth);
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({
        items: [],
        totalCount: 0,
        limit: 20,
        offset: 0,
      });
      const tooLarge = await request(server)
        .get(`${applies}?limit=500`)
        .set(userAuth);
      expect(tooLarge.status).toBe(400);
      const anonymous = await request(server).get(applies);
      expect(anonymous.status).toBe(401);
    });
  });
});
