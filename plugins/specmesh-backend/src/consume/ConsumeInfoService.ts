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
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  aclBindingKey,
  ANY_PRINCIPAL,
  consumerClientSettings,
  ConsumerClientInput,
  isDataProductEntity,
  MESHPORT_APP_ID_ANNOTATION,
  principalOf,
  SaslMechanismName,
  securityProtocolOf,
} from '@meshport/plugin-specmesh-common';
import type { ClusterSaslMechanism } from '@meshport/plugin-specmesh-node';
import type { TopicOwner, TopicOwners } from '../access/TopicOwners';
import type { DataProductProvisioner } from '../provisioning/DataProductProvisioner';
import type { DataProductReader } from '../service/DataProductReader';
import { readVerdict } from './readVerdict';
import { LatestSchemaSource, topicSchemasOf } from './RegistrySchemas';
import type { ConsumeInfo, ConsumerDataProduct } from './types';

/** RULES §2: a full topic name. */
const TOPIC_NAME = /^[A-Za-z0-9._-]+$/;
const MAX_TOPIC_LENGTH = 249;

const SASL_NAMES: Record<
  ClusterSaslMechanism | 'oauthbearer',
  SaslMechanismName
> = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
  oauthbearer: 'OAUTHBEARER',
};

/** The topic path parameter, or an InputError naming the rule it breaks. */
export function checkTopicName(topic: unknown): string {
  if (typeof topic !== 'string' || topic.length === 0) {
    throw new InputError('Give a topic: /topics/<full topic name>/consume');
  }
  if (topic.length > MAX_TOPIC_LENGTH) {
    throw new InputError(
      `Invalid topic: ${topic.length} characters; a Kafka topic name has at most ${MAX_TOPIC_LENGTH}`,
    );
  }
  if (!TOPIC_NAME.test(topic)) {
    throw new InputError(
      'Invalid topic: a Kafka topic name uses only letters, digits, ".", "_" and "-"',
    );
  }
  return topic;
}

/**
 * How to read a topic, for the signed-in user: the cluster's non-secret
 * connection facts, the topic's latest schemas, and for each of the user's
 * data products whether it may read today and the settings it reads with.
 * Everything is read with the user's credentials: a topic whose data product
 * they may not see is a 404, as an unknown one.
 */
export class ConsumeInfoService {
  constructor(
    private readonly deps: {
      owners: Pick<TopicOwners, 'ownerOf'>;
      dataProducts: Pick<
        DataProductReader,
        'clusterOf' | 'principalMapOf' | 'targetOf'
      >;
      provisioner: Pick<DataProductProvisioner, 'status'>;
      schemas: LatestSchemaSource;
      catalog: Pick<CatalogService, 'getEntities'>;
      userInfo: UserInfoService;
    },
  ) {}

