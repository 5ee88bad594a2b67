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
import { ConfigReader } from '@backstage/config';
import { DEFAULT_PRICES } from '@meshport/plugin-specmesh-common';
import { readChargebackSettings } from './chargebackConfig';

const read = (chargeback?: object) =>
  readChargebackSettings(
    new ConfigReader(chargeback ? { specmesh: { chargeback } } : {}),
  );

describe('readChargebackSettings', () => {
  it('collects nothing by default, with the default prices and retention', () => {
    expect(read()).toEqual({
      prices: DEFAULT_PRICES,
      retentionDays: 30,
      rollupRetentionDays: 400,
    });
  });

  it('reads the schedule, the retention and each price over its default', () => {
    const settings = read({
      schedule: { frequency: { minutes: 15 }, timeout: { minutes: 5 } },
      retentionDays: 7,
      rollupRetentionDays: 730,
      prices: { currency: 'EUR', perGbConsumed: 0.02 },
    });
    expect(settings.schedule).toMatchObject({ frequency: { minutes: 15 } });
    expect(settings).toMatchObject({
      retentionDays: 7,
      rollupRetentionDays: 730,
    });
    expect(settings.prices).toEqual({
      ...DEFAULT_PRICES,
      currency: 'EUR',
      perGbConsumed: 0.02,
    });
  });

  it('names the field and the fix for a bad value', () => {
    expect(() => read({ retentionDays: 0 })).toThrow(
      'Invalid specmesh.chargeback.retentionDays 0: use a whole number of days, at least 1',
    );
    expect(() => read({ prices: { perGbProduced: -1 } })).toThrow(
      'specmesh.chargeback.prices.perGbProduced must be a number of at least 0',
    );
  });
});
