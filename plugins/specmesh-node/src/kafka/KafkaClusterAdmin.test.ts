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
import {
  Admin,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ConfigResourceTypes,
  ConfigSource,
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  ResourcePatternTypes,
} from 'kafkajs';
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import { KafkaClusterAdmin } from './KafkaClusterAdmin';

function protocolError(
  type: string,
  code: number,
  message: string,
  topic?: string,
) {
  const error = new KafkaJSProtocolError({
    message,
    type,
    code,
    retriable: false,
  } as never);
  return topic ? Object.assign(error, { topic }) : error;
}

const INVALID_PARTITIONS = () =>
  protocolError('INVALID_PARTITIONS', 37, 'Number of partitions is invalid');

function partitions(count: number, replicas = 1) {
  return Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    partitionErrorCode: 0,
    leader: 1,
    replicas: Array.from({ length: replicas }, (__, i) => i + 1),
    isr: [1],
    offlineReplicas: [],
  }));
}

function fakeAdmin() {
  return {
    fetchTopicMetadata: jest.fn(),
    describeCluster: jest.fn().mockResolvedValue({
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092 }],
      controller: 1,
      clusterId: 'c',
    }),
    describeConfigs: jest.fn(),
    describeAcls: jest.fn(),
    createTopics: jest.fn().mockResolvedValue(true),
    createPartitions: jest.fn().mockResolvedValue(undefined),
    alterConfigs: jest.fn().mockResolvedValue({ resources: [] }),
    deleteTopics: jest.fn().mockResolvedValue(undefined),
    createAcls: jest.fn().mockResolvedValue(true),
    deleteAcls: jest.fn().mockResolvedValue({ filterResponses: [] }),
    connect: jest.fn(),
    disconnect: jest.fn(),
  };
}

const grant: AclBinding = {
  resourceType: 'TOPIC',
  resourceName: 'acme.shop._protected.orders',
  patternType: 'LITERAL',
  principal: 'User:acme.billing',
  host: '*',
  operation: 'READ',
  permissionType: 'ALLOW',
};

