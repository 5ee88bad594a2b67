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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { AccessRequest, AccessRequestQuery, specmeshApiRef } from '../../api';

/** A data product the signed-in user's groups own, that may ask for access. */
export interface OwnDataProduct {
  entityRef: string;
  appId: string;
  title: string;
}

function ownDataProductOf(entity: Entity): OwnDataProduct[] {
  const appId = entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
  if (!appId) {
    return [];
  }
  return [
    {
      entityRef: stringifyEntityRef(entity),
      appId,
      title: entity.metadata.title ?? entity.metadata.name,
    },
  ];
}

/**
 * The data products (API entities with an app-id) owned by the signed-in
 * user or one of their groups: the ones they may ask for access for.
 */
export function useOwnDataProducts() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<OwnDataProduct[]> => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    if (ownershipEntityRefs.length === 0) {
      return [];
    }
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'API', 'relations.ownedBy': ownershipEntityRefs },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'metadata.annotations',
      ],
    });
    return items
      .flatMap(ownDataProductOf)
      .sort((a, b) => a.appId.localeCompare(b.appId));
  }, [identityApi, catalogApi]);
}

/** The access requests that match the query, newest first; `retry` reloads them. */
export function useAccessRequests(query: AccessRequestQuery) {
  const specmeshApi = useApi(specmeshApiRef);
  const { ownerEntityRef, requesterEntityRef, topic, state } = query;
  return useAsyncRetry(
    async (): Promise<AccessRequest[]> =>
      specmeshApi.listAccessRequests({
        ownerEntityRef,
        requesterEntityRef,
        topic,
        state,
      }),
    [specmeshApi, ownerEntityRef, requesterEntityRef, topic, state],
  );
}
