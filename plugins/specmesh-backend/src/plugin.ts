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

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { specmeshPermissions } from '@meshport/plugin-specmesh-common';
import { readGrantCheckSchedule } from './access/accessConfig';
import { createAccessRequests } from './access/createAccessRequests';
import {
  GrantProposerSlot,
  specmeshGrantProposerExtensionPoint,
} from './access/grantProposerExtensionPoint';
import { ChargebackCollectionTask } from './chargeback/ChargebackCollectionTask';
import { readChargebackSettings } from './chargeback/chargebackConfig';
import { ChargebackService } from './chargeback/ChargebackService';
import { LagService } from './lag/LagService';
import { TopicOwners } from './access/TopicOwners';
import { ScaffolderGrantProposer } from './access/proposals/ScaffolderGrantProposer';
import { ConsumeInfoService } from './consume/ConsumeInfoService';
import { RegistrySchemas } from './consume/RegistrySchemas';
import { AppIdLocks, readApplyLockExpiryMs } from './database/AppIdLocks';
import { ChargebackStore } from './database/ChargebackStore';
import { ApplyHistoryStore } from './database/ApplyHistoryStore';
import { DriftStore } from './database/DriftStore';
import { MeshDriftReport } from './service/MeshDriftReport';
import { migrateDatabase } from './database/migrateDatabase';
import { createMessagePreview } from './preview/createMessagePreview';
import { ClusterProvisioners } from './provisioning/ClusterProvisioners';
import { DataProductCatalog } from './provisioning/DataProductCatalog';
import { DataProductProvisioner } from './provisioning/DataProductProvisioner';
import { Reconciler } from './reconcile/Reconciler';
import { readSpecmeshBackendConfig } from './service/config';
import { DataProductReader } from './service/DataProductReader';
import { EntityProvisioningService } from './service/EntityProvisioningService';
import { SpecDataProducts } from './service/SpecDataProducts';
import { SpecProvisioningService } from './service/SpecProvisioningService';
import { createRouter } from './service/router';

/** Status answers kept at once (one per entity and cluster). */
const STATUS_CACHE_ENTRIES = 1000;

/**
 * The SpecMesh backend plugin.
 *
 * @public
 */
export const specmeshPlugin = createBackendPlugin({
  pluginId: 'specmesh',
  register(env) {
    const grantProposer = new GrantProposerSlot();
    env.registerExtensionPoint(
      specmeshGrantProposerExtensionPoint,
      grantProposer,
    );
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        userInfo: coreServices.userInfo,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        // Its default delivers through the notifications backend when installed.
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        auth,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        database,
        scheduler,
        auditor,
        lifecycle,
        userInfo,
        discovery,
        catalog,
        notifications,
      }) {
        permissionsRegistry.addPermissions(specmeshPermissions);
        const settings = readSpecmeshBackendConfig(config, { logger });
        const chargebackSettings = readChargebackSettings(config);

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        const history = new ApplyHistoryStore(knex);

        const provisioners = new ClusterProvisioners({ logger });
        lifecycle.addShutdownHook(() => provisioners.close());

        const dataProducts = new DataProductReader({
          catalog,
          clusters: settings.clusters,
          principalMap: settings.principalMap,
        });
        const dataProductCatalog = new DataProductCatalog({ catalog, auth });
        const provisioner = new DataProductProvisioner({
          provisioners,
          knownAppIds: () => dataProductCatalog.knownAppIds(),
          locks: new AppIdLocks(knex, {
            ttlMs: readApplyLockExpiryMs(config),
          }),
          history,
          statusCache: {
            ttlMs: settings.statusCacheTtlMs,
            maxEntries: STATUS_CACHE_ENTRIES,
          },
        });

        const driftStore = new DriftStore(knex);
        const service = new EntityProvisioningService({
          dataProducts,
          provisioner,
          history,
          drift: driftStore,
          permissions,
          auditor,
        });
        const chargebackStore = new ChargebackStore(knex);
        const chargeback = new ChargebackService({
          store: chargebackStore,
          catalog,
          dataProducts: dataProductCatalog,
          permissions,
          auth,
        });
        const access = createAccessRequests({
          knex,
          catalog,
          auth,
          permissions,
          auditor,
          logger,
          dataProducts,
          // Approvals run the configured Software Template through the scaffolder,
          // unless a module set another proposer.
          proposer: grantProposer.get(
            ScaffolderGrantProposer.fromConfig(config, {
              auth,
              discovery,
              catalog,
            }),
          ),
          notifications,
        });
        lifecycle.addShutdownHook(() => access.close());

        httpRouter.use(
          await createRouter({
            access,
            httpAuth,
            service,
            chargeback,
            lag: new LagService({
              store: chargebackStore.lag,
              catalog,
              dataProducts: dataProductCatalog,
            }),
            preview: createMessagePreview({
              config,
              catalog,
              dataProducts,
              permissions,
              userInfo,
              auditor,
            }),
            drift: new MeshDriftReport({ drift: driftStore, catalog }),
            specs: new SpecProvisioningService({
              dataProducts,
              specDataProducts: new SpecDataProducts({
                catalog,
                auth,
                permissions,
              }),
              provisioner,
              auditor,
              clusters: settings.clusters,
            }),
            consume: new ConsumeInfoService({
              owners: new TopicOwners({ catalog, dataProducts }),
              dataProducts,
              provisioner,
              schemas: new RegistrySchemas(),
              catalog,
              userInfo,
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        if (settings.reconcileSchedule) {
          const reconciler = new Reconciler({
            catalog: dataProductCatalog,
            dataProducts,
            provisioner,
            drift: driftStore,
            history,
            auditor,
            logger,
          });
          // 'global': one run per cycle across all replicas sharing the database.
          await scheduler.scheduleTask({
            id: 'specmesh-reconcile',
            ...settings.reconcileSchedule,
            scope: 'global',
            fn: async () => {
              await reconciler.run();
            },
          });
        }

        if (chargebackSettings.schedule) {
          const collection = new ChargebackCollectionTask({
            clusters: settings.clusters,
            store: chargebackStore,
            knownAppIds: () => dataProductCatalog.knownAppIds(),
            prices: chargebackSettings.prices,
            retentionDays: chargebackSettings.retentionDays,
            rollupRetentionDays: chargebackSettings.rollupRetentionDays,
            logger,
          });
          // The scheduler runs a task on one replica at a time.
          await scheduler.scheduleTask({
            id: 'specmesh-chargeback-collect',
            ...chargebackSettings.schedule,
            scope: 'global',
            fn: async () => {
              await collection.run();
            },
          });
        }

        // Scheduled after the reconcile and chargeback tasks.
        const grantCheckSchedule = readGrantCheckSchedule(config);
        if (grantCheckSchedule) {
          await scheduler.scheduleTask({
            id: 'specmesh-access-grant-check',
            ...grantCheckSchedule,
            fn: () => access.tracker.checkAll(),
          });
        }
      },
    });
  },
});
