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
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterConfig,
  ConnectedProvisioner,
  connectProvisioner,
  Provisioner,
  redactUrlCredentials,
} from '@meshport/plugin-specmesh-node';

/**
 * One connected {@link Provisioner} per configured cluster, connected on first
 * use and kept for the life of the backend. A failed connection is not kept:
 * the next request tries again.
 */
export class ClusterProvisioners {
  private readonly connections = new Map<
    string,
    Promise<ConnectedProvisioner>
  >();
  private readonly connect: typeof connectProvisioner;

  constructor(
    private readonly options: {
      logger: LoggerService;
      connect?: typeof connectProvisioner;
    },
  ) {
    this.connect = options.connect ?? connectProvisioner;
  }

  /** The cluster's provisioner; a ServiceUnavailableError when the cluster cannot be reached. */
  async forCluster(cluster: ClusterConfig): Promise<Provisioner> {
    let connection = this.connections.get(cluster.name);
    if (!connection) {
      connection = this.connect(cluster, {
        logger: this.options.logger.child({ cluster: cluster.name }),
      });
      this.connections.set(cluster.name, connection);
      const pending = connection;
      pending.catch(() => {
        if (this.connections.get(cluster.name) === pending) {
          this.connections.delete(cluster.name);
        }
      });
    }
    try {
      return (await connection).provisioner;
    } catch (error) {
      throw new ServiceUnavailableError(
        `Cannot connect to Kafka cluster '${
          cluster.name
        }' (${cluster.brokers.join(', ')}): ${redactUrlCredentials(
          (error as Error).message,
        )}`,
      );
    }
  }

  /** Closes every connection; for the backend's shutdown. */
  async close(): Promise<void> {
    const connections = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(
      connections.map(async connection => {
        try {
          await (await connection).disconnect();
        } catch (error) {
          this.options.logger.warn(
            `Could not close a Kafka connection: ${(error as Error).message}`,
          );
        }
      }),
    );
  }
}
