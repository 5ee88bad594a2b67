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
import { findAppIdDefect } from './identity';

const LEVEL_MARKERS = ['._public.', '._protected.', '._private.'] as const;

/**
 * What precedes the first `._public.`, `._protected.` or `._private.` segment of
 * a fully qualified topic name, valid app-id or not; `undefined` without one.
 *
 * @public
 */
export function ownerPrefixOfTopic(topic: string): string | undefined {
  let end = -1;
  for (const marker of LEVEL_MARKERS) {
    const index = topic.indexOf(marker);
    if (index !== -1 && (end === -1 || index < end)) end = index;
  }
  return end === -1 ? undefined : topic.slice(0, end);
}

/**
 * The app-id that owns a fully qualified topic name: everything before its
 * first `._public.`, `._protected.` or `._private.` segment (§2). `undefined`
 * when the name has no level segment or what precedes it is no valid app-id;
 * then only the catalog can tell the owner.
 *
 * @public
 */
export function ownerAppIdOfTopic(topic: string): string | undefined {
  const owner = ownerPrefixOfTopic(topic);
  return owner === undefined || findAppIdDefect(owner) ? undefined : owner;
}
