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
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { PrincipalMap } from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  readClusterConfigs,
  readPrincipalMap,
} from '@meshport/plugin-specmesh-node';

const RECONCILE_SCHEDULE_KEY = 'specmesh.reconcile.schedule';
const STATUS_TTL_KEY = 'specmesh.status.cacheTtlSeconds';
const DEFAULT_STATUS_TTL_SECONDS = 10;

/**
 * The backend plugin's configuration (see config.d.ts).
 */
export interface SpecmeshBackendConfig {
  /** Default first. */
  clusters: ClusterConfig[];
  /** `specmesh.principals`, for when no cluster is configured. */
  principalMap: PrincipalMap;
  statusCacheTtlMs: number;
  /** Absent when the reconcile is off. */
  reconcileSchedule?: SchedulerServiceTaskScheduleDefinition;
}

export function readSpecmeshBackendConfig(
  config: Config,
  options: { logger?: { warn(message: string): void } } = {},
): SpecmeshBackendConfig {
  const ttlSeconds =
    config.getOptionalNumber(STATUS_TTL_KEY) ?? DEFAULT_STATUS_TTL_SECONDS;
  if (!(ttlSeconds >= 0)) {
    throw new InputError(
      `Invalid ${STATUS_TTL_KEY} ${ttlSeconds}: use a number of seconds, 0 to read the cluster on every request`,
    );
  }
  return {
    clusters: readClusterConfigs(config, options),
    principalMap: readPrincipalMap(config),
    // Whole milliseconds, as the cache counts them.
    statusCacheTtlMs: Math.round(ttlSeconds * 1000),
    ...(config.has(RECONCILE_SCHEDULE_KEY)
      ? {
          reconcileSchedule:
            readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(RECONCILE_SCHEDULE_KEY),
            ),
        }
      : {}),
  };
}
