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
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Which of the entities the caller may see: the catalog applies its
 * permission policy with the caller's credentials. One request for all.
 */
export async function visibleEntityRefs(
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
  entityRefs: Iterable<string>,
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const refs = [...new Set(entityRefs)];
  if (refs.length === 0) return new Set();
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: refs,
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  return new Set(refs.filter((_ref, index) => items[index] !== undefined));
}
