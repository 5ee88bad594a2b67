/*
 * End-to-end check of the harness against the real broker and registry: SASL/PLAIN users,
 * ACLs enforced by StandardAuthorizer, consumer groups, and the registry's Confluent API.
 * Reuses the infra of the connection file (MESHPORT_INFRA_FILE) when it is running and has
 * at least three users; otherwise starts a private one in a temporary run dir.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Admin,
  Kafka,
  logLevel,
  Partitioners,
  ResourcePatternTypes,
} from 'kafkajs';
import { readInfraConnection } from './envFile';
import { kafkaErrorTypes as errorTypes } from './kafkaErrors';
import { RunningInfra, startInfra } from './infra';

jest.setTimeout(300_000);

let infra: RunningInfra;
let ownRunDir: string | undefined;
let writer: string;
let reader: string;
let outsider: string;

beforeAll(async () => {
  const shared = readInfraConnection();
  if (shared && Object.keys(shared.kafka.users).length >= 3) {
    infra = { ...shared, reused: true, stop: async () => {} };
  } else {
    ownRunDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-infra-test-'));
    infra = await startInfra({
      users: ['it-writer', 'it-reader', 'it-outsider'],
      runDir: ownRunDir,
    });
  }
  [writer, reader, outsider] = Object.keys(infra.kafka.users);
});

afterAll(async () => {
  await infra?.stop();
  if (ownRunDir) {
    fs.rmSync(ownRunDir, { recursive: true, force: true });
  }
});

function client(username: string, password = infra.kafka.users[username]) {
  return new Kafka({
    clientId: `dev-infra-test-${username}`,
    brokers: infra.kafka.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
    sasl: { mechanism: 'plain', username, password },
  });
}

function adminClient() {
  const { username, password } = infra.kafka.sasl;
  return client(username, password).admin();
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** ACL changes apply asynchronously: retry while the broker still says "not authorized". */
async function retryWhileUnauthorized<T>(
  fn: () => Promise<T>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      const unauthorized = errorTypes(e).some(t =>
        t.endsWith('_AUTHORIZATION_FAILED'),
      );
      if (!unauthorized || Date.now() > deadline) {
        throw e;
      }
      await sleep(250);
    }
  }
}

const unique = () =>
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

interface Fixture {
  topic: string;
  groupPrefix: string;
}

/** Creates a fresh topic; writer gets WRITE, reader READ on it and READ on prefixed groups. */
async function topicWithAcls(admin: Admin): Promise<Fixture> {
  const id = unique();
  const topic = `dev-infra-it.${id}`;
  const groupPrefix = `dev-infra-it.${id}.`;
  await admin.createTopics({
    topics: [{ topic, numPartitions: 1 }],
    waitForLeaders: true,
  });
  const allow = {
    host: '*',
    permissionType: AclPermissionTypes.ALLOW,
  };
  await admin.createAcls({
    acl: [
      {
        ...allow,
        resourceType: AclResourceTypes.TOPIC,
        resourceName: topic,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${writer}`,
        operation: AclOperationTypes.WRITE,
      },
      {
        ...allow,
        resourceType: AclResourceTypes.TOPIC,
        resourceName: topic,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${reader}`,
        operation: AclOperationTypes.READ,
      },
      {
        ...allow,
        resourceType: AclResourceTypes.GROUP,
        resourceName: groupPrefix,
        resourcePatternType: ResourcePatternTypes.PREFIXED,
        principal: `User:${reader}`,
        operation: AclOperationTypes.READ,
      },
    ],
  });
  return { topic, groupPrefix };
}

async function produce(username: string, topic: string, values: string[]) {
  const producer = client(username).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: values.map(value => ({ key: 'k', value })),
    });
  } finally {
    await producer.disconnect();
  }
}

