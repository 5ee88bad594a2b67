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
import type { PrincipalMap } from '@meshport/plugin-specmesh-common';
import type { CompatibilityLevel } from '../plan/types';
import { hasUrlCredentials } from '../url/urlCredentials';
import type { ClusterConfig } from './ClusterConfig';
import { readSasl } from './readSasl';
import { ClusterConfigReadOptions, readTls } from './readTls';
import { readSchemaRegistry } from './readSchemaRegistry';

const CLUSTERS_KEY = 'specmesh.clusters';
const DEFAULT_CLUSTER_KEY = 'specmesh.defaultCluster';
const PRINCIPALS_KEY = 'specmesh.principals';

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const BROKER = /^(\[[0-9A-Fa-f:.]+\]|[^\s:[\]]+):\d{1,5}$/;
const PRINCIPAL = /^[^:\s]+:\S+$/;
const COMPATIBILITY_LEVELS: readonly CompatibilityLevel[] = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
];

/**
 * Reads the clusters under `specmesh.clusters`, each with the global
 * `specmesh.principals` merged under its own principals. The default cluster
 * comes first: `specmesh.defaultCluster` when set, else the first configured.
 * Empty when no cluster is configured.
 *
 * Throws an InputError naming the offending key when the configuration is invalid.
 * PEM files (`ssl.caFile`…) are read here, once.
 *
 * @public
 */
export function readClusterConfigs(
  config: Config,
  options: ClusterConfigReadOptions = {},
): ClusterConfig[] {
  const globalPrincipals = readPrincipalList(config, PRINCIPALS_KEY);
  const clusters = (config.getOptionalConfigArray(CLUSTERS_KEY) ?? []).map(
    (entry, index) =>
      readClusterConfig(entry, {
        ...options,
        key: `${CLUSTERS_KEY}[${index}]`,
        principals: globalPrincipals,
      }),
  );

  const seen = new Set<string>();
  clusters.forEach((cluster, index) => {
    if (seen.has(cluster.name)) {
      throw new InputError(
        `Duplicate cluster name '${cluster.name}' at ${CLUSTERS_KEY}[${index}].name: give each cluster its own name`,
      );
    }
    seen.add(cluster.name);
  });

  const defaultName = config.getOptionalString(DEFAULT_CLUSTER_KEY);
  if (defaultName === undefined) return clusters;
  const chosen = clusters.find(cluster => cluster.name === defaultName);
  if (!chosen) {
    throw new InputError(
      `Invalid ${DEFAULT_CLUSTER_KEY} '${defaultName}': ${
        clusters.length
          ? `name one of the clusters under ${CLUSTERS_KEY} (${clusters
              .map(cluster => cluster.name)
              .join(', ')})`
          : `no cluster is configured under ${CLUSTERS_KEY}`
      }`,
    );
  }
  return [chosen, ...clusters.filter(cluster => cluster !== chosen)];
}

/**
 * Reads one cluster entry: an element of `specmesh.clusters`, or a whole file
 * holding one cluster (the CLI's `--cluster`).
 *
 * @param config - the entry
 * @param options - `key`: where the entry sits, for error messages (e.g.
 *   `specmesh.clusters[0]`); `principals`: a principal map the entry's own
 *   `principals` are merged over; `baseDir`: what relative PEM file paths are
 *   relative to (the cluster file's directory); `logger`: for warnings
 * @public
 */
export function readClusterConfig(
  config: Config,
  options: ClusterConfigReadOptions & {
    key?: string;
    principals?: PrincipalMap;
  } = {},
): ClusterConfig {
  const at = (field: string) =>
    options.key ? `${options.key}.${field}` : field;

  const name = config.getString('name');
  if (!CLUSTER_NAME.test(name)) {
    throw new InputError(
      `Invalid ${at(
        'name',
      )} '${name}': use letters, digits, '.', '-' and '_', for example 'local' or 'prod-eu'`,
    );
  }

  const cluster: ClusterConfig = {
    name,
    brokers: readBrokers(config, at),
    schemaRegistry: readSchemaRegistry(config, at, options),
  };

  const clientId = config.getOptionalString('clientId');
  if (clientId !== undefined) cluster.clientId = clientId;
  if (config.has('ssl')) {
    // `ssl: true` (system CAs) or a map of TLS settings.
    const ssl = config.getOptional('ssl');
    cluster.ssl =
      typeof ssl === 'object' && ssl !== null
        ? readTls(config.getConfig('ssl'), at('ssl'), options)
        : config.getBoolean('ssl');
  }
  if (config.has('sasl')) {
    cluster.sasl = readSasl(config.getConfig('sasl'), at('sasl'));
  }

  const principals = {
    ...options.principals,
    ...readPrincipalList(config, at('principals'), 'principals'),
  };
  if (Object.keys(principals).length > 0) cluster.principals = principals;

  const compatibility = config.getOptionalString('defaultCompatibility');
  if (compatibility !== undefined) {
    const level = compatibility.toLocaleUpperCase('en-US');
    if (!COMPATIBILITY_LEVELS.includes(level as CompatibilityLevel)) {
      throw new InputError(
        `Invalid ${at(
          'defaultCompatibility',
        )} '${compatibility}': use one of ${COMPATIBILITY_LEVELS.join(', ')}`,
      );
    }
    cluster.defaultCompatibility = level as CompatibilityLevel;
  }

  if (config.has('metricsUrl')) {
    cluster.metricsUrl = readMetricsUrls(config, at('metricsUrl'));
  }

  for (const flag of [
    'allowDeletion',
    'idempotentWrite',
    'autoApply',
  ] as const) {
    const value = config.getOptionalBoolean(flag);
    if (value !== undefined) cluster[flag] = value;
  }
  return cluster;
}

