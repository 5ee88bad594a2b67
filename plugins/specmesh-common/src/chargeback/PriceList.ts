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

/**
 * Which storage figure is billed: every replica on disk (what the cluster really holds,
 * so a topic with three replicas costs three times as much), or one copy.
 *
 * @public
 */
export type StorageBasis = 'replicated' | 'singleCopy';

/**
 * Prices that turn usage into money (RULES §6). GB is 10^9 bytes and a month 730 hours
 * (see `BYTES_PER_GB`, `HOURS_PER_MONTH`). The topic's owner pays storage, partitions and
 * production; each consumer pays its consumption.
 *
 * @public
 */
export interface PriceList {
  /** ISO 4217 code or any label, e.g. `EUR`; amounts are never converted. */
  currency: string;
  perGbMonthStored: number;
  perGbProduced: number;
  perGbConsumed: number;
  perPartitionMonth: number;
  /** Default `replicated`. */
  storageBasis?: StorageBasis;
}

/**
 * The price list where an adopter sets none: round figures of the order managed
 * Kafka services charge, to be replaced with the adopter's own. The backend's
 * `specmesh.chargeback.prices` and the CLI's `--prices` fill in from it.
 *
 * @public
 */
export const DEFAULT_PRICES: PriceList = {
  currency: 'USD',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0.05,
  perPartitionMonth: 1,
};

const PRICE_FIELDS = [
  'perGbMonthStored',
  'perGbProduced',
  'perGbConsumed',
  'perPartitionMonth',
] as const;

/**
 * Checks a price list read from configuration or a file, and returns it typed. Throws an
 * error naming the field (under `location`, e.g. `specmesh.chargeback.prices`) and the fix.
 *
 * @public
 */
export function readPriceList(value: unknown, location: string): PriceList {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(
      `${location} must be an object with currency, ${PRICE_FIELDS.join(
        ', ',
      )}.`,
    );
  }
  const record = value as Record<string, unknown>;
  const currency = record.currency;
  if (typeof currency !== 'string' || currency.trim() === '') {
    throw new Error(
      `${location}.currency must be a non-empty string; set it to the currency the prices are in, e.g. EUR.`,
    );
  }
  const prices = {} as Record<(typeof PRICE_FIELDS)[number], number>;
  for (const field of PRICE_FIELDS) {
    const price = record[field];
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
      throw new Error(
        `${location}.${field} must be a number of at least 0, got ${JSON.stringify(
          price,
        )}; set 0 for what is free.`,
      );
    }
    prices[field] = price;
  }
  const storageBasis = record.storageBasis;
  if (
    storageBasis !== undefined &&
    storageBasis !== 'replicated' &&
    storageBasis !== 'singleCopy'
  ) {
    throw new Error(
      `${location}.storageBasis must be "replicated" or "singleCopy", got ${JSON.stringify(
        storageBasis,
      )}.`,
    );
  }
  return {
    currency: currency.trim(),
    ...prices,
    ...(storageBasis ? { storageBasis } : {}),
  };
}
