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
import type { ClusterConfig } from './ClusterConfig';
import {
  kafkaConnectionOf,
  planDefaultsOf,
  schemaRegistryConnectionOf,
} from './connectProvisioner';
import { selectCluster } from './selectCluster';

const cluster = (name: string): ClusterConfig => ({
  name,
  brokers: ['localhost:9092'],
  schemaRegistry: { url: 'http://localhost:8081' },
});

describe('selectCluster', () => {
  it('picks the named cluster, else the first', () => {
    const clusters = [cluster('local'), cluster('prod')];
    expect(selectCluster(clusters).name).toBe('local');
    expect(selectCluster(clusters, 'prod').name).toBe('prod');
  });

  it('says which clusters exist when the name is unknown', () => {
    expect(() => selectCluster([cluster('local')], 'prod')).toThrow(
      "Unknown cluster 'prod': use one of the clusters under specmesh.clusters (local)",
    );
  });

  it('says how to configure one when there is none', () => {
    expect(() => selectCluster([])).toThrow(
      'No Kafka cluster is configured: add one under specmesh.clusters',
    );
  });
});

describe('cluster connections', () => {
  it('passes credentials to kafkajs and the registry only when configured', () => {
    expect(kafkaConnectionOf(cluster('local'))).toEqual({
      brokers: ['localhost:9092'],
    });
    expect(schemaRegistryConnectionOf(cluster('local'))).toEqual({
      url: 'http://localhost:8081',
    });
    const secured: ClusterConfig = {
      ...cluster('prod'),
      clientId: 'portal',
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
      schemaRegistry: { url: 'https://r', username: 'k', password: 's' },
    };
    expect(kafkaConnectionOf(secured)).toEqual({
      brokers: ['localhost:9092'],
      clientId: 'portal',
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
    expect(schemaRegistryConnectionOf(secured)).toEqual({
      url: 'https://r',
      auth: { username: 'k', password: 's' },
    });
  });

  it('defaults the policy to FULL_TRANSITIVE without deletion', () => {
    expect(planDefaultsOf(cluster('local'))).toEqual({
      compatibility: 'FULL_TRANSITIVE',
      allowDeletion: false,
    });
    expect(
      planDefaultsOf({
        ...cluster('local'),
        defaultCompatibility: 'BACKWARD',
        allowDeletion: true,
      }),
    ).toEqual({ compatibility: 'BACKWARD', allowDeletion: true });
  });
});
