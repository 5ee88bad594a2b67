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
import {
  appIdFromSpecId,
  findAppIdDefect,
  isInNamespaceOf,
  MAX_APP_ID_LENGTH,
} from './identity';

describe('appIdFromSpecId', () => {
  it('turns colons into dots, so both id spellings give the same app-id', () => {
    expect(appIdFromSpecId('urn:acme:lifestyle:onboarding')).toBe(
      'acme.lifestyle.onboarding',
    );
    expect(appIdFromSpecId('urn:acme.lifestyle.onboarding')).toBe(
      'acme.lifestyle.onboarding',
    );
    expect(appIdFromSpecId('urn:acme:lifestyle.onboarding')).toBe(
      'acme.lifestyle.onboarding',
    );
  });

  it('accepts letters, digits, "_" and "-" in segments', () => {
    expect(appIdFromSpecId('urn:Acme_1.some-app')).toBe('Acme_1.some-app');
  });

  it.each([
    ['acme.app', 'no urn: prefix'],
    ['URN:acme.app', 'upper-case prefix'],
    ['urn:', 'empty app-id'],
    ['urn:.london.hammersmith', 'leading dot'],
    ['urn:acme..app', 'double dot'],
    ['urn:acme.app.', 'trailing dot'],
    ['urn:acme.life style', 'space'],
    ['urn:acme.app/x', 'slash'],
    [`urn:${'a'.repeat(MAX_APP_ID_LENGTH + 1)}`, 'too long'],
  ])('rejects %s (%s)', id => {
    expect(appIdFromSpecId(id)).toBeUndefined();
  });

  it('accepts an app-id of exactly the maximum length', () => {
    const appId = 'a'.repeat(MAX_APP_ID_LENGTH);
    expect(appIdFromSpecId(`urn:${appId}`)).toBe(appId);
  });
});

describe('findAppIdDefect', () => {
  it('names the offending segment', () => {
    expect(findAppIdDefect('acme.life style.x')?.message).toContain(
      '"life style"',
    );
  });

  it('says where an empty segment is', () => {
    expect(findAppIdDefect('.acme')?.message).toContain('starts with a dot');
    expect(findAppIdDefect('acme.')?.message).toContain('ends with a dot');
    expect(findAppIdDefect('acme..x')?.message).toContain('two dots in a row');
  });
});

describe('isInNamespaceOf', () => {
  it('requires the delimiter after the app-id', () => {
    expect(isInNamespaceOf('acme.user._public.x', 'acme.user')).toBe(true);
    expect(isInNamespaceOf('acme.userprops._public.x', 'acme.user')).toBe(
      false,
    );
    expect(isInNamespaceOf('acme.user', 'acme.user')).toBe(false);
    expect(isInNamespaceOf('acme.user.', 'acme.user')).toBe(false);
  });
});
