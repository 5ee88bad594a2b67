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

/*
 * The billing units, fixed here once for the whole model.
 *
 * GB is the decimal gigabyte, 10^9 bytes, as cloud providers' price lists use it for
 * transfer and Kafka services for storage. A price quoted per GiB (2^30 bytes) converts
 * to a price per GB by dividing it by 1.073741824.
 *
 * A month is the average Gregorian month, 730 hours (365 days × 24 / 12), as hourly-billed
 * cloud resources prorate a monthly price; so every month costs the same.
 */

/**
 * Bytes in one billed GB (decimal).
 *
 * @public
 */
export const BYTES_PER_GB = 1e9;

/**
 * Hours in one billed month.
 *
 * @public
 */
export const HOURS_PER_MONTH = 730;

const MILLISECONDS_PER_HOUR = 3_600_000;

/** Hours between two ISO 8601 instants. */
export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / MILLISECONDS_PER_HOUR;
}
