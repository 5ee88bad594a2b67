/*
 * A small, steady producer/consumer load for the demo portal, so that chargeback has something
 * real to measure: each flow produces or consumes as the data product's own SASL user, through
 * the ACLs provisioning created. Records are plain JSON bytes: chargeback counts bytes and
 * offsets, and the broker does not check schemas.
 */
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { InfraConnection } from './envFile';

/** Who produces to which topic, and how much per tick. */
export interface DemoProducerFlow {
  user: string;
  topic: string;
  recordsPerTick: number;
  recordBytes: number;
}

/** Which consumer group (of which user) reads which topic. */
export interface DemoConsumerFlow {
  user: string;
  group: string;
  topic: string;
  /**
   * At most this many records a second, for a group that reads slower than the topic
   * grows, so that consumer lag has something to show; default as fast as it can.
   */
  recordsPerSecond?: number;
}

export interface DemoLoadPlan {
  tickMs: number;
  producers: DemoProducerFlow[];
  consumers: DemoConsumerFlow[];
}

export interface RunningDemoLoad {
  stop(): Promise<void>;
}

/** How often each consumer group commits what it has read. */
const COMMIT_INTERVAL_MS = 5_000;

function clientFor(connection: InfraConnection, user: string): Kafka {
  const password =
    user === connection.kafka.sasl.username
      ? connection.kafka.sasl.password
      : connection.kafka.users[user];
  if (!password) {
    throw new Error(
      `The local broker has no SASL user "${user}": start it with --users including it.`,
    );
  }
  return new Kafka({
    clientId: `meshport-demo-load-${user}`,
    brokers: connection.kafka.brokers,
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'plain', username: user, password },
  });
}

function record(flow: DemoProducerFlow, sequence: number) {
  const body = JSON.stringify({ sequence, topic: flow.topic, at: Date.now() });
  return { key: String(sequence), value: body.padEnd(flow.recordBytes, ' ') };
}

/** Waits until the topics exist: the portal's reconcile creates them shortly after it starts. */
async function waitForTopics(
  connection: InfraConnection,
  topics: string[],
  timeoutMs: number,
  log: (message: string) => void,
) {
  const admin = clientFor(connection, connection.kafka.sasl.username).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter(t => !existing.has(t));
      if (!missing.length) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Topics still missing after ${timeoutMs / 1000} s: ${missing.join(
            ', ',
          )}`,
        );
      }
      log(`Waiting for the portal to provision ${missing.length} topic(s)…`);
      await new Promise(r => setTimeout(r, 5000));
    }
  } finally {
    await admin.disconnect();
  }
}

function pauseBetweenRecords(flow: DemoConsumerFlow): number {
  const rate = flow.recordsPerSecond;
  if (rate === undefined) return 0;
  if (!(rate > 0)) {
    throw new Error(
      `Invalid recordsPerSecond ${rate} for group "${flow.group}": use a number above 0, or leave it out to read at full speed`,
    );
  }
  return 1000 / rate;
}

export async function startDemoLoad(
  connection: InfraConnection,
  plan: DemoLoadPlan,
  options: { waitForTopicsMs?: number; log?: (message: string) => void } = {},
): Promise<RunningDemoLoad> {
  const log = options.log ?? (() => {});
  const topics = [
    ...new Set([
      ...plan.producers.map(p => p.topic),
      ...plan.consumers.map(c => c.topic),
    ]),
  ];
  await waitForTopics(
    connection,
    topics,
    options.waitForTopicsMs ?? 300_000,
    log,
  );

  const producers: Array<{ flow: DemoProducerFlow; producer: Producer }> = [];
  for (const flow of plan.producers) {
    const producer = clientFor(connection, flow.user).producer();
    await producer.connect();
    producers.push({ flow, producer });
  }
  const consumers: Consumer[] = [];
  for (const flow of plan.consumers) {
    const consumer = clientFor(connection, flow.user).consumer({
      groupId: flow.group,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: flow.topic, fromBeginning: true });
    const pauseMs = pauseBetweenRecords(flow);
    await consumer.run({
      // kafkajs commits at the end of each fetched batch by default; a slow group's batch
      // can take minutes, and its lag would show where it was, not where it is.
      autoCommitInterval: COMMIT_INTERVAL_MS,
      eachMessage: pauseMs
        ? () => new Promise(resolve => setTimeout(resolve, pauseMs))
        : async () => {},
    });
    consumers.push(consumer);
  }

  let sequence = 0;
  const tick = async () => {
    await Promise.all(
      producers.map(({ flow, producer }) =>
        producer.send({
          topic: flow.topic,
          messages: Array.from({ length: flow.recordsPerTick }, () =>
            record(flow, sequence++),
          ),
        }),
      ),
    ).catch(error => log(`Producing failed: ${error.message}`));
  };
  await tick();
  const timer = setInterval(tick, plan.tickMs);
  log(
    `Producing to ${producers.length} and consuming from ${consumers.length} topic flow(s) every ${plan.tickMs} ms`,
  );

  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([
        ...producers.map(p => p.producer.disconnect()),
        ...consumers.map(c => c.disconnect()),
      ]);
    },
  };
}
