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
import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated';
import { EntityProvisioningService } from './EntityProvisioningService';

/**
 * Builds the plugin's HTTP API from its OpenAPI description; requests are
 * validated against the description before they reach a handler. People and
 * services may read; only people apply, as the apply is recorded in their name.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: EntityProvisioningService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = await createOpenApiRouter();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(
    '/entities/:kind/:namespace/:name/desired-state',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res.json(await service.desiredState(req.params, credentials));
    },
  );

  router.post('/entities/:kind/:namespace/:name/plan', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await service.plan(req.params, credentials, {
        deleteUnmanaged: req.body?.deleteUnmanaged,
      }),
    );
  });

  router.post('/entities/:kind/:namespace/:name/apply', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await service.apply(req.params, credentials, {
        deleteUnmanaged: req.body?.deleteUnmanaged,
        request: req,
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.status(req.params, credentials));
  });

  router.get('/entities/:kind/:namespace/:name/applies', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await service.applies(req.params, credentials, {
        limit: req.query.limit,
        offset: req.query.offset,
      }),
    );
  });

  return router;
}
