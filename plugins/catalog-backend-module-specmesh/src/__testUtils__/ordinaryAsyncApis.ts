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

import { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The catalog-info file of the ordinary AsyncAPI APIs under examples/: event
 * APIs a portal already has, which are not data products.
 */
export const ORDINARY_ASYNCAPI_CATALOG_INFO = resolvePath(
  __dirname,
  '../../../../examples/ordinary-asyncapi/catalog-info.yaml',
);

/**
 * The ordinary AsyncAPI APIs, by entity name: `streetlights-mqtt` (2.6, `id`
 * as a URN), `streetlights-kafka` (2.6, no `id`), `user-signups` (3.0).
 */
export function ordinaryAsyncApis(): Record<string, Entity> {
  const text = readFileSync(ORDINARY_ASYNCAPI_CATALOG_INFO, 'utf8');
  const entities = parseAllDocuments(text).map(d => d.toJSON() as Entity);
  return Object.fromEntries(entities.map(e => [e.metadata.name, e]));
}
