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

import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';

/** Backstage's limit on `metadata.name`. */
export const MAX_ENTITY_NAME_LENGTH = 63;

const HASH_LENGTH = 10;
// Every processing of a data product names each of its topics twice (the
// entity and its relations), every few minutes: a 10,000-topic mesh would
// lower-case and hash each name again and again.
const recentNames = new LRUCache<string, string>({ max: 20_000 });
const SEPARATOR_RUN = /[-_.]{2,}/g;
const OUTSIDE_ALPHABET = /[^a-z0-9-_.]/g;
const EDGE_SEPARATORS = /^[-_.]+|[-_.]+$/g;

/**
 * A Backstage entity name for a Kafka topic name or an app-id: at most 63
 * characters, sequences of `[a-z0-9]` joined by single `-`, `_` or `.`.
 *
 * @remarks
 *
 * A value that already is such a name (in lower case) is its own entity name.
 * Any other value is made readable (lower case, each run of separators kept as
 * its first character, cut to fit) and gets `-` and the first 10 hex digits of
 * the SHA-256 of the exact value. The suffix keeps apart what the readable
 * form merges: `a._b` from `a.b`, `Orders` from `orders`, and two long names
 * that agree on their first 52 characters. The name depends on the value
 * alone, so every spec that reads a topic computes the same name for it.
 *
 * @public
 */
export function entityNameOf(value: string): string {
  let name = recentNames.get(value);
  if (name === undefined) {
    name = computeEntityName(value);
    recentNames.set(value, name);
  }
  return name;
}

function computeEntityName(value: string): string {
  const readable = value
    .toLocaleLowerCase('en-US')
    .replace(OUTSIDE_ALPHABET, '-')
    .replace(SEPARATOR_RUN, run => run[0])
    .replace(EDGE_SEPARATORS, '');
  if (readable === value && readable.length <= MAX_ENTITY_NAME_LENGTH) {
    return value;
  }
  const hash = createHash('sha256')
    .update(value)
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const room = MAX_ENTITY_NAME_LENGTH - HASH_LENGTH - 1;
  const head = readable.slice(0, room).replace(EDGE_SEPARATORS, '');
  return head ? `${head}-${hash}` : hash;
}
