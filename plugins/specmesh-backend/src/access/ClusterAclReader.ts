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
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  KafkaClusterAdmin,
  kafkaConnectionOf,
} from '@meshport/plugin-specmesh-node';

/** Reads the ACL bindings of the owners' namespaces on one cluster. */
export interface ClusterAclReader {
  /** The bindings on the owners' topics, in one read however many owners. */
  bindingsOf(
    cluster: ClusterConfig,
    owners: ReadonlyArray<{ appId: string; principal: string }>,
  ): Promise<AclBinding[]>;
}

/**
 * The cluster administrator the provisioner uses, one connection per cluster
 * kept for the life of the backend; a failed connection is not kept.
 */
export class KafkaClusterAclReader implements ClusterAclReader {
  private readonly admins = new Map<string, Promise<KafkaClusterAdmin>>();

  constructor(private readonly deps: { logger: LoggerService }) {}

  async bindingsOf(
    cluster: ClusterConfig,
    owners: ReadonlyArray<{ appId: string; principal: string }>,
  ): Promise<AclBinding[]> {
    if (owners.length === 0) return [];
    const admin = await this.adminOf(cluster);
    const namespaces = await admin.describeNamespaces(owners);
    return namespaces.flatMap(namespace => namespace.acls);
  }

  async close(): Promise<void> {
    const admins = [...this.admins.values()];
    this.admins.clear();
    for (const admin of admins) {
      try {
        await (await admin).disconnect();
      } catch {
        // Already gone.
      }
    }
  }

  private adminOf(cluster: ClusterConfig): Promise<KafkaClusterAdmin> {
    let admin = this.admins.get(cluster.name);
    if (!admin) {
      const created = KafkaClusterAdmin.create(kafkaConnectionOf(cluster), {
        logger: this.deps.logger.child({ cluster: cluster.name }),
      });
      admin = created.connect().then(() => created);
      this.admins.set(cluster.name, admin);
      const pending = admin;
      pending.catch(() => {
        if (this.admins.get(cluster.name) === pending) {
          this.admins.delete(cluster.name);
        }
      });
    }
    return admin;
  }
}
