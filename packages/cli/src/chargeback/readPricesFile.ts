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
import { readFile } from 'node:fs/promises';
import { PriceList, readPriceList } from '@meshport/plugin-specmesh-common';
import { parse } from 'yaml';
import { UnreadableInputError } from '../io';

/**
 * Reads a price list file: YAML or JSON with currency, perGbMonthStored, perGbProduced,
 * perGbConsumed and perPartitionMonth (the shape of `specmesh.chargeback.prices`).
 */
export async function readPricesFile(file: string): Promise<PriceList> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UnreadableInputError(
      `Cannot read the price list ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    return readPriceList(parse(text), file);
  } catch (error) {
    throw new UnreadableInputError(
      `The price list ${file} is invalid: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

const MILLISECONDS_PER_UNIT: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
};

/** `10s`, `500ms`, `2m`, or plain seconds, in milliseconds. */
export function parseInterval(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const value = match ? Number(match[1]) : NaN;
  if (!match || !(value > 0)) {
    throw new UnreadableInputError(
      `Invalid --interval '${text}': give a duration such as 10s, 500ms or 2m`,
    );
  }
  return value * MILLISECONDS_PER_UNIT[match[2] ?? 's'];
}
