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
  ParsedSpecText,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

// The reader parses a spec to find its schema refs, and the judge parses it
// again right after: a few recent texts spare the second parse. Documents
// are shared: treat them as read-only.
const recent = new LRUCache<string, ParsedSpecText>({ max: 64 });

/** The hash a spec's text is cached under. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** {@link parseSpecText}, remembered for a few recent texts. */
export function parseSpecTextOnce(
  text: string,
  file: string | undefined,
): ParsedSpecText {
  const key = `${file ?? ''}\u0000${contentHash(text)}`;
  let parsed = recent.get(key);
  if (!parsed) {
    parsed = parseSpecText(text, file);
    recent.set(key, parsed);
  }
  return parsed;
}
