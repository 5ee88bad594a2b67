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
import { readSpecmeshCatalogConfig } from '../config';
import { OwnershipRules } from './OwnershipRules';

describe('OwnershipRules', () => {
  const rules = new OwnershipRules([
    { appIdPrefix: 'acme', owner: 'platform', system: 'acme-mesh' },
    { appIdPrefix: 'acme.lifestyle', owner: 'group:default/lifestyle' },
    {
      appIdPrefix: 'acme.lifestyle.onboarding',
      owner: 'user:people/ann',
      system: 'onboarding',
    },
  ]);

  it('lets the entity’s own owner and system win over every rule', () => {
    expect(
      rules.resolve('acme.lifestyle.onboarding', {
        owner: 'group:default/admins',
        system: 'mine',
      }),
    ).toEqual({ owner: 'group:default/admins', system: 'mine' });
  });

  it('takes the owner from the longest matching prefix', () => {
    expect(rules.resolve('acme.lifestyle.onboarding').owner).toBe(
      'user:people/ann',
    );
    expect(rules.resolve('acme.lifestyle.shop').owner).toBe(
      'group:default/lifestyle',
    );
    expect(rules.resolve('acme.finance.ledger').owner).toBe(
      'group:default/platform',
    );
    expect(rules.resolve('acme').owner).toBe('group:default/platform');
  });

  it('matches whole segments only', () => {
    expect(rules.resolve('acme.lifestyles.shop').owner).toBe(
      'group:default/platform',
    );
    expect(rules.resolve('acmecorp.x')).toEqual({
      owner: 'group:default/acmecorp.x',
    });
  });

  it('takes the system from the longest matching rule that sets one', () => {
    // acme.lifestyle sets no system; acme does.
    expect(rules.resolve('acme.lifestyle.shop')).toEqual({
      owner: 'group:default/lifestyle',
      system: 'system:default/acme-mesh',
    });
    expect(rules.resolve('acme.lifestyle.onboarding').system).toBe(
      'system:default/onboarding',
    );
  });

  it('fills what the entity leaves out, field by field', () => {
    expect(
      rules.resolve('acme.lifestyle.shop', { owner: 'group:default/shop' }),
    ).toEqual({
      owner: 'group:default/shop',
      system: 'system:default/acme-mesh',
    });
    expect(rules.resolve('acme.lifestyle.shop', { owner: '  ' }).owner).toBe(
      'group:default/lifestyle',
    );
  });

  it('defaults to the app-id’s group without rules', () => {
    expect(new OwnershipRules([]).resolve('acme.lifestyle.onboarding')).toEqual(
      { owner: 'group:default/acme.lifestyle.onboarding' },
    );
  });

  it('rejects rules that cannot work, naming the rule, the field and the fix', () => {
    expect(
      () => new OwnershipRules([{ appIdPrefix: 'acme..x', owner: 'a' }], 'k'),
    ).toThrow(
      "k[0].appIdPrefix: 'acme..x' is not an app-id prefix; write whole app-id segments ([A-Za-z0-9_-]) joined by single dots, such as acme.lifestyle",
    );
    expect(() => new OwnershipRules([{ appIdPrefix: 'acme' }], 'k')).toThrow(
      "k[0]: the rule for 'acme' sets neither owner nor system",
    );
    expect(
      () => new OwnershipRules([{ appIdPrefix: 'acme', owner: 'a:b:c' }], 'k'),
    ).toThrow(
      "k[0].owner: 'a:b:c' is not an entity ref ('b:c' is no valid entity name); write [<kind>:][<namespace>/]<name>, such as group:default/lifestyle",
    );
    expect(
      () => new OwnershipRules([{ appIdPrefix: 'acme', owner: 'group:' }], 'k'),
    ).toThrow(
      /^k\[0\]\.owner: 'group:' is not an entity ref \(Entity reference/,
    );
    expect(
      () =>
        new OwnershipRules([{ appIdPrefix: 'acme', system: 'group:x' }], 'k'),
    ).toThrow("k[0].system: 'group:x' is a group, not a System");
    expect(
      () =>
        new OwnershipRules(
          [
            { appIdPrefix: 'acme', owner: 'a' },
            { appIdPrefix: 'acme', owner: 'b' },
          ],
          'k',
        ),
    ).toThrow("k[1].appIdPrefix: 'acme' has a rule already");
  });

  it('reads its rules from catalog.processors.specmesh.ownership', () => {
    const config = readSpecmeshCatalogConfig(
      new ConfigReader({
        catalog: {
          processors: {
            specmesh: {
              ownership: [
                { appIdPrefix: 'acme.lifestyle', owner: 'lifestyle' },
                { appIdPrefix: 'acme', system: 'acme-mesh' },
              ],
              cacheSize: 10,
            },
          },
        },
      }),
    );
    expect(config.cacheSize).toBe(10);
    expect(
      new OwnershipRules(config.ownership).resolve('acme.lifestyle.x'),
    ).toEqual({
      owner: 'group:default/lifestyle',
      system: 'system:default/acme-mesh',
    });
    expect(readSpecmeshCatalogConfig(new ConfigReader({}))).toEqual({
      dataProducts: 'annotated',
      ownership: [],
      cacheSize: undefined,
      schemaFilesMaxBytes: undefined,
      readLimits: {},
    });
  });
});
