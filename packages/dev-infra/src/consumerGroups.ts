import type { Admin, Consumer, Kafka } from 'kafkajs';

/**
 * A consumer that joins `groupId`, reads `topic` from the beginning and
 * commits every 100 ms: consumption a test can then measure. Disconnect it
 * when done.
 */
export async function startCommittingConsumer(
  kafka: Kafka,
  options: { groupId: string; topic: string },
): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({ autoCommitInterval: 100, eachMessage: async () => {} });
  return consumer;
}

/** Waits until every group has committed `offset` on every partition of `topic`. */
export async function waitForCommittedOffset(
  admin: Admin,
  options: {
    groupIds: readonly string[];
    topic: string;
    offset: number;
    timeoutMs?: number;
  },
): Promise<void> {
  const { groupIds, topic, offset, timeoutMs = 60_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const committed = await Promise.all(
      groupIds.map(groupId => admin.fetchOffsets({ groupId, topics: [topic] })),
    );
    if (
      committed.every(([{ partitions }]) =>
        partitions.every(p => p.offset === String(offset)),
      )
    ) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Groups ${groupIds.join(
          ', ',
        )} did not commit offset ${offset} on ${topic} in ${
          timeoutMs / 1000
        } s`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
