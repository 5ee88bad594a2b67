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

/** The tag prefix that grants read access to a `_protected` topic. */
export const GRANT_TAG_PREFIX = 'grant-access:';

/** The grantee that stands for every authenticated principal. */
export const PUBLIC_GRANTEE = '_public';

// Catches near-misses such as "Grant-Access:x" or "grant-access: x" so they are
// reported instead of silently granting nothing.
const GRANT_LIKE_TAG = /^\s*grant[-_ ]?access\s*:?/i;

/** A tag to read, with where it was written. */
export interface TagAt {
  tag: unknown;
  location: string;
}

/** The result of reading grant tags. */
export interface GrantReading {
  grantees: string[];
  defects: Array<{ location: string; message: string; fix: string }>;
}

/**
 * Reads `grant-access:<app-id>` (or `grant-access:_public`) tags (§3). Other tags
 * are ignored; malformed grant tags are defects.
 */
export function readGrantTags(tags: readonly TagAt[]): GrantReading {
  const grantees: string[] = [];
  const defects: GrantReading['defects'] = [];
  for (const { tag, location } of tags) {
    const name = tagName(tag);
    if (name === undefined) continue;
    if (!name.startsWith(GRANT_TAG_PREFIX)) {
      if (GRANT_LIKE_TAG.test(name)) {
        defects.push({
          location,
          message: `The tag "${name}" looks like a grant but is not written "${GRANT_TAG_PREFIX}<app-id>", so it grants nothing.`,
          fix: `Write it exactly as "${GRANT_TAG_PREFIX}<app-id>", lower case, with no spaces.`,
        });
      }
      continue;
    }
    const grantee = name.slice(GRANT_TAG_PREFIX.length);
    if (grantee === PUBLIC_GRANTEE) {
      if (!grantees.includes(grantee)) grantees.push(grantee);
      continue;
    }
    if (grantee.startsWith('_')) {
      defects.push({
        location,
        message: `The grant tag "${name}" names "${grantee}", which is neither "${PUBLIC_GRANTEE}" nor an app-id.`,
        fix: `Write "${GRANT_TAG_PREFIX}${PUBLIC_GRANTEE}" to grant everyone, or "${GRANT_TAG_PREFIX}<app-id>" to grant one application.`,
      });
      continue;
    }
    const defect = findAppIdDefect(grantee);
    if (defect) {
      defects.push({
        location,
        message: `The grant tag "${name}" does not name a valid app-id: ${defect.message}`,
        fix: `Write "${GRANT_TAG_PREFIX}<app-id>" with the reader's app-id (dot-separated), or "${GRANT_TAG_PREFIX}${PUBLIC_GRANTEE}" for everyone.`,
      });
      continue;
    }
    if (!grantees.includes(grantee)) grantees.push(grantee);
  }
  return { grantees, defects };
}

/** A tag's name: AsyncAPI tags are `{ name }` objects; a bare string is tolerated. */
function tagName(tag: unknown): string | undefined {
  if (typeof tag === 'string') return tag;
  if (tag && typeof tag === 'object') {
    const name = (tag as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return undefined;
}
