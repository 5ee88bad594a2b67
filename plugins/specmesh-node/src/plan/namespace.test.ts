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
import { isOwnResource } from './namespace';

describe('isOwnResource', () => {
  it.each([
    ['acme.shop.', 'PREFIXED'],
    ['acme.shop._public.', 'PREFIXED'],
    ['acme.shop._private.', 'PREFIXED'],
    ['acme.shop._protected.orders', 'LITERAL'],
    ['acme.shop.orders', 'LITERAL'],
    ['acme.shop.reporting-group', 'LITERAL'],
    ['acme.shop.tx', 'PREFIXED'],
  ] as const)('owns %s (%s)', (name, pattern) => {
    expect(isOwnResource('acme.shop', name, pattern)).toBe(true);
  });

  it.each([
    ['acme.shop', 'PREFIXED', 'the bare id, without the delimiter'],
    ['acme.shopping.', 'PREFIXED', 'an app-id sharing a string prefix'],
    [
      'acme.shopping._public.x',
      'LITERAL',
      'a topic of an app-id sharing a string prefix',
    ],
    ['acme.shop.orders._public.x', 'LITERAL', "a nested app-id's topic"],
    [
      'acme.shop.orders._public.',
      'PREFIXED',
      "a nested app-id's public prefix",
    ],
    ['acme.shop.orders.', 'PREFIXED', 'a namespace-shaped prefix'],
    ['kafka-cluster', 'LITERAL', 'the cluster'],
  ] as const)('does not own %s (%s): %s', (name, pattern, _reason) => {
    expect(isOwnResource('acme.shop', name, pattern)).toBe(false);
  });

  it('leaves what lives under a known nested app-id to it', () => {
    expect(
      isOwnResource('acme.shop', 'acme.shop.orders.events', 'LITERAL', [
        'acme.shop.orders',
      ]),
    ).toBe(false);
    expect(
      isOwnResource('acme.shop', 'acme.shop.ordersx', 'LITERAL', [
        'acme.shop.orders',
      ]),
    ).toBe(true);
  });

  it('ignores known app-ids outside the namespace', () => {
    expect(
      isOwnResource('acme.shop', 'acme.shop.orders', 'LITERAL', [
        'acme',
        'acme.billing',
      ]),
    ).toBe(true);
  });
});
