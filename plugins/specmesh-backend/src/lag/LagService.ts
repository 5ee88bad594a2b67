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
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ConsumerGroupLag,
  MESHPORT_APP_ID_ANNOTATION,
  ownerAppIdOfTopic,
} from '@meshport/plugin-specmesh-common';
import type { LagStore } from '../database/LagStore';
import type { DataProductCatalog } from '../provisioning/DataProductCatalog';
import type {
  GroupLag,
  LagGroups,
  LagHistory,
  LagReaders,
} from '../schema/openapi/generated/models';
import { dataProductAppId } from '../service/dataProductAppId';
import { visibleEntityRefs } from '../service/visibleEntityRefs';

const DEFAULT_HISTORY_DAYS = 7;
const MAX_HISTORY_DAYS = 400;
const MILLISECONDS_PER_DAY = 86_400_000;

/**
 * Consumer-group lag for the HTTP API, from the lag stored with each chargeback
 * collection. Visibility is the Topics tab's: a data product's lag is readable by whoever
 * may read its entity in the catalog (read with the caller's credentials, so one they may
 * not see is not found); no permission of its own.
 */
export class LagService {
  constructor(
    private readonly options: {
      store: Pick<
        LagStore,
        'readersOf' | 'groupsOf' | 'topicsOf' | 'history' | 'consumerOf'
      >;
      catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs'>;
      dataProducts: Pick<DataProductCatalog, 'entities'>;
      now?: () => Date;
    },
  ) {}

  /** The groups reading a data product's topics, per topic (topics without readers too). */
  async readers(
    query: { entityRef: string; topic?: string },
    credentials: BackstageCredentials,
  ): Promise<LagReaders> {
    const { entityRef, appId } = await this.dataProduct(
      query.entityRef,
      credentials,
    );
    const { store } = this.options;
    const [latest, owned] = await Promise.all([
      store.readersOf(appId, query.topic),
      store.topicsOf(appId),
    ]);
    const topics = new Set(
      query.topic === undefined
        ? owned
        : owned.filter(topic => topic === query.topic),
    );
    for (const group of latest.groups) topics.add(group.topic);
    return {
      entityRef,
      collectedAt: latest.collectedAt,
      topics: [...topics].sort().map(topic => ({
        topic,
        ownerAppId: appId,
        readers: latest.groups.filter(g => g.topic === topic).map(toGroupLag),
      })),
    };
  }

  /** The groups a data product's app-id owns: what it is behind on. */
  async groups(
    query: { entityRef: string },
    credentials: BackstageCredentials,
  ): Promise<LagGroups> {
    const { entityRef, appId } = await this.dataProduct(
      query.entityRef,
      credentials,
    );
    const latest = await this.options.store.groupsOf(appId);
    return {
      entityRef,
      appId,
      collectedAt: latest.collectedAt,
      groups: latest.groups.map(toGroupLag),
    };
  }

  /**
   * A group's lag on a topic over the last days; readable by whoever may see the data
   * product owning the topic or the one the group is attributed to.
   */
  async history(
    query: { topic: string; groupId: string; days?: number },
    credentials: BackstageCredentials,
  ): Promise<LagHistory> {
    const { topic, groupId } = query;
    const days = query.days ?? DEFAULT_HISTORY_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
      throw new InputError(
        `Invalid days ${days}: use a whole number from 1 to ${MAX_HISTORY_DAYS}`,
      );
    }
    const appIds = new Set<string>();
    const owner = ownerAppIdOfTopic(topic);
    if (owner) appIds.add(owner);
    const consumer = await this.options.store.consumerOf(topic, groupId);
    if (consumer) appIds.add(consumer);
    if (!(await this.seesAnyOf(appIds, credentials))) {
      throw new NotFoundError(
        `No data product you may see in the catalog owns topic ${topic} or group ${groupId}`,
      );
    }
    const now = (this.options.now?.() ?? new Date()).getTime();
    const points = await this.options.store.history(
      topic,
      groupId,
      new Date(now - days * MILLISECONDS_PER_DAY),
    );
    return { topic, groupId, points };
  }

  private async dataProduct(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<{ entityRef: string; appId: string }> {
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'api',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      throw new InputError(
        `Invalid entityRef '${ref}': use an entity reference such as api:default/acme-shop`,
      );
    }
    const appId = await dataProductAppId(
      this.options.catalog,
      entityRef,
      credentials,
    );
    return { entityRef, appId };
  }

  private async seesAnyOf(
    appIds: ReadonlySet<string>,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (appIds.size === 0) return false;
    const refs: string[] = [];
    for await (const entity of this.options.dataProducts.entities()) {
      const appId = entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
      if (appId && appIds.has(appId)) refs.push(stringifyEntityRef(entity));
    }
    const visible = await visibleEntityRefs(
      this.options.catalog,
      refs,
      credentials,
    );
    return visible.size > 0;
  }
}

/** The API's shape: the topic's owner is the response's, not each group's. */
function toGroupLag(lag: ConsumerGroupLag): GroupLag {
  const { ownerAppId: _owner, ...group } = lag;
  return group;
}