/**
 * Reads `specmesh.principals` (or a cluster's `principals`): app-ids whose Kafka
 * principal is not `User:<app-id>`. A list rather than a map because app-ids
 * contain dots, which config keys may not.
 *
 * @public
 */
export function readPrincipalMap(config: Config): PrincipalMap {
  return readPrincipalList(config, PRINCIPALS_KEY);
}

function readPrincipalList(
  config: Config,
  key: string,
  relativeKey = key,
): PrincipalMap {
  const principalMap: PrincipalMap = {};
  (config.getOptionalConfigArray(relativeKey) ?? []).forEach((entry, index) => {
    const appId = entry.getString('appId');
    const principal = entry.getString('principal');
    if (!PRINCIPAL.test(principal)) {
      throw new InputError(
        `Invalid ${key}[${index}].principal '${principal}' for app-id '${appId}': a Kafka principal has the form '<type>:<name>', for example 'User:sa-123abc'`,
      );
    }
    if (principalMap[appId] !== undefined) {
      throw new InputError(
        `Duplicate app-id '${appId}' at ${key}[${index}]: map each app-id to one principal`,
      );
    }
    principalMap[appId] = principal;
  });
  return principalMap;
}

/** A list, or one comma-separated string (what an environment variable substitutes). */
function readBrokers(config: Config, at: (field: string) => string): string[] {
  const key = at('brokers');
  const value = config.get('brokers');
  const brokers = (
    typeof value === 'string'
      ? value.split(',')
      : config.getStringArray('brokers')
  )
    .map(broker => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new InputError(
      `Invalid ${key}: list at least one bootstrap server, for example ['localhost:9092']`,
    );
  }
  const withCredentials = brokers.findIndex(hasUrlCredentials);
  if (withCredentials !== -1) {
    throw new InputError(
      `Invalid ${key}[${withCredentials}]: a bootstrap server carries no credentials ('user:password@'). Write it as 'host:port' and set the administrator's credentials under ${at(
        'sasl',
      )} (mechanism, username, password), where they are kept secret`,
    );
  }
  const invalid = brokers.find(broker => !BROKER.test(broker));
  if (invalid !== undefined) {
    throw new InputError(
      `Invalid ${key} entry '${invalid}': a bootstrap server is 'host:port', for example 'kafka-1.internal:9092'`,
    );
  }
  return brokers;
}

/** One URL, a list, or one comma-separated string: one endpoint per broker. */
function readMetricsUrls(config: Config, key: string): string[] {
  const value = config.get('metricsUrl');
  const urls = (
    typeof value === 'string'
      ? value.split(',')
      : config.getStringArray('metricsUrl')
  )
    .map(url => url.trim())
    .filter(Boolean);
  if (urls.length === 0) {
    throw new InputError(
      `Invalid ${key}: give the Prometheus metrics URL of each broker, for example 'http://broker-1:7071/metrics', or leave the key out`,
    );
  }
  urls.forEach((url, index) => {
    if (hasUrlCredentials(url)) {
      throw new InputError(
        `Invalid ${key}[${index}]: the URL carries credentials ('user:password@'). A broker's metrics endpoint is read without authentication: remove them from the URL`,
      );
    }
  });
  for (const url of urls) {
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
      throw new InputError(
        `Invalid ${key} '${url}': use an http(s) URL of the broker's metrics endpoint, for example 'http://broker-1:7071/metrics'`,
      );
    }
  }
  return urls;
}
