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
import type { AccessLevel } from '@meshport/plugin-specmesh-common';

// The grantee a `grant-access:_public` tag names: every authenticated principal.
const PUBLIC_GRANTEE = '_public';

/** Whether everyone may read a topic of this access level and these grantees. */
function readableByAll(
  access: AccessLevel | undefined,
  grantees: readonly string[],
): boolean {
  return access === 'public' || grantees.includes(PUBLIC_GRANTEE);
}

/** Who may read a topic besides its owner, in words. */
export function describeReaders(
  access: AccessLevel,
  grantees: readonly string[],
): string {
  if (readableByAll(access, grantees)) {
    return 'all authenticated principals';
  }
  return grantees.length > 0 ? grantees.join(', ') : 'owner only';
}

/**
 * Whether an app-id other than the owner may read a topic, from what the
 * judge wrote on its topic entity: public topics and `_public` grants let
 * everyone read, other grants name their app-ids. An unknown access level
 * (an entity another tool wrote) grants only what its grantees say.
 */
export function grantsRead(
  access: AccessLevel | undefined,
  grantees: readonly string[],
  appId: string,
): boolean {
  return readableByAll(access, grantees) || grantees.includes(appId);
}