  async consumeInfo(
    topicParam: unknown,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<ConsumeInfo> {
    const topic = checkTopicName(topicParam);
    const owner = await this.deps.owners.ownerOf(topic, credentials);
    if (!owner) {
      throw new NotFoundError(
        `No data product you may see in the catalog owns topic ${topic}`,
      );
    }
    // The annotation's cluster, or the InputError saying it is not configured.
    const cluster =
      owner.cluster ?? this.deps.dataProducts.clusterOf(owner.entity);
    const schemas = await topicSchemasOf(
      this.deps.schemas,
      cluster,
      owner.desired.schemas.filter(schema => schema.topic === topic),
    );
    const connection: Omit<ConsumerClientInput, 'appId'> = {
      topic,
      bootstrapServers: cluster.brokers,
      securityProtocol: securityProtocolOf({
        ssl: Boolean(cluster.ssl),
        sasl: Boolean(cluster.sasl),
      }),
      ...(cluster.sasl && {
        saslMechanism: SASL_NAMES[cluster.sasl.mechanism],
      }),
      schemaRegistryUrl: cluster.schemaRegistry.url,
      schemaRegistryAuth: cluster.schemaRegistry.username !== undefined,
      ...(schemas.schema && { valueSchemaType: schemas.schema.schemaType }),
      ...(schemas.keySchema && { keySchemaType: schemas.keySchema.schemaType }),
    };
    const readers = await this.readersOf(credentials);
    const aclLive = this.aclLiveness(owner, topic);
    const yourDataProducts: ConsumerDataProduct[] = [];
    for (const reader of readers) {
      const verdictInput = {
        ownerAppId: owner.appId,
        readerAppId: reader.appId,
        access: owner.topic.access,
        grantees: owner.grantees,
      };
      const granted =
        owner.topic.access === 'protected' &&
        reader.appId !== owner.appId &&
        (owner.grantees.includes(reader.appId) ||
          owner.grantees.includes('_public'));
      const live = granted ? await aclLive(reader.appId) : undefined;
      const verdict = readVerdict({
        ...verdictInput,
        ...(granted && { aclLive: live }),
      });
      const settings = consumerClientSettings({
        ...connection,
        appId: reader.appId,
      });
      yourDataProducts.push({
        entityRef: reader.entityRef,
        appId: reader.appId,
        ...verdict,
        ...(granted && { aclLive: live ?? null }),
        groupPrefix: settings.groupPrefix,
        transactionalIdPrefix: settings.transactionalIdPrefix,
        clientSettings: settings,
      });
    }
    return {
      topic,
      ownerEntityRef: owner.entityRef,
      ownerAppId: owner.appId,
      accessLevel: owner.topic.access,
      cluster: cluster.name,
      bootstrapServers: [...cluster.brokers],
      securityProtocol: connection.securityProtocol,
      ...(connection.saslMechanism && {
        saslMechanism: connection.saslMechanism,
      }),
      schemaRegistryUrl: cluster.schemaRegistry.url,
      ...(schemas.schema && { schema: schemas.schema }),
      ...(schemas.keySchema && { keySchema: schemas.keySchema }),
      schemaNotes: schemas.notes,
      yourDataProducts,
      ...(readers.length === 0 && {
        noDataProductReason:
          'You own no data product, so no app-id of yours can read it. Reading through consumer groups needs a data product: an application that reads is a data product with a spec of its own, even if it owns no topics (RULES §3). Its group ids and transactional ids then start with its app-id.',
      }),
      clientSettings: consumerClientSettings(connection),
    };
  }

  /**
   * The data products the user owns (directly or through a group), as the
   * catalog shows them to the user, sorted by entity ref.
   */
  private async readersOf(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<Array<{ entityRef: string; appId: string }>> {
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    if (ownershipEntityRefs.length === 0) return [];
    const owned = new Set(
      ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    );
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'API',
          'relations.ownedBy': ownershipEntityRefs,
        },
      },
      { credentials },
    );
    const readers = new Map<string, { entityRef: string; appId: string }>();
    for (const entity of items) {
      const appId = entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
      // The catalog module writes the app-id only on data products it judged.
      if (
        !appId ||
        !isDataProductEntity(entity, 'all') ||
        !ownedBy(entity, owned)
      ) {
        continue;
      }
      const entityRef = stringifyEntityRef(entity);
      readers.set(entityRef, { entityRef, appId });
    }
    return [...readers.values()].sort((a, b) =>
      a.entityRef.localeCompare(b.entityRef),
    );
  }

  /**
   * Whether the cluster carries the READ binding the owner's spec implies
   * for a grantee, from the owner's live status (one check, reused briefly
   * by the provisioner); null when it cannot be told.
   */
  private aclLiveness(owner: TopicOwner, topic: string) {
    let status: ReturnType<DataProductProvisioner['status']> | undefined;
    const principalMap = this.deps.dataProducts.principalMapOf(owner.entity);
    return async (readerAppId: string): Promise<boolean | null> => {
      const principals = new Set([
        principalOf(readerAppId, principalMap),
        ANY_PRINCIPAL,
      ]);
      const binding = owner.desired.acls.find(
        acl =>
          acl.resourceType === 'TOPIC' &&
          acl.patternType === 'LITERAL' &&
          acl.resourceName === topic &&
          acl.operation === 'READ' &&
          principals.has(acl.principal),
      );
      if (!binding) return null;
      try {
        status ??= this.deps.dataProducts
          .targetOf(owner.entity)
          .then(target => this.deps.provisioner.status(target));
        const item = (await status).items.find(
          candidate =>
            candidate.kind === 'acl' &&
            candidate.key === aclBindingKey(binding),
        );
        if (item?.status === 'in-sync') return true;
        if (item?.status === 'missing') return false;
        return null;
      } catch {
        // An unreachable cluster: the verdict says it could not be checked.
        return null;
      }
    };
  }
}

function ownedBy(entity: Entity, owners: ReadonlySet<string>): boolean {
  return (entity.relations ?? []).some(
    relation =>
      relation.type === 'ownedBy' &&
      owners.has(relation.targetRef.toLocaleLowerCase('en-US')),
  );
}
