/*
 * Copyright 2026 The Meshport Authors
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
import { InfraConnection, kafkaErrorTypes } from '@meshport/dev-infra';
import { Kafka, logLevel } from 'kafkajs';

/** What a reader saw: the first message's value, or why it was refused. */
export type ReadOutcome =
  | { read: true; value: string }
  | { read: false; errorTypes: string[]; message: string };

/**
 * Reads the first message of `topic` as the SASL user `username`, through the
 * consumer group `groupId` (which must be under the user's app-id prefix to be
 * allowed), waiting at most `timeoutMs` for it. A refusal by the broker's
 * authorizer comes back as `read: false` with the Kafka error types.
 */
export async function readFirstMessage(
  infra: InfraConnection,
  options: {
    username: string;
    groupId: string;
    topic: string;
    timeoutMs?: number;
  },
): Promise<ReadOutcome> {
  const { username, groupId, topic, timeoutMs = 30_000 } = options;
  const kafka = new Kafka({
    clientId: `specmesh-access-it-${username}`,
    brokers: infra.kafka.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 1, initialRetryTime: 100 },
    sasl: {
      mechanism: 'plain',
      username,
      password: infra.kafka.users[username],
    },
  });
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 100,
    retry: { retries: 0 },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<ReadOutcome>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`No message from ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer.on(consumer.events.CRASH, event => reject(event.payload.error));
      consumer
        .run({
          eachMessage: async ({ message }) => {
            resolve({ read: true, value: message.value?.toString() ?? '' });
          },
        })
        .catch(reject);
    });
  } catch (error) {
    const errorTypes = kafkaErrorTypes(error);
    if (!errorTypes.some(type => type.endsWith('AUTHORIZATION_FAILED'))) {
      throw error;
    }
    return { read: false, errorTypes, message: (error as Error).message };
  } finally {
    if (timer) clearTimeout(timer);
    await consumer.disconnect().catch(() => {});
  }
}
