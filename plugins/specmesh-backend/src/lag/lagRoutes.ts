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
import type { LagService } from './LagService';

type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/**
 * The lag endpoints (contract of issue 15 §2), on the plugin's typed router: parameters
 * are validated against the OpenAPI description before a handler runs. People and
 * services may read; what they see is what the catalog lets them see.
 */
export function addLagRoutes(
  router: ApiRouter,
  options: { httpAuth: HttpAuthService; lag: LagService },
): void {
  const { httpAuth, lag } = options;

  router.get('/lag/readers', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await lag.readers(
        { entityRef: req.query.entityRef, topic: req.query.topic },
        credentials,
      ),
    );
  });

  router.get('/lag/groups', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await lag.groups({ entityRef: req.query.entityRef }, credentials));
  });

  router.get('/lag/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await lag.history(
        {
          topic: req.query.topic,
          groupId: req.query.groupId,
          days: req.query.days,
        },
        credentials,
      ),
    );
  });
}