describe('KafkaClusterAdmin', () => {
  let admin: ReturnType<typeof fakeAdmin>;
  let cluster: KafkaClusterAdmin;

  beforeEach(() => {
    admin = fakeAdmin();
    cluster = new KafkaClusterAdmin(admin as unknown as Admin);
  });

  describe('describeNamespace', () => {
    beforeEach(() => {
      admin.fetchTopicMetadata.mockResolvedValue({
        topics: [
          { name: 'acme.shop._public.orders', partitions: partitions(3, 2) },
          { name: 'acme.shop._private.audit', partitions: partitions(1) },
          { name: 'acme.shopping._public.carts', partitions: partitions(1) },
          { name: '__consumer_offsets', partitions: partitions(50) },
        ],
      });
      admin.describeConfigs.mockResolvedValue({
        throttleTime: 0,
        resources: [
          {
            resourceName: 'acme.shop._public.orders',
            resourceType: ConfigResourceTypes.TOPIC,
            errorCode: 0,
            errorMessage: '',
            configEntries: [
              {
                configName: 'retention.ms',
                configValue: '1000',
                configSource: ConfigSource.TOPIC_CONFIG,
              },
              {
                configName: 'cleanup.policy',
                configValue: 'delete',
                configSource: ConfigSource.DEFAULT_CONFIG,
              },
              {
                configName: 'min.insync.replicas',
                configValue: '1',
                configSource: ConfigSource.STATIC_BROKER_CONFIG,
              },
            ],
          },
          {
            resourceName: 'acme.shop._private.audit',
            resourceType: ConfigResourceTypes.TOPIC,
            errorCode: 0,
            errorMessage: '',
            configEntries: [],
          },
        ],
      });
      admin.describeAcls.mockResolvedValue({
        throttleTime: 0,
        errorCode: 0,
        resources: [
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: 'acme.shop.',
            resourcePatternType: ResourcePatternTypes.PREFIXED,
            acls: [
              {
                principal: 'User:acme.shop',
                host: '*',
                operation: AclOperationTypes.READ,
                permissionType: AclPermissionTypes.ALLOW,
              },
              {
                principal: 'User:acme.shop',
                host: '*',
                operation: AclOperationTypes.WRITE,
                permissionType: AclPermissionTypes.ALLOW,
              },
            ],
          },
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: 'acme.shopping.',
            resourcePatternType: ResourcePatternTypes.PREFIXED,
            acls: [
              {
                principal: 'User:acme.shopping',
                host: '*',
                operation: AclOperationTypes.READ,
                permissionType: AclPermissionTypes.ALLOW,
              },
            ],
          },
          {
            resourceType: AclResourceTypes.CLUSTER,
            resourceName: 'kafka-cluster',
            resourcePatternType: ResourcePatternTypes.LITERAL,
            acls: [
              {
                principal: 'User:acme.shop',
                host: '*',
                operation: AclOperationTypes.IDEMPOTENT_WRITE,
                permissionType: AclPermissionTypes.ALLOW,
              },
              {
                principal: 'User:other',
                host: '*',
                operation: AclOperationTypes.IDEMPOTENT_WRITE,
                permissionType: AclPermissionTypes.ALLOW,
              },
            ],
          },
          {
            resourceType: AclResourceTypes.DELEGATION_TOKEN,
            resourceName: 'acme.shop.token',
            resourcePatternType: ResourcePatternTypes.LITERAL,
            acls: [
              {
                principal: 'User:acme.shop',
                host: '*',
                operation: AclOperationTypes.DESCRIBE,
                permissionType: AclPermissionTypes.ALLOW,
              },
            ],
          },
        ],
      });
    });

    it('reads the namespace with one request of each kind', async () => {
      const live = await cluster.describeNamespace(
        'acme.shop',
        'User:acme.shop',
      );

      expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(1);
      expect(admin.fetchTopicMetadata).toHaveBeenCalledWith();
      expect(admin.describeConfigs).toHaveBeenCalledTimes(1);
      expect(admin.describeConfigs).toHaveBeenCalledWith({
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: 'acme.shop._public.orders' },
          { type: ConfigResourceTypes.TOPIC, name: 'acme.shop._private.audit' },
        ],
        includeSynonyms: false,
      });
      expect(admin.describeAcls).toHaveBeenCalledTimes(1);
      expect(admin.describeAcls).toHaveBeenCalledWith({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });

      expect(live.topics).toEqual([
        {
          name: 'acme.shop._private.audit',
          partitions: 1,
          replicas: 1,
          configs: {},
        },
        {
          name: 'acme.shop._public.orders',
          partitions: 3,
          replicas: 2,
          configs: { 'retention.ms': '1000' },
        },
      ]);
      expect(live.acls.map(aclBindingKey)).toEqual([
        'ALLOW User:acme.shop READ TOPIC:PREFIXED:acme.shop. @*',
        'ALLOW User:acme.shop WRITE TOPIC:PREFIXED:acme.shop. @*',
        'ALLOW User:acme.shop IDEMPOTENT_WRITE CLUSTER:LITERAL:kafka-cluster @*',
      ]);
      // The owner is its default principal: no other principal is related.
      expect(live.relatedAcls).toEqual([]);
      expect(admin.describeCluster).not.toHaveBeenCalled();
      expect(live.brokerCount).toBeUndefined();
    });

    it('counts the brokers with one more request when asked', async () => {
      const live = await cluster.describeNamespace(
        'acme.shop',
        'User:acme.shop',
        { brokerCount: true },
      );
      expect(admin.describeCluster).toHaveBeenCalledTimes(1);
      expect(live.brokerCount).toBe(1);
    });

    it("reads, for a principal mapping, the former principals' bindings elsewhere in the same request", async () => {
      const live = await cluster.describeNamespace('acme.shop', 'User:sa-new');

      expect(admin.describeAcls).toHaveBeenCalledTimes(1);
      expect(live.acls.map(aclBindingKey)).toEqual([
        'ALLOW User:acme.shop READ TOPIC:PREFIXED:acme.shop. @*',
        'ALLOW User:acme.shop WRITE TOPIC:PREFIXED:acme.shop. @*',
      ]);
      expect(live.relatedAcls?.map(aclBindingKey)).toEqual([
        'ALLOW User:acme.shop IDEMPOTENT_WRITE CLUSTER:LITERAL:kafka-cluster @*',
      ]);
    });

    it('skips DescribeConfigs when the namespace has no topics', async () => {
      const live = await cluster.describeNamespace(
        'acme.empty',
        'User:acme.empty',
      );
      expect(live.topics).toEqual([]);
      expect(admin.describeConfigs).not.toHaveBeenCalled();
    });

    it("fails with what it could not read and the broker's message", async () => {
      admin.describeAcls.mockRejectedValue(
        protocolError(
          'CLUSTER_AUTHORIZATION_FAILED',
          31,
          'Cluster authorization failed',
        ),
      );
      await expect(
        cluster.describeNamespace('acme.shop', 'User:acme.shop'),
      ).rejects.toThrow(
        'Could not read the ACL bindings from Kafka: Cluster authorization failed (CLUSTER_AUTHORIZATION_FAILED)',
      );
    });
  });

  describe('createTopics', () => {
    it('creates all topics in one request, leaving unset settings to the cluster', async () => {
      const failures = await cluster.createTopics([
        {
          name: 'a.x',
          access: 'public',
          partitions: 3,
          replicas: 2,
          configs: { 'retention.ms': '5' },
        },
        {
          name: 'a.y',
          access: 'public',
          partitions: null,
          replicas: null,
          configs: {},
        },
      ]);

      expect(failures.size).toBe(0);
      expect(admin.createTopics).toHaveBeenCalledTimes(1);
      expect(admin.createTopics).toHaveBeenCalledWith({
        waitForLeaders: false,
        topics: [
          {
            topic: 'a.x',
            numPartitions: 3,
            replicationFactor: 2,
            configEntries: [{ name: 'retention.ms', value: '5' }],
          },
          {
            topic: 'a.y',
            numPartitions: -1,
            replicationFactor: -1,
            configEntries: [],
          },
        ],
      });
    });

    it("reports each rejected topic with the broker's message", async () => {
      admin.createTopics.mockRejectedValue(
        new KafkaJSAggregateError('Topic creation errors', [
          protocolError(
            'INVALID_REPLICATION_FACTOR',
            38,
            'Replication-factor is invalid',
            'a.y',
          ),
        ]),
      );
      const failures = await cluster.createTopics([
        {
          name: 'a.x',
          access: 'public',
          partitions: 1,
          replicas: null,
          configs: {},
        },
        {
          name: 'a.y',
          access: 'public',
          partitions: 1,
          replicas: 3,
          configs: {},
        },
      ]);
      expect([...failures]).toEqual([
        ['a.y', 'Replication-factor is invalid (INVALID_REPLICATION_FACTOR)'],
      ]);
    });

    it('does not report topics that someone else created as created', async () => {
      admin.createTopics.mockResolvedValue(false);
      const failures = await cluster.createTopics([
        {
          name: 'a.x',
          access: 'public',
          partitions: 1,
          replicas: null,
          configs: {},
        },
      ]);
      expect(failures.get('a.x')).toContain('already exists');
    });

    it('fails every topic when the broker cannot be reached', async () => {
      admin.createTopics.mockRejectedValue(
        new KafkaJSNumberOfRetriesExceeded(
          new KafkaJSConnectionError(
            'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
          ),
          { retryCount: 5, retryTime: 1000 } as never,
        ),
      );
      const failures = await cluster.createTopics([
        {
          name: 'a.x',
          access: 'public',
          partitions: 1,
          replicas: null,
          configs: {},
        },
        {
          name: 'a.y',
          access: 'public',
          partitions: 1,
          replicas: null,
          configs: {},
        },
      ]);
      expect([...failures.values()]).toEqual([
        'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
        'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
      ]);
    });

    it('sends nothing for nothing', async () => {
      expect((await cluster.createTopics([])).size).toBe(0);
      expect(admin.createTopics).not.toHaveBeenCalled();
    });
  });

  describe('createPartitions', () => {
    it('grows all topics in one request', async () => {
      await cluster.createPartitions([
        { topic: 'a.x', count: 3 },
        { topic: 'a.y', count: 6 },
      ]);
      expect(admin.createPartitions).toHaveBeenCalledTimes(1);
      expect(admin.createPartitions).toHaveBeenCalledWith({
        topicPartitions: [
          { topic: 'a.x', count: 3 },
          { topic: 'a.y', count: 6 },
        ],
      });
    });

    it('finds out which topics failed when the broker rejects part of the batch', async () => {
      admin.createPartitions
        .mockRejectedValueOnce(INVALID_PARTITIONS())
        .mockRejectedValueOnce(INVALID_PARTITIONS());
      // a.x grew in the batch; a.y and a.z did not.
      admin.fetchTopicMetadata.mockResolvedValue({
        topics: [
          { name: 'a.x', partitions: partitions(3) },
          { name: 'a.y', partitions: partitions(1) },
          { name: 'a.z', partitions: partitions(1) },
        ],
      });

      const failures = await cluster.createPartitions([
        { topic: 'a.x', count: 3 },
        { topic: 'a.y', count: 2 },
        { topic: 'a.z', count: 2 },
      ]);

      expect([...failures]).toEqual([
        ['a.y', 'Number of partitions is invalid (INVALID_PARTITIONS)'],
      ]);
      expect(admin.createPartitions.mock.calls.slice(1)).toEqual([
        [{ topicPartitions: [{ topic: 'a.y', count: 2 }] }],
        [{ topicPartitions: [{ topic: 'a.z', count: 2 }] }],
      ]);
    });

    it('does not ask again item by item when the broker cannot be reached', async () => {
      admin.createPartitions.mockRejectedValue(
        new KafkaJSConnectionError('Connection timeout'),
      );
      const failures = await cluster.createPartitions([
        { topic: 'a.x', count: 3 },
        { topic: 'a.y', count: 3 },
      ]);
      expect(failures.size).toBe(2);
      expect(admin.createPartitions).toHaveBeenCalledTimes(1);
    });
  });

  describe('replaceTopicConfigs', () => {
    it("sends each topic's whole config set, an empty one to reset everything", async () => {
      await cluster.replaceTopicConfigs([
        {
          topic: 'a.x',
          configs: { 'retention.ms': '5', 'cleanup.policy': 'compact' },
        },
        { topic: 'a.y', configs: {} },
      ]);
      expect(admin.alterConfigs).toHaveBeenCalledTimes(1);
      expect(admin.alterConfigs).toHaveBeenCalledWith({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: 'a.x',
            configEntries: [
              { name: 'retention.ms', value: '5' },
              { name: 'cleanup.policy', value: 'compact' },
            ],
          },
          { type: ConfigResourceTypes.TOPIC, name: 'a.y', configEntries: [] },
        ],
      });
    });

    it('asks again topic by topic to tell which config the broker rejected', async () => {
      const invalid = () =>
        protocolError('INVALID_CONFIG', 40, 'Configuration is invalid');
      admin.alterConfigs
        .mockRejectedValueOnce(invalid())
        .mockResolvedValueOnce({ resources: [] })
        .mockRejectedValueOnce(invalid());

      const failures = await cluster.replaceTopicConfigs([
        { topic: 'a.x', configs: { 'retention.ms': '5' } },
        { topic: 'a.y', configs: { 'retention.ms': 'soon' } },
      ]);

      expect([...failures]).toEqual([
        ['a.y', 'Configuration is invalid (INVALID_CONFIG)'],
      ]);
    });
  });

  describe('deleteTopics', () => {
    it('deletes all topics in one request', async () => {
      await cluster.deleteTopics(['a.x', 'a.y']);
      expect(admin.deleteTopics).toHaveBeenCalledWith({
        topics: ['a.x', 'a.y'],
      });
    });

    it('does not ask again for topics the batch deleted', async () => {
      admin.deleteTopics.mockRejectedValueOnce(
        protocolError(
          'TOPIC_AUTHORIZATION_FAILED',
          29,
          'Not authorized to access topics: [Topic authorization failed]',
        ),
      );
      admin.deleteTopics.mockRejectedValueOnce(
        protocolError(
          'TOPIC_AUTHORIZATION_FAILED',
          29,
          'Not authorized to access topics: [Topic authorization failed]',
        ),
      );
      admin.fetchTopicMetadata.mockResolvedValue({
        topics: [{ name: 'a.y', partitions: partitions(1) }],
      });

      const failures = await cluster.deleteTopics(['a.x', 'a.y']);

      expect([...failures.keys()]).toEqual(['a.y']);
      expect(admin.deleteTopics).toHaveBeenLastCalledWith({ topics: ['a.y'] });
    });
  });

  describe('ACLs', () => {
    it("creates bindings in one request, in kafkajs' vocabulary", async () => {
      await cluster.createAcls([
        grant,
        { ...grant, patternType: 'PREFIXED', operation: 'DESCRIBE' },
      ]);
      expect(admin.createAcls).toHaveBeenCalledTimes(1);
      expect(admin.createAcls).toHaveBeenCalledWith({
        acl: [
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: 'acme.shop._protected.orders',
            resourcePatternType: ResourcePatternTypes.LITERAL,
            principal: 'User:acme.billing',
            host: '*',
            operation: AclOperationTypes.READ,
            permissionType: AclPermissionTypes.ALLOW,
          },
          expect.objectContaining({
            resourcePatternType: ResourcePatternTypes.PREFIXED,
            operation: AclOperationTypes.DESCRIBE,
          }),
        ],
      });
    });

    it('deletes exactly the given bindings', async () => {
      await cluster.deleteAcls([grant]);
      expect(admin.deleteAcls).toHaveBeenCalledWith({
        filters: [
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: 'acme.shop._protected.orders',
            resourcePatternType: ResourcePatternTypes.LITERAL,
            principal: 'User:acme.billing',
            host: '*',
            operation: AclOperationTypes.READ,
            permissionType: AclPermissionTypes.ALLOW,
          },
        ],
      });
    });

    it('reports a binding it cannot express without sending anything', async () => {
      const failures = await cluster.createAcls([
        { ...grant, operation: 'READ_ALL' },
      ]);
      expect(
        failures.get(aclBindingKey({ ...grant, operation: 'READ_ALL' })),
      ).toContain('Unknown ACL operation "READ_ALL"');
      expect(admin.createAcls).not.toHaveBeenCalled();
    });

    it('keys failures by binding', async () => {
      admin.createAcls.mockRejectedValue(
        protocolError(
          'INVALID_REQUEST',
          42,
          'This most likely occurs because of a request being malformed',
        ),
      );
      const failures = await cluster.createAcls([grant]);
      expect(failures.get(aclBindingKey(grant))).toBe(
        'This most likely occurs because of a request being malformed (INVALID_REQUEST)',
      );
    });
  });

  describe('awaitChanges', () => {
    const none = {
      createdTopics: [],
      deletedTopics: [],
      grownTopics: [],
      createdAcls: [],
      deletedAcls: [],
    };
    const served = (bindings: AclBinding[]) => ({
      resources: bindings.map(binding => ({
        resourceType: AclResourceTypes.TOPIC,
        resourceName: binding.resourceName,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        acls: [
          {
            principal: binding.principal,
            host: binding.host,
            operation: AclOperationTypes.READ,
            permissionType: AclPermissionTypes.ALLOW,
          },
        ],
      })),
    });
    const topics = (...names: Array<[string, number]>) => ({
      topics: names.map(([name, count]) => ({
        name,
        partitions: partitions(count),
      })),
    });

    it('reads until the broker serves the new topics and bindings, and the removed ones are gone', async () => {
      const stale = { ...grant, principal: 'User:acme.gone' };
      admin.fetchTopicMetadata
        .mockResolvedValueOnce(topics(['acme.shop._private.old', 1]))
        .mockResolvedValueOnce(topics(['acme.shop._public.new', 1]))
        .mockResolvedValue(topics(['acme.shop._public.new', 2]));
      admin.describeAcls
        .mockResolvedValueOnce(served([stale]))
        .mockResolvedValueOnce(served([stale, grant]))
        .mockResolvedValue(served([grant]));

      await cluster.awaitChanges({
        createdTopics: ['acme.shop._public.new'],
        deletedTopics: ['acme.shop._private.old'],
        grownTopics: [{ topic: 'acme.shop._public.new', count: 2 }],
        createdAcls: [grant],
        deletedAcls: [stale],
      });

      expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(3);
      expect(admin.describeAcls).toHaveBeenCalledTimes(3);
    });

    it('stops reading what the broker already serves', async () => {
      admin.fetchTopicMetadata.mockResolvedValue(
        topics(['acme.shop._public.new', 1]),
      );
      admin.describeAcls
        .mockResolvedValueOnce(served([]))
        .mockResolvedValue(served([grant]));

      await cluster.awaitChanges({
        ...none,
        createdTopics: ['acme.shop._public.new'],
        createdAcls: [grant],
      });

      expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(1);
      expect(admin.describeAcls).toHaveBeenCalledTimes(2);
    });

    it('gives up at the timeout, and as soon as the cluster cannot be read', async () => {
      const impatient = new KafkaClusterAdmin(admin as unknown as Admin, {
        changeTimeoutMs: 100,
      });
      admin.describeAcls.mockResolvedValue(served([]));
      const started = Date.now();
      await impatient.awaitChanges({ ...none, createdAcls: [grant] });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(admin.describeAcls.mock.calls.length).toBeGreaterThan(1);

      admin.fetchTopicMetadata.mockRejectedValue(
        new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'),
      );
      await cluster.awaitChanges({ ...none, createdTopics: ['a.t'] });
      expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(1);
    });

    it('reads nothing when nothing changed, or when told not to wait', async () => {
      await cluster.awaitChanges(none);
      await new KafkaClusterAdmin(admin as unknown as Admin, {
        changeTimeoutMs: 0,
      }).awaitChanges({ ...none, createdAcls: [grant] });

      expect(admin.fetchTopicMetadata).not.toHaveBeenCalled();
      expect(admin.describeAcls).not.toHaveBeenCalled();
    });
  });
});
