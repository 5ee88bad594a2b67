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
 * The value of a `{ $text: <path or URL> }` placeholder, when `definition`
 * is one: the catalog's placeholder processor reads the file there.
 */
export function textPlaceholderOf(definition: unknown): string | undefined {
  if (typeof definition !== 'object' || definition === null) {
    return undefined;
  }
  const keys = Object.keys(definition);
  const value = (definition as { $text?: unknown }).$text;
  return keys.length === 1 && typeof value === 'string' ? value : undefined;
}

/** Whether a placeholder's value is an absolute URL, not a relative path. */
export function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}
