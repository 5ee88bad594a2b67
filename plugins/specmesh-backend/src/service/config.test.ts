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
import { ConfigReader } from '@backstage/config';
import { readSpecmeshBackendConfig } from './config';

const local = {
  name: 'local',
  brokers: ['localhost:9092'],
  schemaRegistry: { url: 'http://localhost:8081' },
};

describe('readSpecmeshBackendConfig', () => {
  it('runs without clusters, a reconcile or a cache setting', () => {
    expect(readSpecmeshBackendConfig(new ConfigReader({}))).toEqual({
      clusters: [],
      principalMap: {},
      statusCacheTtlMs: 10_000,
    });
  });

  it('reads the clusters, the global principals, the cache and the reconcile schedule', () => {
    const config = readSpecmeshBackendConfig(
      new ConfigReader({
        specmesh: {
          principals: [{ appId: 'acme.a', principal: 'User:sa-1' }],
          clusters: [local],
          status: { cacheTtlSeconds: 2 },
          reconcile: {
            schedule: {
              frequency: { minutes: 10 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 15 },
            },
          },
        },
      }),
    );
    expect(config.clusters.map(cluster => cluster.name)).toEqual(['local']);
    expect(config.clusters[0].principals).toEqual({ 'acme.a': 'User:sa-1' });
    expect(config.principalMap).toEqual({ 'acme.a': 'User:sa-1' });
    expect(config.statusCacheTtlMs).toBe(2000);
    expect(config.reconcileSchedule).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 15 },
    });
  });

  it('refuses a registry URL with credentials, naming the key and where they belong', () => {
    const read = () =>
      readSpecmeshBackendConfig(
        new ConfigReader({
          specmesh: {
            clusters: [
              {
                ...local,
                schemaRegistry: { url: 'https://key:s3cret@registry.internal' },
              },
            ],
          },
        }),
      );
    expect(read).toThrow(
      "Invalid specmesh.clusters[0].schemaRegistry.url: the URL carries credentials ('user:password@'). Remove them from the URL and set specmesh.clusters[0].schemaRegistry.username and specmesh.clusters[0].schemaRegistry.password instead",
    );
    expect(read).not.toThrow(/s3cret/);
  });

  it('counts the cache time in whole milliseconds', () => {
    expect(
      readSpecmeshBackendConfig(
        new ConfigReader({ specmesh: { status: { cacheTtlSeconds: 1.0004 } } }),
      ).statusCacheTtlMs,
    ).toBe(1000);
  });

  it('rejects a negative cache time, naming the key', () => {
    expect(() =>
      readSpecmeshBackendConfig(
        new ConfigReader({ specmesh: { status: { cacheTtlSeconds: -1 } } }),
      ),
    ).toThrow('Invalid specmesh.status.cacheTtlSeconds -1');
  });

  it('rejects a reconcile without a valid schedule, naming the key', () => {
    expect(() =>
      readSpecmeshBackendConfig(
        new ConfigReader({
          specmesh: { reconcile: { schedule: { timeout: { minutes: 1 } } } },
        }),
      ),
    ).toThrow(/frequency/);
  });
});
