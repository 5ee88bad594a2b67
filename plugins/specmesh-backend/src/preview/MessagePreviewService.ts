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
import type {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KAFKA_TOPIC_RESOURCE_TYPE,
  MESHPORT_TOPIC_ANNOTATION,
  specmeshTopicPreviewPermission,
} from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  TopicTail,
  TopicTailNotFoundError,
  TopicTailRequest,
} from '@meshport/plugin-specmesh-node';
import type { Request } from 'express';
import type { TopicOwner, TopicOwners } from '../access/TopicOwners';
import { safeErrorMessage } from '../access/auditAccess';
import { checkTopicName } from '../consume/ConsumeInfoService';
import type { MessagePreview } from '../schema/openapi/generated/models';
import type { DataProductReader } from '../service/DataProductReader';
import {
  dataProductTopicEntity,
  normalizeRef,
  ownersOf,
} from './dataProductTopicEntity';
import type { PreviewSettings } from './previewConfig';
import { PreviewDecoding } from './PreviewDecoding';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Reads a topic's tail on a cluster (the -node adapter, or a fake in tests). */
export type TopicTailReader = (
  cluster: ClusterConfig,
  request: TopicTailRequest,
) => Promise<TopicTail>;

/**
 * The message preview: who may see a topic's newest messages, reading them
 * with a throwaway consumer, decoding them, and auditing every preview
 * (who, topic, partition, count, bytes; never the content).
 */
export class MessagePreviewService {
  constructor(
    private readonly deps: {
      owners: Pick<TopicOwners, 'ownerOf'>;
      dataProducts: Pick<DataProductReader, 'clusterOf'>;
      catalog: Pick<CatalogService, 'getEntities'>;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      auditor: AuditorService;
      settings: PreviewSettings;
      read: TopicTailReader;
      decoding: PreviewDecoding;
    },
  ) {}

  async preview(
    topicParam: unknown,
    query: { limit?: unknown; partition?: unknown },
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<MessagePreview> {
    const topic = checkTopicName(topicParam);
    const limit = this.limitOf(query.limit);
    const partition = partitionOf(query.partition);
    const meta = {
      actor: credentials.principal.userEntityRef,
      topic,
      partition: partition ?? null,
      limit,
    };
    const event = await this.deps.auditor.createEvent({
      eventId: 'topic-preview',
      severityLevel: 'medium',
      ...(request ? { request } : {}),
      meta,
    });
    try {
      const preview = await this.authorizedPreview(
        topic,
        limit,
        partition,
        credentials,
      );
      await event.success({
        meta: {
          ...meta,
          cluster: preview.cluster,
          count: preview.messages.length,
          bytes: preview.messages.reduce((sum, m) => sum + m.sizeBytes, 0),
          truncated: preview.truncated,
        },
      });
      return preview;
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  }

  private async authorizedPreview(
    topic: string,
    limit: number,
    partition: number | undefined,
    credentials: UserCredentials,
  ): Promise<MessagePreview> {
    const owner = await this.deps.owners.ownerOf(topic, credentials);
    if (!owner) {
      throw new NotFoundError(
        `No data product you may see in the catalog owns topic ${topic}`,
      );
    }
    const entity = await this.topicEntityOf(owner, credentials);
    const entityRef = stringifyEntityRef(entity);
    const isOwner = await this.owns(entity, credentials);
    // The hard rule, whatever the policy says.
    if (owner.topic.access === 'private' && !isOwner) {
      throw new NotAllowedError(
        `Previewing messages of a _private topic is for its owners only: ${topic} belongs to ${entity.spec?.owner}`,
      );
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: specmeshTopicPreviewPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const publicNote =
        owner.topic.access === 'public' && !this.deps.settings.publicTopics
          ? '; previews of _public topics are open to every signed-in user only when specmesh.preview.publicTopics is true'
          : '';
      throw new NotAllowedError(
        `Previewing messages of ${topic} needs ${specmeshTopicPreviewPermission.name} on ${entityRef}, which its owners (${entity.spec?.owner}) have${publicNote}`,
      );
    }

    const cluster =
      owner.cluster ?? this.deps.dataProducts.clusterOf(owner.entity);
    const tail = await this.readTail(cluster, {
      topic,
      ...(partition !== undefined && { partition }),
      limit,
      maxBytes: this.deps.settings.maxBytes,
    });
    return {
      topic,
      cluster: cluster.name,
      fetchedAt: new Date().toISOString(),
      limit,
      partition: partition ?? null,
      truncated: tail.truncated,
      messages: await this.deps.decoding.decodeAll(cluster, tail.records),
    };
  }

  private async readTail(
    cluster: ClusterConfig,
    request: TopicTailRequest,
  ): Promise<TopicTail> {
    try {
      return await this.deps.read(cluster, request);
    } catch (error) {
      if (error instanceof TopicTailNotFoundError) {
        throw new NotFoundError(error.message);
      }
      throw new ServiceUnavailableError(
        `Could not read topic ${request.topic} on cluster ${
          cluster.name
        }: ${safeErrorMessage(error)}`,
      );
    }
  }

  /** The topic's `kafka-topic` Resource, as its data product emits it. */
  private async topicEntityOf(
    owner: TopicOwner,
    credentials: UserCredentials,
  ): Promise<Entity> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': KAFKA_TOPIC_RESOURCE_TYPE,
          [`metadata.annotations.${MESHPORT_TOPIC_ANNOTATION}`]:
            owner.topic.name,
        },
      },
      { credentials },
    );
    return dataProductTopicEntity(owner, items);
  }

  /** Whether the user is one of the entity's owners (directly or through a group). */
  private async owns(
    entity: Entity,
    credentials: UserCredentials,
  ): Promise<boolean> {
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    const mine = new Set(ownershipEntityRefs.map(normalizeRef));
    return ownersOf(entity).some(owner => mine.has(owner));
  }

  private limitOf(value: unknown): number {
    const max = this.deps.settings.maxMessages;
    if (value === undefined) return max;
    const limit = Number(value);
    if (!Number.isInteger(limit) || limit < 1 || limit > max) {
      throw new InputError(
        `limit: ${String(
          value,
        )} is not a whole number from 1 to ${max} (specmesh.preview.maxMessages)`,
      );
    }
    return limit;
  }
}

function partitionOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const partition = Number(value);
  if (!Number.isInteger(partition) || partition < 0) {
    throw new InputError(
      `partition: ${String(
        value,
      )} is not a partition number (0 or more); leave it out to merge every partition`,
    );
  }
  return partition;
}
