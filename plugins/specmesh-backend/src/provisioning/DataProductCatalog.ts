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
import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';
import { LRUCache } from 'lru-cache';

const PAGE_SIZE = 100;
const DATA_PRODUCT_FILTER = {
  kind: 'API',
  [`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
};

/**
 * The data products of the catalog, read with the plugin's own credentials:
 * every API entity the catalog module marked with an app-id.
 */
export class DataProductCatalog {
  /** One entry, the list of all app-ids; absent when it is not reused. */
  private readonly appIds?: LRUCache<'all', string[]>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      /** How long the list of app-ids is reused; default 30 s. */
      appIdsTtlMs?: number;
    },
  ) {
    const ttl = options.appIdsTtlMs ?? 30_000;
    if (ttl > 0) {
      // fetch() shares one query among concurrent callers and keeps no failure.
      this.appIds = new LRUCache({
        max: 1,
        ttl,
        fetchMethod: () => this.queryAppIds(),
        // A query whose entry is dropped while it runs still answers.
        ignoreFetchAbort: true,
      });
    }
  }

  /** Every data product's entity, a page at a time. */
  async *entities(): AsyncGenerator<Entity> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: DATA_PRODUCT_FILTER,
              limit: PAGE_SIZE,
              orderFields: { field: 'metadata.name', order: 'asc' },
            },
        { credentials },
      );
      yield* page.items;
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
  }

  /**
   * The app-ids of all data products, so that a plan for `acme.shop` leaves
   * the topics and bindings of `acme.shop.orders` alone. Reused briefly.
   */
  async knownAppIds(): Promise<string[]> {
    if (!this.appIds) return this.queryAppIds();
    // fetchMethod always resolves to a list or rejects.
    return (await this.appIds.fetch('all'))!;
  }

  private async queryAppIds(): Promise<string[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: DATA_PRODUCT_FILTER,
        fields: ['metadata.annotations'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const appIds = items
      .map(entity => entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION])
      .filter((appId): appId is string => Boolean(appId));
    return [...new Set(appIds)].sort();
  }
}
