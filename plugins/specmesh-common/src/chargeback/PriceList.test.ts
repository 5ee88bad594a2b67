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

import { readPriceList } from './PriceList';

const VALID = {
  currency: 'EUR',
  perGbMonthStored: 0.1,
  perGbProduced: 0.05,
  perGbConsumed: 0,
  perPartitionMonth: 1.5,
};

describe('readPriceList', () => {
  it('accepts a complete price list', () => {
    expect(readPriceList(VALID, 'prices')).toEqual(VALID);
    expect(
      readPriceList({ ...VALID, storageBasis: 'singleCopy' }, 'prices'),
    ).toEqual({ ...VALID, storageBasis: 'singleCopy' });
  });

  it('names the field and the fix when something is wrong', () => {
    const location = 'specmesh.chargeback.prices';
    expect(() => readPriceList('cheap', location)).toThrow(
      'specmesh.chargeback.prices must be an object with currency, perGbMonthStored',
    );
    expect(() => readPriceList({ ...VALID, currency: ' ' }, location)).toThrow(
      'specmesh.chargeback.prices.currency must be a non-empty string',
    );
    expect(() =>
      readPriceList({ ...VALID, perGbProduced: -1 }, location),
    ).toThrow(
      'specmesh.chargeback.prices.perGbProduced must be a number of at least 0, got -1; set 0 for what is free.',
    );
    const { perPartitionMonth: _missing, ...incomplete } = VALID;
    expect(() => readPriceList(incomplete, location)).toThrow(
      'specmesh.chargeback.prices.perPartitionMonth must be a number of at least 0, got undefined',
    );
    expect(() =>
      readPriceList({ ...VALID, perGbConsumed: '0.02' }, location),
    ).toThrow('perGbConsumed must be a number of at least 0, got "0.02"');
    expect(() =>
      readPriceList({ ...VALID, storageBasis: 'both' }, location),
    ).toThrow(
      'specmesh.chargeback.prices.storageBasis must be "replicated" or "singleCopy", got "both".',
    );
  });
});
