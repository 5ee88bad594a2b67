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
import type { Entity } from '@backstage/catalog-model';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';

/** An AsyncAPI 2.5 spec of `appId` with a protected, a private and a public topic. */
export function ownerSpec(appId: string, grantees: string[] = []): string {
  const tags = grantees.length
    ? `\n      tags:\n${grantees
        .map(grantee => `        - name: grant-access:${grantee}`)
        .join('\n')}`
    : '';
  return `asyncapi: '2.5.0'
id: 'urn:${appId}'
info:
  title: ${appId}
  version: '1.0.0'
channels:
  _protected.orders:
    publish:${tags}
      message:
        payload:
          type: string
  _private.secrets:
    publish:
      message:
        payload:
          type: string
  _public.news:
    publish:
      message:
        payload:
          type: string
`;
}

/** A data product entity as the catalog module leaves it. */
export function dataProduct(
  appId: string,
  owner: string,
  definition = ownerSpec(appId),
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: appId,
      namespace: 'default',
      annotations: { [MESHPORT_APP_ID_ANNOTATION]: appId },
    },
    spec: { type: 'asyncapi', lifecycle: 'production', owner, definition },
  };
}
