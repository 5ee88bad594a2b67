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
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';
import { dirname, join } from 'node:path';
import yaml from 'yaml';

/** Options of {@link dataProductFiles}. */
export interface DataProductOptions {
  /** Partitions of `_public.orders`; default 2. */
  ordersPartitions?: number;
  /** Replicas of `_private.audit`; default the cluster's. */
  auditReplicas?: number;
}

/**
 * Workspace files of a small SpecMesh data product at `specPath`: a public topic
 * with an Avro value schema in `schema/` beside the spec, a protected topic
 * granted to another app-id, and a private one.
 */
export function dataProductFiles(
  appId: string,
  specPath = 'asyncapi.yaml',
  options: DataProductOptions = {},
): Record<string, string> {
  const spec = {
    asyncapi: '2.6.0',
    id: `urn:${appId}`,
    info: { title: `Test data product ${appId}`, version: '1.0.0' },
    channels: {
      '_public.orders': {
        bindings: {
          kafka: {
            partitions: options.ordersPartitions ?? 2,
            configs: { 'retention.ms': 3600000 },
          },
        },
        publish: {
          message: { payload: { $ref: '/schema/orders.avsc' } },
        },
      },
      '_protected.payments': {
        bindings: { kafka: { partitions: 1 } },
        publish: {
          tags: [{ name: 'grant-access:it.scaffolder.reader' }],
          message: { payload: { type: 'object', title: 'Payment' } },
        },
      },
      '_private.audit': {
        bindings: {
          kafka: {
            partitions: 1,
            ...(options.auditReplicas !== undefined && {
              replicas: options.auditReplicas,
            }),
          },
        },
        publish: {},
      },
    },
  };
  const orderSchema = {
    type: 'record',
    name: 'Order',
    namespace: appId,
    fields: [{ name: 'id', type: 'string' }],
  };
  return {
    [specPath]: yaml.stringify(spec),
    [join(dirname(specPath), 'schema', 'orders.avsc')]: JSON.stringify(
      orderSchema,
      null,
      2,
    ),
  };
}

/** The full names of the topics {@link dataProductFiles} declares. */
export function dataProductTopics(appId: string): string[] {
  return [
    `${appId}._private.audit`,
    `${appId}._protected.payments`,
    `${appId}._public.orders`,
  ];
}

/**
 * The catalog entity of a data product, as the Meshport catalog module leaves
 * it; with `files` (from {@link dataProductFiles}), its spec and schema files.
 */
export function dataProductEntity(
  entityRef: { name: string; namespace?: string },
  appId: string,
  owner = 'user:default/owner',
  files?: Record<string, string>,
): Entity {
  const { 'asyncapi.yaml': definition = '', ...schemaFiles } = files ?? {};
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: entityRef.name,
      namespace: entityRef.namespace ?? 'default',
      annotations: {
        [MESHPORT_APP_ID_ANNOTATION]: appId,
        ...(files && {
          'meshport.dev/schema-files': JSON.stringify(
            Object.fromEntries(
              Object.entries(schemaFiles).map(([path, text]) => [
                `/${path}`,
                text,
              ]),
            ),
          ),
        }),
      },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'experimental',
      owner,
      definition,
    },
  };
}
