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
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { createOpenApiRouter } from '../schema/openapi/generated';
import type { MessagePreviewService } from './MessagePreviewService';

type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** GET /topics/{topic}/messages: people only, every preview is in someone's name. */
export function addPreviewRoutes(
  router: ApiRouter,
  options: { httpAuth: HttpAuthService; preview: MessagePreviewService },
): void {
  const { httpAuth, preview } = options;
  router.get('/topics/:topic/messages', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await preview.preview(
        req.params.topic,
        { limit: req.query.limit, partition: req.query.partition },
        credentials,
        req,
      ),
    );
  });
}
