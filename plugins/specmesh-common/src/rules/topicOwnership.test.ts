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
import { ownerAppIdOfTopic, ownerPrefixOfTopic } from './topicOwnership';

describe('ownerAppIdOfTopic', () => {
  it.each([
    [
      'acme.lifestyle.onboarding._public.user_signed_up',
      'acme.lifestyle.onboarding',
    ],
    [
      'acme.lifestyle.onboarding._protected.purchased',
      'acme.lifestyle.onboarding',
    ],
    [
      'acme.lifestyle.onboarding._private.user_checkout',
      'acme.lifestyle.onboarding',
    ],
    ['acme.userprops._public.settings', 'acme.userprops'],
  ])('%s is owned by %s', (topic, owner) => {
    expect(ownerAppIdOfTopic(topic)).toBe(owner);
  });

  it('takes the first level segment when a name has several', () => {
    expect(ownerAppIdOfTopic('a.b._protected.c._public.d')).toBe('a.b');
    expect(ownerAppIdOfTopic('a.b._public.c._private.d')).toBe('a.b');
  });

  it('is unknown without a level segment', () => {
    expect(ownerAppIdOfTopic('legacy-topic')).toBeUndefined();
    expect(ownerAppIdOfTopic('acme.app.public.x')).toBeUndefined();
    expect(ownerAppIdOfTopic('acme.app._public')).toBeUndefined();
  });

  it('is unknown when what precedes the level is no valid app-id', () => {
    expect(ownerPrefixOfTopic('.london.transport._public.tube')).toBe(
      '.london.transport',
    );
    expect(ownerAppIdOfTopic('.london.transport._public.tube')).toBeUndefined();
  });
});
