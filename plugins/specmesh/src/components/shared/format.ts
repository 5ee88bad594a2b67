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

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes in decimal units, as Kafka and the price list count them: `1.5 GB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

// Below a millionth, digits say nothing a person can act on.
const SMALLEST_AMOUNT = 0.000001;

/**
 * An amount of money. Amounts under a cent keep two significant digits
 * ("$0.0042"): a topic's cost over a few days is often that small, and "< $0.01"
 * everywhere would hide which costs more.
 */
export function formatMoney(amount: number, currency: string): string {
  if (amount > 0 && amount < SMALLEST_AMOUNT) {
    return `< ${formatMoney(SMALLEST_AMOUNT, currency)}`;
  }
  const small = amount > 0 && amount < 0.01;
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...(small ? { maximumSignificantDigits: 2 } : {}),
    }).format(amount);
  } catch {
    // Not an ISO 4217 code: a price list may name its own unit.
    return `${small ? amount.toPrecision(2) : amount.toFixed(2)} ${currency}`;
  }
}

/** The change from `previous` to `current` as a signed percentage, or undefined from zero. */
export function formatTrend(
  current: number,
  previous: number,
): string | undefined {
  if (previous === 0) {
    return undefined;
  }
  const percent = ((current - previous) / previous) * 100;
  const sign = percent > 0 ? '+' : '';
  return `${sign}${percent.toFixed(0)}%`;
}
