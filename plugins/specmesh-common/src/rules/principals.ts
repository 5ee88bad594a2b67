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
import type { PrincipalMap } from '../model';

/**
 * The principal Kafka's ACLs use for "every authenticated principal".
 *
 * @public
 */
export const ANY_PRINCIPAL = 'User:*';

/**
 * The Kafka principal of an app-id: the mapped one when configured, else
 * `User:<app-id>`. The mapping applies to owners and grantees alike (§1).
 *
 * @public
 */
export function principalOf(
  appId: string,
  principalMap?: PrincipalMap,
): string {
  if (
    principalMap &&
    Object.prototype.hasOwnProperty.call(principalMap, appId)
  ) {
    const mapped = principalMap[appId];
    if (typeof mapped === 'string') return mapped;
  }
  return `User:${appId}`;
}
