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
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import { ownerAppIdOfTopic } from '@meshport/plugin-specmesh-common';

/**
 * Whether a resource named inside `<app-id>.` belongs to this app-id, and not to
 * another app-id whose own namespace nests inside it (`acme.shop.orders.` inside
 * `acme.shop.`). The planner only reports, revokes or deletes what this says is
 * the app-id's own.
 *
 * - An access-level segment names the owner (RULES §2): `acme.shop.orders._public.x`
 *   belongs to `acme.shop.orders`.
 * - A known app-id nested in the namespace keeps everything under its own prefix.
 * - A prefixed binding on `<app-id>.<name>.` without an access level is shaped like
 *   another app-id's namespace: no spec implies one, so it is left alone.
 *
 * @public
 */
export function isOwnResource(
  appId: string,
  resourceName: string,
  patternType: AclBinding['patternType'] = 'LITERAL',
  knownAppIds: readonly string[] = [],
): boolean {
  const namespace = `${appId}.`;
  if (!resourceName.startsWith(namespace)) return false;

  const levelOwner = ownerAppIdOfTopic(resourceName);
  if (levelOwner !== undefined) return levelOwner === appId;

  const nested = knownAppIds.some(
    other =>
      other.startsWith(namespace) && resourceName.startsWith(`${other}.`),
  );
  if (nested) return false;

  const looksLikeNamespace =
    patternType === 'PREFIXED' &&
    resourceName !== namespace &&
    resourceName.endsWith('.');
  return !looksLikeNamespace;
}
