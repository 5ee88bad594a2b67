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
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_PRICES,
  PriceList,
  readPriceList,
} from '@meshport/plugin-specmesh-common';

const KEY = 'specmesh.chargeback';

export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_ROLLUP_RETENTION_DAYS = 400;

/** `specmesh.chargeback` (see config.d.ts). */
export interface ChargebackSettings {
  /** Absent when collection is off. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  prices: PriceList;
  /** How long raw samples are kept. */
  retentionDays: number;
  /** How long daily rollups are kept. */
  rollupRetentionDays: number;
}

export function readChargebackSettings(config: Config): ChargebackSettings {
  const section = config.getOptionalConfig(KEY);
  const retentionDays = readDays(
    section,
    'retentionDays',
    DEFAULT_RETENTION_DAYS,
  );
  const rollupRetentionDays = readDays(
    section,
    'rollupRetentionDays',
    DEFAULT_ROLLUP_RETENTION_DAYS,
  );
  const prices = readPriceList(
    { ...DEFAULT_PRICES, ...section?.getOptional<object>('prices') },
    `${KEY}.prices`,
  );
  return {
    prices,
    retentionDays,
    rollupRetentionDays,
    ...(section?.has('schedule')
      ? {
          schedule: readSchedulerServiceTaskScheduleDefinitionFromConfig(
            section.getConfig('schedule'),
          ),
        }
      : {}),
  };
}

function readDays(
  section: Config | undefined,
  field: string,
  defaultDays: number,
): number {
  const days = section?.getOptionalNumber(field) ?? defaultDays;
  if (!Number.isInteger(days) || days < 1) {
    throw new InputError(
      `Invalid ${KEY}.${field} ${days}: use a whole number of days, at least 1`,
    );
  }
  return days;
}
