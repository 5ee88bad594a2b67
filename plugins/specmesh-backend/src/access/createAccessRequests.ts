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
import type {
  AuditorService,
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import type { DataProductReader } from '../service/DataProductReader';
import { AccessNotifier } from './AccessNotifier';
import { AccessRequestService } from './AccessRequestService';
import { AccessRequestStore } from './AccessRequestStore';
import { AccessRevocationService } from './AccessRevocationService';
import { ClusterAclReader, KafkaClusterAclReader } from './ClusterAclReader';
import type { GrantProposer } from './GrantProposer';
import { GrantTracker } from './GrantTracker';
import { TopicOwners } from './TopicOwners';

/** The access-request services, wired. */
export interface AccessRequests {
  requests: AccessRequestService;
  revocations: AccessRevocationService;
  tracker: GrantTracker;
  /** Lets go of the cluster connections of the grant check. */
  close(): Promise<void>;
}

/** Wires the store, owners, tracker and services of access requests. */
export function createAccessRequests(options: {
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  dataProducts: DataProductReader;
  proposer: GrantProposer;
  notifications?: NotificationService;
  /** The cluster's ACLs; default the cluster administrator of the provisioner. */
  acls?: ClusterAclReader;
}): AccessRequests {
  const { catalog, auth, permissions, auditor, logger, proposer } = options;
  const store = new AccessRequestStore(options.knex);
  const topics = new TopicOwners({
    catalog,
    dataProducts: options.dataProducts,
  });
  const notifier = new AccessNotifier({
    notifications: options.notifications,
    logger,
  });
  const kafkaAcls = options.acls
    ? undefined
    : new KafkaClusterAclReader({ logger });
  const tracker = new GrantTracker({
    store,
    catalog,
    auth,
    topics,
    dataProducts: options.dataProducts,
    acls: options.acls ?? kafkaAcls!,
    notifier,
    logger,
  });
  // Best effort, as the plugin: the catalog's own loop refreshes it anyway.
  const refreshOwner = async (entityRef: string) => {
    try {
      await catalog.refreshEntity(entityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
    } catch (error) {
      logger.warn(
        `Access requests: could not ask the catalog to refresh ${entityRef}: ${
          (error as Error).message
        }`,
      );
    }
  };
  return {
    requests: new AccessRequestService({
      store,
      catalog,
      topics,
      permissions,
      auditor,
      proposer,
      refreshOwner,
      notifier,
      tracker,
    }),
    revocations: new AccessRevocationService({
      store,
      catalog,
      topics,
      permissions,
      auditor,
      proposer,
      refreshOwner,
    }),
    tracker,
    close: async () => {
      await kafkaAcls?.close();
    },
  };
}
