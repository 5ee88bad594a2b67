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
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DesiredState,
  MESHPORT_APP_ID_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import {
  ApplyResult,
  ClusterConfig,
  connectProvisioner,
  Plan,
  Provisioner,
  readClusterConfigs,
  selectCluster,
} from '@meshport/plugin-specmesh-node';

/** A data product the catalog knows: its entity and the app-id of its spec. */
export interface RegisteredDataProduct {
  entityRef: string;
  appId: string;
}

/**
 * What the plan and apply actions share: the configured clusters, the data
 * products the catalog knows, and a provisioner connected for one request.
 */
export class SpecmeshProvisioning {
  /** Reads `specmesh.clusters`; throws at startup when that configuration is invalid. */
  static fromConfig(
    config: RootConfigService,
    services: { catalog: CatalogService; auth: AuthService },
  ): SpecmeshProvisioning {
    return new SpecmeshProvisioning({
      clusters: readClusterConfigs(config),
      ...services,
    });
  }

  constructor(
    private readonly options: {
      /** Default first, as `readClusterConfigs` returns them. */
      clusters: readonly ClusterConfig[];
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  /** The named cluster, or the default one; an InputError naming the choices otherwise. */
  cluster(name?: string): ClusterConfig {
    return selectCluster(this.options.clusters, name);
  }

  /**
   * Every API entity the Meshport catalog module marked with an app-id, read
   * with the module's own credentials: ownership of an app-id is decided over
   * the whole catalog, not over what the person running the template may see.
   */
  async registeredDataProducts(): Promise<RegisteredDataProduct[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'API',
          [`metadata.annotations.${MESHPORT_APP_ID_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.flatMap(entity => {
      const appId = entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
      return appId ? [{ entityRef: stringifyEntityRef(entity), appId }] : [];
    });
  }

  /** Diffs the desired state against the cluster. Changes nothing. */
  async plan(
    cluster: ClusterConfig,
    desired: DesiredState,
    options: { logger: LoggerService; deleteUnmanaged?: boolean },
  ): Promise<Plan> {
    const knownAppIds = await this.knownAppIds();
    return this.withProvisioner(cluster, options.logger, provisioner =>
      provisioner.plan(desired, {
        knownAppIds,
        deleteUnmanaged: options.deleteUnmanaged ?? false,
      }),
    );
  }

  /**
   * Plans and applies in one connection, so that what is applied is what the
   * cluster looks like now, not when an earlier step planned.
   */
  async apply(
    cluster: ClusterConfig,
    desired: DesiredState,
    options: { logger: LoggerService; deleteUnmanaged?: boolean },
  ): Promise<ApplyResult> {
    const knownAppIds = await this.knownAppIds();
    return this.withProvisioner(cluster, options.logger, async provisioner =>
      provisioner.apply(
        await provisioner.plan(desired, {
          knownAppIds,
          deleteUnmanaged: options.deleteUnmanaged ?? false,
        }),
      ),
    );
  }

  // The planner leaves alone the namespaces of registered app-ids nested in
  // the planned one (`acme.shop.orders` inside `acme.shop`).
  private async knownAppIds(): Promise<string[]> {
    const products = await this.registeredDataProducts();
    return [...new Set(products.map(product => product.appId))].sort();
  }

  private async withProvisioner<T>(
    cluster: ClusterConfig,
    logger: LoggerService,
    run: (provisioner: Provisioner) => Promise<T>,
  ): Promise<T> {
    const { provisioner, disconnect } = await connectProvisioner(cluster, {
      logger,
    });
    try {
      return await run(provisioner);
    } finally {
      await disconnect();
    }
  }
}
