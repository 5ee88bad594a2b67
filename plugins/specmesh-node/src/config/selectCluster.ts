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
import { InputError } from '@backstage/errors';
import type { ClusterConfig } from './ClusterConfig';

/**
 * The cluster of a given name, or the default one (the first of
 * {@link readClusterConfigs}' list) when no name is given.
 *
 * Throws an InputError when no cluster is configured or none has that name.
 *
 * @public
 */
export function selectCluster(
  clusters: readonly ClusterConfig[],
  name?: string,
): ClusterConfig {
  if (clusters.length === 0) {
    throw new InputError(
      'No Kafka cluster is configured: add one under specmesh.clusters (name, brokers, schemaRegistry.url)',
    );
  }
  if (name === undefined) return clusters[0];
  const cluster = clusters.find(candidate => candidate.name === name);
  if (!cluster) {
    throw new InputError(
      `Unknown cluster '${name}': use one of the clusters under specmesh.clusters (${clusters
        .map(candidate => candidate.name)
        .join(', ')})`,
    );
  }
  return cluster;
}
