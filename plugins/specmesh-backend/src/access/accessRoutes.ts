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
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { createOpenApiRouter } from '../schema/openapi/generated';
import { onlyFields } from './accessInputs';
import type { AccessRequestService } from './AccessRequestService';
import type { AccessRevocationService } from './AccessRevocationService';

type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/**
 * The access-request endpoints, on the plugin's typed router: bodies and
 * parameters are validated against the OpenAPI description before a handler
 * runs. People only: every request is recorded in someone's name.
 */
export function addAccessRoutes(
  router: ApiRouter,
  options: {
    httpAuth: HttpAuthService;
    requests: AccessRequestService;
    revocations: AccessRevocationService;
  },
): void {
  const { httpAuth, requests, revocations } = options;

  router.post('/access-requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const created = await requests.create(
      onlyFields(req.body, ['topic', 'requesterEntityRef', 'reason']),
      credentials,
      req,
    );
    res.status(created.outcome === 'created' ? 201 : 200).json(created as any);
  });

  router.get('/access-requests', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const items = await requests.list({
      ownerEntityRef: req.query.ownerEntityRef,
      requesterEntityRef: req.query.requesterEntityRef,
      topic: req.query.topic,
      state: req.query.state,
    });
    res.json({ items } as any);
  });

  router.get('/access-requests/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    res.json((await requests.get(req.params.id)) as any);
  });

  router.post('/access-requests/:id/decision', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      (await requests.decide(
        req.params.id,
        onlyFields(req.body, ['decision', 'comment']),
        credentials,
        req,
      )) as any,
    );
  });

  router.post('/access-revocations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res
      .status(201)
      .json(
        (await revocations.revoke(
          onlyFields(req.body, ['topic', 'granteeAppId', 'comment']),
          credentials,
          req,
        )) as any,
      );
  });
}
