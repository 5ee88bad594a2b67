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
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { hasUrlCredentials, redactUrlCredentials } from '../url/urlCredentials';
import type { ClusterConfig } from './ClusterConfig';
import { ClusterConfigReadOptions, readTls } from './readTls';

/** A cluster's `schemaRegistry`: its URL, basic authentication and TLS map. */
export function readSchemaRegistry(
  config: Config,
  at: (field: string) => string,
  options: ClusterConfigReadOptions,
): ClusterConfig['schemaRegistry'] {
  const url = config.getString('schemaRegistry.url');
  if (hasUrlCredentials(url)) {
    throw new InputError(
      `Invalid ${at(
        'schemaRegistry.url',
      )}: the URL carries credentials ('user:password@'). Remove them from the URL and set ${at(
        'schemaRegistry.username',
      )} and ${at(
        'schemaRegistry.password',
      )} instead, where the password is kept secret`,
    );
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    throw new InputError(
      `Invalid ${at('schemaRegistry.url')} '${redactUrlCredentials(
        url,
      )}': use the registry's Confluent-compatible API as an http(s) URL, for example 'http://localhost:8081' or Apicurio's 'http://localhost:8080/apis/ccompat/v7'`,
    );
  }
  const username = config.getOptionalString('schemaRegistry.username');
  const password = config.getOptionalString('schemaRegistry.password');
  if ((username === undefined) !== (password === undefined)) {
    throw new InputError(
      `Incomplete registry credentials at ${at(
        'schemaRegistry',
      )}: set both username and password, or neither`,
    );
  }
  const registry: ClusterConfig['schemaRegistry'] = {
    url,
    ...(username !== undefined ? { username, password } : {}),
  };
  if (config.has('schemaRegistry.ssl')) {
    if (parsed.protocol !== 'https:') {
      throw new InputError(
        `${at('schemaRegistry.ssl')} is set but ${at(
          'schemaRegistry.url',
        )} is not https: TLS settings apply to an https registry only`,
      );
    }
    registry.ssl = readTls(
      config.getConfig('schemaRegistry.ssl'),
      at('schemaRegistry.ssl'),
      options,
    );
  }
  return registry;
}