async function consume(
  username: string,
  topic: string,
  groupId: string,
  count: number,
) {
  const consumer = client(username).consumer({ groupId });
  const received: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `Timed out consuming ${topic}: got ${received.length}/${count}`,
            ),
          ),
        30_000,
      );
      consumer.on(consumer.events.CRASH, event => {
        clearTimeout(timer);
        reject(event.payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            received.push(message.value?.toString() ?? '');
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    return received;
  } finally {
    await consumer.disconnect();
  }
}

describe('local Kafka with ACLs', () => {
  it('runs a SASL_PLAINTEXT broker that the admin can describe', async () => {
    const admin = adminClient();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers).toHaveLength(1);
      expect(infra.kafka.brokers).toEqual([
        `${cluster.brokers[0].host}:${cluster.brokers[0].port}`,
      ]);
      expect(infra.kafka.sasl).toMatchObject({
        mechanism: 'plain',
        username: 'admin',
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('lets the admin create a topic and ACLs', async () => {
    const admin = adminClient();
    await admin.connect();
    try {
      const { topic, groupPrefix } = await topicWithAcls(admin);
      expect(await admin.listTopics()).toContain(topic);
      const acls = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const names = acls.resources.map(r => r.resourceName);
      expect(names).toEqual(expect.arrayContaining([topic, groupPrefix]));
    } finally {
      await admin.disconnect();
    }
  });

  it('lets a user with WRITE produce and a user with READ consume through a group', async () => {
    const admin = adminClient();
    await admin.connect();
    let fixture: Fixture;
    try {
      fixture = await topicWithAcls(admin);
    } finally {
      await admin.disconnect();
    }
    const values = ['one', 'two', 'three'];
    await retryWhileUnauthorized(() => produce(writer, fixture.topic, values));
    const received = await retryWhileUnauthorized(() =>
      consume(
        reader,
        fixture.topic,
        `${fixture.groupPrefix}consumer`,
        values.length,
      ),
    );
    expect(received).toEqual(values);

    // The group committed its offsets: the admin sees it at the end of the topic.
    const admin2 = adminClient();
    await admin2.connect();
    try {
      const offsets = await admin2.fetchOffsets({
        groupId: `${fixture.groupPrefix}consumer`,
        topics: [fixture.topic],
      });
      expect(offsets[0].partitions[0].offset).toBe(String(values.length));
    } finally {
      await admin2.disconnect();
    }
  });

  it('denies a user without ACLs with TOPIC_AUTHORIZATION_FAILED', async () => {
    const admin = adminClient();
    await admin.connect();
    let fixture: Fixture;
    try {
      fixture = await topicWithAcls(admin);
    } finally {
      await admin.disconnect();
    }
    // Wait until the ACLs are live (the writer can produce), then try as the outsider.
    await retryWhileUnauthorized(() => produce(writer, fixture.topic, ['ok']));

    const produceError = await produce(outsider, fixture.topic, ['nope']).then(
      () => undefined,
      e => e,
    );
    expect(errorTypes(produceError)).toContain('TOPIC_AUTHORIZATION_FAILED');

    const consumeError = await consume(
      outsider,
      fixture.topic,
      `${fixture.groupPrefix}outsider`,
      1,
    ).then(
      () => undefined,
      e => e,
    );
    expect(errorTypes(consumeError)).toEqual(
      expect.arrayContaining([expect.stringMatching(/_AUTHORIZATION_FAILED$/)]),
    );

    // Nor may the reader write.
    const readerError = await produce(reader, fixture.topic, ['nope']).then(
      () => undefined,
      e => e,
    );
    expect(errorTypes(readerError)).toContain('TOPIC_AUTHORIZATION_FAILED');
  });

  it('rejects a wrong password', async () => {
    const admin = new Kafka({
      brokers: infra.kafka.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'plain', username: writer, password: 'wrong' },
    }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL|[Aa]uthentication/);
    await admin.disconnect();
  });
});

describe('local schema registry', () => {
  it('is ready and serves the Confluent-compatible API', async () => {
    const health = await fetch(infra.registry.healthUrl);
    expect(health.status).toBe(200);
    const subjects = await fetch(`${infra.registry.url}/subjects`);
    expect(subjects.status).toBe(200);
    expect(Array.isArray(await subjects.json())).toBe(true);
  });

  it('allows deletes through the registry API', async () => {
    const subject = `dev-infra-it.${unique()}-value`;
    const registered = await fetch(
      `${infra.registry.url}/subjects/${subject}/versions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: JSON.stringify({ type: 'string' }) }),
      },
    );
    expect(registered.status).toBe(200);
    const deleted = await fetch(
      `${infra.registry.apiUrl}/groups/default/artifacts/${encodeURIComponent(
        subject,
      )}`,
      { method: 'DELETE' },
    );
    expect(deleted.status).toBe(204);
  });
});
