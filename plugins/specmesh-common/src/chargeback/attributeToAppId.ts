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

/**
 * The longest of the known app-ids whose `<app-id>.` prefixes a name (a consumer group id
 * or a topic name), or null when none does. The dot matters: `acme.userprops.reader`
 * belongs to `acme.userprops`, never to `acme.user`. Longest, because app-ids nest
 * (`acme.shop` and `acme.shop.payments` may both exist).
 *
 * @public
 */
export function attributeToAppId(
  name: string,
  knownAppIds: ReadonlySet<string>,
): string | null {
  // Every candidate ends just before a dot of the name: try them from the right.
  for (let dot = name.lastIndexOf('.'); dot > 0; ) {
    const candidate = name.slice(0, dot);
    if (knownAppIds.has(candidate)) return candidate;
    dot = name.lastIndexOf('.', dot - 1);
  }
  return null;
}
