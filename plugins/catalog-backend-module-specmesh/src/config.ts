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

import { Config } from '@backstage/config';
import {
  DATA_PRODUCT_RECOGNITIONS,
  DataProductRecognition,
} from '@meshport/plugin-specmesh-common';
import type { SpecReadLimits } from '@meshport/plugin-specmesh-node';
import { OwnershipRule } from './ownership/OwnershipRules';

/** Where this module's configuration lives. */
export const CONFIG_KEY = 'catalog.processors.specmesh';

/** This module's configuration, as declared in `config.d.ts`. */
export interface SpecmeshCatalogConfig {
  /** Which AsyncAPI APIs are data products; `annotated` when not set. */
  dataProducts: DataProductRecognition;
  ownership: OwnershipRule[];
  cacheSize?: number;
  schemaFilesMaxBytes?: number;
  /** How much the one reader reads for a spec; its defaults when not set. */
  readLimits: SpecReadLimits;
}

export function readSpecmeshCatalogConfig(
  config: Config,
): SpecmeshCatalogConfig {
  const root = config.getOptionalConfig(CONFIG_KEY);
  const ownership = (root?.getOptionalConfigArray('ownership') ?? []).map(
    rule => ({
      appIdPrefix: rule.getString('appIdPrefix'),
      owner: rule.getOptionalString('owner'),
      system: rule.getOptionalString('system'),
    }),
  );
  const schemaFilesMaxBytes = root?.getOptionalNumber('schemaFilesMaxBytes');
  if (
    schemaFilesMaxBytes !== undefined &&
    !(Number.isInteger(schemaFilesMaxBytes) && schemaFilesMaxBytes >= 0)
  ) {
    throw new Error(
      `${CONFIG_KEY}.schemaFilesMaxBytes: ${schemaFilesMaxBytes} is not a number of bytes; set a whole number such as 262144 (256 KiB), or 0 to carry no schema files`,
    );
  }
  return {
    dataProducts: readDataProducts(root?.getOptionalString('dataProducts')),
    ownership,
    cacheSize: root?.getOptionalNumber('cacheSize'),
    schemaFilesMaxBytes,
    readLimits: readReadLimits(root?.getOptionalConfig('readLimits')),
  };
}

function readReadLimits(config: Config | undefined): SpecReadLimits {
  const limits: SpecReadLimits = {};
  for (const key of ['maxFileBytes', 'maxSpecBytes'] as const) {
    const value = config?.getOptionalNumber(key);
    if (value === undefined) continue;
    if (!(Number.isInteger(value) && value > 0)) {
      throw new Error(
        `${CONFIG_KEY}.readLimits.${key}: ${value} is not a number of bytes; set a whole number above 0, such as 1048576 (1 MiB)`,
      );
    }
    limits[key] = value;
  }
  return limits;
}

function readDataProducts(value: string | undefined): DataProductRecognition {
  if (value === undefined) {
    return DATA_PRODUCT_RECOGNITIONS[0];
  }
  const recognition = DATA_PRODUCT_RECOGNITIONS.find(r => r === value);
  if (!recognition) {
    throw new Error(
      `${CONFIG_KEY}.dataProducts: '${value}' is not a recognition; set 'annotated' (the default: AsyncAPI APIs annotated meshport.dev/data-product: "true") or 'all' (every AsyncAPI API is a data product)`,
    );
  }
  return recognition;
}
