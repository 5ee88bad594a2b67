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
import type {
  ChargebackCollection,
  PriceList,
} from '@meshport/plugin-specmesh-common';
import {
  ChargebackCollector,
  ClusterConfig,
  createChargebackAdmin,
  kafkaConnectionOf,
  PrometheusProducedBytesSource,
} from '@meshport/plugin-specmesh-node';
import type { ChargebackStore } from '../database/ChargebackStore';
import { dayOf } from './dailyRollups';

const MILLISECONDS_PER_DAY = 86_400_000;

/** Reads one collection of a cluster; by default through a fresh admin client. */
export type CollectCluster = (
  cluster: ClusterConfig,
  knownAppIds: string[],
) => Promise<ChargebackCollection>;

/**
 * One run of the scheduled chargeback collection: every configured cluster is read once,
 * stored with the usage since its previous collection, then old data is purged. A
 * cluster that cannot be read is logged and skipped; the next run covers its gap.
 */
export class ChargebackCollectionTask {
  private readonly collectCluster: CollectCluster;
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      clusters: ClusterConfig[];
      store: ChargebackStore;
      knownAppIds: () => Promise<string[]>;
      prices: PriceList;
      retentionDays: number;
      rollupRetentionDays: number;
      logger: LoggerService;
      collectCluster?: CollectCluster;
      now?: () => Date;
    },
  ) {
    this.collectCluster =
      options.collectCluster ??
      ((cluster, appIds) => collectWithAdmin(cluster, appIds, options.logger));
    this.now = options.now ?? (() => new Date());
  }

  async run(): Promise<void> {
    const { clusters, store, logger, prices } = this.options;
    const appIds = await this.options.knownAppIds();
    for (const cluster of clusters) {
      try {
        const collection = await this.collectCluster(cluster, appIds);
        const { rollupRows } = await store.recordCollection(
          cluster.name,
          collection,
          prices,
        );
        logger.info(
          `Chargeback: collected ${collection.topics.length} topics and ${collection.groups.length} group offsets on cluster '${cluster.name}', ${rollupRows} daily rows updated`,
        );
      } catch (error) {
        logger.error(
          `Chargeback: collection on cluster '${cluster.name}' failed; the next run counts the time since the last successful one`,
          error as Error,
        );
      }
    }
    await this.purge();
  }

  /** Drops raw samples and rollups older than their retention. */
  async purge(): Promise<void> {
    const now = this.now().getTime();
    const { collections, rollups } = await this.options.store.purge({
      samplesBefore: new Date(
        now - this.options.retentionDays * MILLISECONDS_PER_DAY,
      ),
      rollupsBefore: dayOf(
        now - this.options.rollupRetentionDays * MILLISECONDS_PER_DAY,
      ),
    });
    if (collections || rollups) {
      this.options.logger.info(
        `Chargeback: purged ${collections} raw collections and ${rollups} daily rows past retention`,
      );
    }
  }
}

async function collectWithAdmin(
  cluster: ClusterConfig,
  knownAppIds: string[],
  logger: LoggerService,
): Promise<ChargebackCollection> {
  const admin = createChargebackAdmin(kafkaConnectionOf(cluster));
  try {
    const collector = new ChargebackCollector(admin, {
      logger,
      ...(cluster.metricsUrl
        ? {
            producedBytes: new PrometheusProducedBytesSource({
              urls: cluster.metricsUrl,
            }),
          }
        : {}),
    });
    return await collector.collect(knownAppIds);
  } finally {
    await admin.close();
  }
}
