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
  accessLevelOfOwnedTopic,
  dottedChannelName,
  findTopicNameDefect,
  resolveTopic,
} from './topicNames';

const APP = 'acme.lifestyle.onboarding';

describe('dottedChannelName', () => {
  it("drops a leading slash and turns SpecMesh's legacy slashes into dots", () => {
    expect(dottedChannelName('/a/b/_public/c')).toBe('a.b._public.c');
    expect(dottedChannelName('_public/user_signed_up')).toBe(
      '_public.user_signed_up',
    );
    expect(dottedChannelName('_public.user_signed_up')).toBe(
      '_public.user_signed_up',
    );
  });
});

describe('resolveTopic', () => {
  it('keeps a name already under the app-id', () => {
    expect(resolveTopic(`${APP}._public.x`, APP, true)).toEqual({
      topic: `${APP}._public.x`,
      owned: true,
    });
    expect(resolveTopic(`${APP}._public.x`, APP, false)).toEqual({
      topic: `${APP}._public.x`,
      owned: true,
    });
  });

  it('prefixes every channel the owner writes, with or without a level', () => {
    expect(resolveTopic('_public.x', APP, true)).toEqual({
      topic: `${APP}._public.x`,
      owned: true,
    });
    expect(resolveTopic('retail.purchases', APP, true)).toEqual({
      topic: `${APP}.retail.purchases`,
      owned: true,
    });
  });

  it("reads a level-first read-only channel as the owner's own topic", () => {
    expect(resolveTopic('_private.commands', APP, false)).toEqual({
      topic: `${APP}._private.commands`,
      owned: true,
    });
  });

  it("reads any other read-only name as another app-id's full topic name", () => {
    expect(resolveTopic('london.transport._public.tube', APP, false)).toEqual({
      topic: 'london.transport._public.tube',
      owned: false,
    });
    expect(resolveTopic('/london/transport/_public/tube', APP, false)).toEqual({
      topic: 'london.transport._public.tube',
      owned: false,
    });
  });

  it('does not treat a prefix sibling as owned', () => {
    expect(
      resolveTopic('acme.userprops._public.settings', 'acme.user', false),
    ).toEqual({
      topic: 'acme.userprops._public.settings',
      owned: false,
    });
    // Written, it becomes a topic inside the owner's namespace instead.
    expect(
      resolveTopic('acme.userprops._public.settings', 'acme.user', true).topic,
    ).toBe('acme.user.acme.userprops._public.settings');
  });
});

describe('accessLevelOfOwnedTopic', () => {
  it('reads the first segment after the app-id', () => {
    expect(accessLevelOfOwnedTopic(`${APP}._protected.purchased`, APP)).toBe(
      'protected',
    );
    expect(
      accessLevelOfOwnedTopic(`${APP}.purchased._public`, APP),
    ).toBeUndefined();
  });
});

describe('findTopicNameDefect', () => {
  it('accepts Kafka-legal names up to 249 characters', () => {
    expect(
      findTopicNameDefect('acme.app._public.user-signed_up'),
    ).toBeUndefined();
    expect(findTopicNameDefect('a'.repeat(249))).toBeUndefined();
  });

  it('rejects longer names with the length in the message', () => {
    expect(findTopicNameDefect('a'.repeat(250))).toContain('250 characters');
  });

  it('names the illegal characters', () => {
    expect(findTopicNameDefect('acme.app._public.user signed:up')).toContain(
      '" ", ":"',
    );
    expect(findTopicNameDefect('acme.{id}')).toContain('"{", "}"');
  });
});
