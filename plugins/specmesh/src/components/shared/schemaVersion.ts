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
import type { StatusItem } from '../../api';

/**
 * What the registry holds for a subject, in words: the version people quote
 * ("version 3"), or why there is none.
 */
export function describeSchemaVersion(
  item: StatusItem | undefined,
  loading: boolean,
): string {
  if (loading) return 'checking…';
  if (!item) return 'not checked';
  if (item.status === 'unknown') return 'unknown';
  if (!item.exists) return 'not registered';
  const version =
    item.latestVersion !== undefined
      ? `version ${item.latestVersion}`
      : 'registered';
  const fields = (item.changes ?? []).map(change => change.field);
  if (fields.includes('schema'))
    return `${version}; the spec's schema is newer`;
  if (fields.includes('compatibility')) {
    return `${version}; compatibility differs`;
  }
  return version;
}
