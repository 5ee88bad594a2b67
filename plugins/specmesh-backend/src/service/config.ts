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

import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { PrincipalMap } from '@meshport/plugin-specmesh-common';

const PRINCIPALS_KEY = 'specmesh.principals';
const PRINCIPAL_PATTERN = /^[^:\s]+:\S+$/;

/**
 * Reads `specmesh.principals`, the app-ids whose Kafka principal is not the
 * default `User:<app-id>`. A list rather than a map because app-ids contain
 * dots, which config keys may not.
 */
export function readPrincipalMap(config: Config): PrincipalMap {
  const principalMap: PrincipalMap = {};
  const entries = config.getOptionalConfigArray(PRINCIPALS_KEY) ?? [];
  entries.forEach((entry, index) => {
    const appId = entry.getString('appId');
    const principal = entry.getString('principal');
    if (!PRINCIPAL_PATTERN.test(principal)) {
      throw new InputError(
        `Invalid ${PRINCIPALS_KEY}[${index}].principal '${principal}' for app-id '${appId}' in app-config: a Kafka principal has the form '<type>:<name>', for example 'User:sa-123abc'`,
      );
    }
    if (principalMap[appId] !== undefined) {
      throw new InputError(
        `Duplicate app-id '${appId}' in ${PRINCIPALS_KEY}[${index}] in app-config: map each app-id to one principal`,
      );
    }
    principalMap[appId] = principal;
  });
  return principalMap;
}
