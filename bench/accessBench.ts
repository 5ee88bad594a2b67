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

/* Helpers of bench/access-approval.ts: its specs, a catalog over spec files, and the access services with the demo's local-file proposal. */
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  editGrantAccess,
  MESHPORT_APP_ID_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import { writeSpecFile } from '@meshport/plugin-specmesh-node';
import type { Knex } from 'knex';
import fs from 'node:fs';
import { createAccessRequests } from '../plugins/specmesh-backend/src/access/createAccessRequests';
import type { DataProductReader } from '../plugins/specmesh-backend/src/service/DataProductReader';

const silent = {
  child: () => silent,
  debug() {},
  info() {},
  warn() {},
  error() {},
} as any;

export function spec(appId: string, channel: string) {
  return `# bench spec\nasyncapi: '2.5.0'\nid: 'urn:${appId}'\ninfo:\n  title: ${appId}\n  version: '1.0.0'\nchannels:\n  ${channel}:\n    bindings:\n      kafka:\n        partitions: 1\n    publish:\n      message:\n        payload:\n          type: object\n          properties:\n            id:\n              type: string\n`;
}

/** The catalog as it is once it has refreshed the spec files: each read reads the file. */
export function fileCatalog(files: Record<string, string>): CatalogService {
  const entityOf = (appId: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: { [MESHPORT_APP_ID_ANNOTATION]: appId },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: 'group:default/bench',
      definition: fs.readFileSync(files[appId], 'utf8'),
    },
  });
  return {
    async getEntityByRef(ref: string) {
      const name = ref.replace(/^api:default\//, '');
      return files[name] ? entityOf(name) : undefined;
    },
    async getEntities(request: any) {
      const wanted = [
        request?.filter?.[`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`],
      ].flat();
      return {
        items: Object.keys(files)
          .filter(a => wanted.includes(a))
          .map(entityOf),
      };
    },
  } as unknown as CatalogService;
}

/** The access services as the backend wires them; everyone may act, the proposer edits the spec file in place. */
export function benchAccessRequests(options: {
  knex: Knex;
  catalog: CatalogService;
  dataProducts: DataProductReader;
  files: Record<string, string>;
}) {
  const { files } = options;
  return createAccessRequests({
    knex: options.knex,
    catalog: options.catalog,
    dataProducts: options.dataProducts,
    logger: silent,
    auth: {
      getOwnServiceCredentials: async () => ({
        principal: { type: 'service', subject: 'bench' },
      }),
    } as any,
    permissions: {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: 'ALLOW' })),
    } as any,
    auditor: {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    } as any,
    // The demo's local-file proposal: the spec file edited in place.
    proposer: {
      async propose(change) {
        const file = files[change.ownerEntityRef.replace('api:default/', '')];
        const edit = editGrantAccess(fs.readFileSync(file, 'utf8'), {
          topic: change.topic,
          appId: change.granteeAppId,
          action: change.action,
        });
        await writeSpecFile(file, edit.text);
        return { description: 'Spec file edited in place' };
      },
    },
  });
}
