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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DesiredState,
  DesiredTopic,
  MESHPORT_APP_ID_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import type { ClusterConfig } from '@meshport/plugin-specmesh-node';
import type { DataProductReader } from '../service/DataProductReader';

/** A data product as the judge sees it: its entity, desired state and cluster. */
export interface JudgedDataProduct {
  entity: Entity;
  entityRef: string;
  appId: string;
  desired: DesiredState;
  /** Absent when no cluster is configured, or the entity names an unknown one. */
  cluster?: ClusterConfig;
}

/** The data product that declares a topic, and the topic as it declares it. */
export interface TopicOwner extends JudgedDataProduct {
  topic: DesiredTopic;
  /** The app-ids (or `_public`) the spec grants read access to the topic. */
  grantees: string[];
}

/** Whether the entity is a data product: an API the catalog module gave an app-id. */
export function appIdOf(entity: Entity): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'api') return undefined;
  return entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION] || undefined;
}

/**
 * Finds who owns a topic through the catalog and the judge's desired state,
 * never from the topic's name alone: the data products whose app-id is a
 * dot-separated prefix of the name are asked, longest first, and the one whose
 * valid spec declares the topic owns it.
 */
export class TopicOwners {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      dataProducts: DataProductReader;
    },
  ) {}

  async ownerOf(
    topic: string,
    credentials: BackstageCredentials,
  ): Promise<TopicOwner | undefined> {
    const candidates = appIdPrefixes(topic);
    if (candidates.length === 0) return undefined;
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'API',
          [`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`]: candidates,
        },
      },
      { credentials },
    );
    const byLongestAppId = items
      .filter(entity => appIdOf(entity))
      .sort((a, b) => appIdOf(b)!.length - appIdOf(a)!.length);
    for (const entity of byLongestAppId) {
      const judged = await this.judge(entity);
      const declared = judged?.desired.topics.find(t => t.name === topic);
      if (judged && declared) {
        return {
          ...judged,
          topic: declared,
          grantees: judged.desired.grants?.[topic] ?? [],
        };
      }
    }
    return undefined;
  }

  /** {@link TopicOwners.ownerOf}, or an InputError naming the `topic` field. */
  async mustOwnerOf(
    topic: string,
    credentials: BackstageCredentials,
  ): Promise<TopicOwner> {
    const owner = topic.trim()
      ? await this.ownerOf(topic, credentials)
      : undefined;
    if (!owner) {
      throw new InputError(
        `topic: no data product in the catalog declares '${topic}' in a valid spec: check the full topic name (<app-id>.<_public|_protected|_private>.<name>)`,
      );
    }
    return owner;
  }

  /** The data product's valid desired state, or undefined when its spec has errors. */
  async judge(entity: Entity): Promise<JudgedDataProduct | undefined> {
    const appId = appIdOf(entity);
    if (!appId) return undefined;
    const { state, problems } = await this.deps.dataProducts.desiredStateOf(
      entity,
    );
    if (!state || problems.some(problem => problem.severity === 'error')) {
      return undefined;
    }
    let cluster: ClusterConfig | undefined;
    try {
      cluster = this.deps.dataProducts.clusterOf(entity);
    } catch {
      // Requests need no cluster; the grant check reports the missing one.
      cluster = undefined;
    }
    return {
      entity,
      entityRef: stringifyEntityRef(entity),
      appId: state.appId,
      desired: state,
      ...(cluster && { cluster }),
    };
  }
}

/** `a.b.c.d` → `a.b.c`, `a.b`, `a`: the app-ids that could own the topic. */
function appIdPrefixes(topic: string): string[] {
  const parts = topic.split('.');
  const prefixes: string[] = [];
  for (let end = parts.length - 1; end >= 1; end--) {
    prefixes.push(parts.slice(0, end).join('.'));
  }
  return prefixes;
}
