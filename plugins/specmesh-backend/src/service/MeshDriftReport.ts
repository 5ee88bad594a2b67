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
import type { DriftRecord, DriftStore } from '../database/DriftStore';
import { visibleEntityRefs } from './visibleEntityRefs';

/**
 * The recorded drift verdicts of the mesh, narrowed to the data products the
 * caller may see: the catalog decides visibility, as it does for every entity
 * endpoint.
 */
export class MeshDriftReport {
  constructor(
    private readonly deps: { drift: DriftStore; catalog: CatalogService },
  ) {}

  async list(
    credentials: BackstageCredentials,
  ): Promise<{ items: DriftRecord[] }> {
    const records = await this.deps.drift.list();
    if (records.length === 0) return { items: [] };
    const visible = await visibleEntityRefs(
      this.deps.catalog,
      records.map(record => record.entityRef),
      credentials,
    );
    return { items: records.filter(record => visible.has(record.entityRef)) };
  }
}
