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
import { readAccessLevel, suggestAccessLevel } from './accessLevel';

describe('readAccessLevel', () => {
  it.each([
    ['_public.user_signed_up', 'public'],
    ['_protected.purchased', 'protected'],
    ['_private.user_checkout', 'private'],
    ['_public', 'public'],
  ])('reads the level of %s', (name, level) => {
    expect(readAccessLevel(name)).toEqual({ kind: 'level', level });
  });

  it('reports a missing level for names without one', () => {
    expect(readAccessLevel('retail.purchases')).toEqual({ kind: 'missing' });
    expect(readAccessLevel('zzpublic.attendee')).toEqual({ kind: 'missing' });
  });

  it.each(['_pubic', '_Public', '_PRIVATE', '_internal'])(
    'treats %s as a typo, not a level',
    segment => {
      expect(readAccessLevel(`${segment}.x`)).toEqual({
        kind: 'typo',
        segment,
      });
    },
  );
});

describe('suggestAccessLevel', () => {
  it.each([
    ['_pubic', '_public'],
    ['_Public', '_public'],
    ['_protcted', '_protected'],
    ['_privat', '_private'],
  ])('suggests %s → %s', (typo, level) => {
    expect(suggestAccessLevel(typo)).toBe(level);
  });
});
