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

import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { dropTestDatabase } from '@meshport/dev-infra';
import request from 'supertest';
import { catalogModuleSpecmesh } from '../module';

/** A processing error the catalog reported, by the entity it belongs to. */
export interface CapturedError {
  entityRef: string;
  message: string;
}

/** A running test backend with the real catalog and this module. */
export interface CatalogTestBackend {
  /** The entity, once the catalog has it and `accept` (if given) holds. */
  entity(
    ref: string,
    accept?: (entity: Entity) => boolean,
    what?: string,
  ): Promise<Entity>;
  /** The entity now, or `undefined` when the catalog does not have it. */
  entityNow(ref: string): Promise<Entity | undefined>;
  /** The entities the catalog has now that match a `filter` query parameter. */
  entitiesNow(filter: string): Promise<Entity[]>;
  /** Asks the catalog to process the entity again now. */
  refresh(ref: string): Promise<void>;
  /** Every processing error reported so far. */
  errors: CapturedError[];
  stop(): Promise<void>;
}

/**
 * Starts the real catalog backend with this module on a fresh database of the
 * engine under test, with the given `catalog` config and any other root
 * config (`backend.reading`, say).
 */
export async function startCatalogTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  catalog: JsonObject,
  config: JsonObject = {},
): Promise<CatalogTestBackend> {
  const errors: CapturedError[] = [];
  const captureErrors = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'capture-errors',
    register(reg) {
      reg.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.setOnProcessingErrorHandler(
            ({ unprocessedEntity, errors: reported }) => {
              for (const error of reported) {
                errors.push({
                  entityRef: stringifyEntityRef(unprocessedEntity),
                  message: error.message,
                });
              }
            },
          );
        },
      });
    },
  });

  const knex = await databases.init(databaseId);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleSpecmesh,
      captureErrors,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: { ...config, catalog } }),
    ],
  });

  const entityNow = async (ref: string) => {
    const { kind, namespace, name } = splitRef(ref);
    const res = await request(backend.server).get(
      `/api/catalog/entities/by-name/${kind}/${namespace}/${encodeURIComponent(
        name,
      )}`,
    );
    return res.status === 200 ? (res.body as Entity) : undefined;
  };

  return {
    errors,
    entityNow,
    async entitiesNow(filter) {
      const res = await request(backend.server)
        .get('/api/catalog/entities')
        .query({ filter });
      if (res.status !== 200) {
        throw new Error(`query ${filter} failed: ${res.status} ${res.text}`);
      }
      return res.body as Entity[];
    },
    entity: (ref, accept = () => true, what = ref) =>
      eventually(async () => {
        const entity = await entityNow(ref);
        return entity && accept(entity) ? entity : undefined;
      }, what),
    async refresh(ref) {
      const res = await request(backend.server)
        .post('/api/catalog/refresh')
        .send({ entityRef: ref });
      if (res.status !== 200) {
        throw new Error(`refresh of ${ref} failed: ${res.status} ${res.text}`);
      }
    },
    async stop() {
      await backend.stop();
      await dropTestDatabase(knex);
    },
  };
}

function splitRef(ref: string) {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) throw new Error(`not a full entity ref: ${ref}`);
  return { kind: match[1], namespace: match[2], name: match[3] };
}

/** Polls until `probe` returns a value. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}
