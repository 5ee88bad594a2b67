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

import { attributeToAppId } from './attributeToAppId';

describe('attributeToAppId', () => {
  const known = new Set(['acme.shop', 'acme.shop.payments', 'acme.user']);

  it('takes the longest known app-id that prefixes the name with a dot', () => {
    expect(attributeToAppId('acme.shop.payments.refunds', known)).toBe(
      'acme.shop.payments',
    );
    expect(attributeToAppId('acme.shop.orders-reader', known)).toBe(
      'acme.shop',
    );
    expect(attributeToAppId('acme.shop._public.orders', known)).toBe(
      'acme.shop',
    );
  });

  it('needs the dot after the app-id', () => {
    expect(attributeToAppId('acme.userprops.reader', known)).toBeNull();
    expect(attributeToAppId('acme.shop-legacy', known)).toBeNull();
    // The app-id itself is no group of that app-id: `<app-id>.` must prefix it.
    expect(attributeToAppId('acme.shop', known)).toBeNull();
  });

  it('returns null for names no known app-id prefixes', () => {
    expect(attributeToAppId('console-consumer-1234', known)).toBeNull();
    expect(attributeToAppId('other.team.reader', known)).toBeNull();
    expect(attributeToAppId('.acme.shop.x', known)).toBeNull();
    expect(attributeToAppId('', known)).toBeNull();
    expect(attributeToAppId('acme.shop.x', new Set())).toBeNull();
  });
});
