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

import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { entityNameOf, MAX_ENTITY_NAME_LENGTH } from './entityNameOf';

// Backstage's documented rule, stricter than its validator (which lets `._` pass).
const DOCUMENTED_NAME = /^[a-z0-9A-Z]+([-_.][a-z0-9A-Z]+)*$/;

function isValidName(name: string): boolean {
  return (
    name.length <= MAX_ENTITY_NAME_LENGTH &&
    DOCUMENTED_NAME.test(name) &&
    KubernetesValidatorFunctions.isValidObjectName(name)
  );
}

describe('entityNameOf', () => {
  it('keeps a value that already is a valid lower-case name', () => {
    for (const value of [
      'acme.lifestyle.onboarding',
      'legacy-orders',
      'a',
      'x'.repeat(MAX_ENTITY_NAME_LENGTH),
    ]) {
      expect(entityNameOf(value)).toBe(value);
    }
  });

  it('turns a SpecMesh topic into a readable name with a hash suffix', () => {
    const name = entityNameOf(
      'acme.lifestyle.onboarding._public.user_signed_up',
    );
    expect(name).toMatch(
      /^acme\.lifestyle\.onboarding\.public\.user_signed_up-[0-9a-f]{10}$/,
    );
    expect(isValidName(name)).toBe(true);
  });

  it('cuts a long name to 63 characters, suffix included', () => {
    const topic = `london.hammersmith.olympia.bigdatalondon._protected.${'x'.repeat(
      200,
    )}`;
    const name = entityNameOf(topic);
    expect(name).toHaveLength(MAX_ENTITY_NAME_LENGTH);
    expect(name.startsWith('london.hammersmith.olympia.bigdatalondon.')).toBe(
      true,
    );
    expect(isValidName(name)).toBe(true);
  });

  it('cuts a 64-character valid name, which no longer fits as it is', () => {
    const name = entityNameOf('y'.repeat(MAX_ENTITY_NAME_LENGTH + 1));
    expect(name).toMatch(/^y{52}-[0-9a-f]{10}$/);
  });

  it('never ends the cut part on a separator', () => {
    // The cut falls right after the `.` the `._` run becomes.
    const topic = `${'a'.repeat(51)}._${'b'.repeat(20)}`;
    const name = entityNameOf(topic);
    expect(name).toMatch(/^a{51}-[0-9a-f]{10}$/);
    expect(isValidName(name)).toBe(true);
  });

  it('makes a valid name of every legal topic name, even odd ones', () => {
    for (const topic of [
      '_confluent-metrics',
      '__consumer_offsets',
      'Orders.V2',
      '---',
      '...x...',
      'a-_.-b',
      'z'.repeat(249),
    ]) {
      const name = entityNameOf(topic);
      expect(isValidName(name)).toBe(true);
    }
  });

  it('keeps apart names that its readable form merges', () => {
    const siblings = [
      'acme.shop._public.orders',
      'acme.shop.public.orders',
      'acme.shop.__public.orders',
      'acme.shop._public.Orders',
      'acme.shop._public.ORDERS',
      `acme.shop._public.${'o'.repeat(60)}1`,
      `acme.shop._public.${'o'.repeat(60)}2`,
    ];
    const names = siblings.map(entityNameOf);
    // Backstage compares entity names case-insensitively.
    expect(new Set(names.map(n => n.toLocaleLowerCase('en-US'))).size).toBe(
      siblings.length,
    );
  });

  it('is stable: the same value gives the same name, now and in future', () => {
    const topic = 'acme.lifestyle.onboarding._public.user_signed_up';
    expect(entityNameOf(topic)).toBe(entityNameOf(topic));
    // Pinned: a change here renames every topic entity of every adopter.
    expect(entityNameOf(topic)).toBe(
      'acme.lifestyle.onboarding.public.user_signed_up-c1d6ff02f2',
    );
  });
});
