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
import { isLoopbackHost } from '../url/loopback';
import { hasUrlCredentials } from '../url/urlCredentials';
import type {
  ClusterOAuthBearerSasl,
  ClusterSasl,
  ClusterSaslMechanism,
} from './ClusterConfig';

const PASSWORD_MECHANISMS: readonly ClusterSaslMechanism[] = [
  'plain',
  'scram-sha-256',
  'scram-sha-512',
];
const OAUTH_KEYS = [
  'mechanism',
  'tokenEndpoint',
  'clientId',
  'clientSecret',
  'scope',
  'extensions',
  'clientAuthMethod',
];
const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];
/** RFC 7628 §3.1: a key is letters; a value is printable ASCII, space and tab. */
const EXTENSION_KEY = /^[A-Za-z]+$/;
const EXTENSION_VALUE = /^[\x20-\x7E\t]*$/;

/**
 * Reads a cluster's `sasl` map: PLAIN or SCRAM with username and password, or
 * OAUTHBEARER with client credentials.
 *
 * @param config - the map itself
 * @param key - its full key, for messages, e.g. `specmesh.clusters[0].sasl`
 */
export function readSasl(config: Config, key: string): ClusterSasl {
  const given = config.getString('mechanism');
  const mechanism = given.toLocaleLowerCase('en-US');
  if (mechanism === 'oauthbearer') return readOAuthBearer(config, key);
  if (!PASSWORD_MECHANISMS.includes(mechanism as ClusterSaslMechanism)) {
    throw new InputError(
      `Invalid ${key}.mechanism '${given}': use one of ${[
        ...PASSWORD_MECHANISMS,
        'oauthbearer',
      ].join(', ')}`,
    );
  }
  return {
    mechanism: mechanism as ClusterSaslMechanism,
    username: config.getString('username'),
    password: config.getString('password'),
  };
}

function readOAuthBearer(config: Config, key: string): ClusterOAuthBearerSasl {
  const unknown = config.keys().filter(name => !OAUTH_KEYS.includes(name));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown ${unknown
        .map(name => `${key}.${name}`)
        .join(', ')} for mechanism oauthbearer: it takes ${OAUTH_KEYS.join(
        ', ',
      )}${
        unknown.includes('username') || unknown.includes('password')
          ? ' (username and password are for plain and scram)'
          : ''
      }`,
    );
  }
  const sasl: ClusterOAuthBearerSasl = {
    mechanism: 'oauthbearer',
    tokenEndpoint: readTokenEndpoint(config, `${key}.tokenEndpoint`),
    clientId: config.getString('clientId'),
    clientSecret: config.getString('clientSecret'),
  };
  const scope = config.getOptionalString('scope')?.trim();
  if (scope) sasl.scope = scope;

  const extensions = config.getOptionalConfig('extensions');
  if (extensions) {
    sasl.extensions = {};
    for (const name of extensions.keys()) {
      if (!EXTENSION_KEY.test(name) || name === 'auth') {
        throw new InputError(
          `Invalid ${key}.extensions.${name}: an extension's name is letters only and not 'auth' (RFC 7628), for example logicalCluster`,
        );
      }
      const value = extensions.getString(name);
      if (!EXTENSION_VALUE.test(value)) {
        throw new InputError(
          `Invalid ${key}.extensions.${name}: a value holds printable ASCII characters only`,
        );
      }
      sasl.extensions[name] = value;
    }
  }

  const clientAuthMethod = config.getOptionalString('clientAuthMethod');
  if (clientAuthMethod !== undefined) {
    if (!CLIENT_AUTH_METHODS.includes(clientAuthMethod)) {
      throw new InputError(
        `Invalid ${key}.clientAuthMethod '${clientAuthMethod}': use ${CLIENT_AUTH_METHODS.join(
          ' (HTTP basic authentication, the default) or ',
        )} (client id and secret in the request body)`,
      );
    }
    sasl.clientAuthMethod =
      clientAuthMethod as ClusterOAuthBearerSasl['clientAuthMethod'];
  }
  return sasl;
}

/** An https URL, or http on a loopback host (a local identity provider, a test). */
function readTokenEndpoint(config: Config, key: string): string {
  const url = config.getString('tokenEndpoint').trim();
  if (hasUrlCredentials(url)) {
    throw new InputError(
      `Invalid ${key}: the URL carries credentials ('user:password@'). Set clientId and clientSecret instead, where the secret is kept secret`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `Invalid ${key} '${url}': give the identity provider's token endpoint as a URL, for example 'https://idp.example.com/oauth2/token'`,
    );
  }
  if (parsed.protocol === 'https:') return url;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))
    return url;
  throw new InputError(
    `Invalid ${key} '${url}': the token endpoint receives the client secret, so it must be https (http only on a loopback host such as localhost or 127.0.0.1)`,
  );
}
