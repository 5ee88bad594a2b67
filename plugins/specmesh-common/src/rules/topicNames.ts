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
import type { AccessLevel } from '../model';
import { accessLevelOfSegment, readAccessLevel } from './accessLevel';
import { isInNamespaceOf } from './identity';

/** Kafka's limit on topic name length. */
export const MAX_TOPIC_NAME_LENGTH = 249;

const LEGAL_TOPIC_NAME = /^[A-Za-z0-9._-]+$/;
const ILLEGAL_TOPIC_CHARACTERS = /[^A-Za-z0-9._-]/g;

/**
 * A channel name as a dotted name: a leading `/` dropped (SpecMesh's legacy
 * `/a/b/_public/c` form), every other `/` turned into `.`.
 */
export function dottedChannelName(channelName: string): string {
  const withoutLeadingSlash = channelName.startsWith('/')
    ? channelName.slice(1)
    : channelName;
  return withoutLeadingSlash.replaceAll('/', '.');
}

/** How a channel maps to a topic. */
export interface TopicResolution {
  topic: string;
  /** Whether the topic lies in the owner's namespace (`<app-id>.`). */
  owned: boolean;
}

/**
 * Resolves a channel's name to a Kafka topic (§2), in this order: a name already
 * under `<app-id>.` is complete; a channel the owner writes is `<app-id>.<name>`;
 * a read-only name starting with an access level is the owner's own; any other
 * read-only name is another app-id's full topic name.
 */
export function resolveTopic(
  channelName: string,
  appId: string,
  ownerWrites: boolean,
): TopicResolution {
  const name = dottedChannelName(channelName);
  if (isInNamespaceOf(name, appId)) return { topic: name, owned: true };
  if (ownerWrites || startsWithAccessLevel(name)) {
    return { topic: `${appId}.${name}`, owned: true };
  }
  return { topic: name, owned: false };
}

function startsWithAccessLevel(name: string): boolean {
  const reading = readAccessLevel(name);
  return reading.kind === 'level';
}

/**
 * The access level of an owned topic, or `undefined` when its relative name
 * has no level segment (the caller decides the default).
 */
export function accessLevelOfOwnedTopic(
  topic: string,
  appId: string,
): AccessLevel | undefined {
  const relative = topic.slice(appId.length + 1);
  const dot = relative.indexOf('.');
  return accessLevelOfSegment(dot === -1 ? relative : relative.slice(0, dot));
}

/** What is wrong with a topic name, if anything, for Kafka. */
export function findTopicNameDefect(topic: string): string | undefined {
  if (topic.length > MAX_TOPIC_NAME_LENGTH) {
    return `is ${topic.length} characters long; Kafka allows at most ${MAX_TOPIC_NAME_LENGTH}`;
  }
  if (!LEGAL_TOPIC_NAME.test(topic)) {
    const illegal = [...new Set(topic.match(ILLEGAL_TOPIC_CHARACTERS) ?? [])];
    const shown = illegal.map(c => JSON.stringify(c)).join(', ');
    return topic.length === 0
      ? 'is empty'
      : `contains ${shown}; Kafka topic names allow only letters, digits, ".", "_" and "-"`;
  }
  return undefined;
}
