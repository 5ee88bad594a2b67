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
import type { Admin, ITopicConfig } from 'kafkajs';

/*
 * kafkajs' `createTopics({ waitForLeaders: true })` retries only LEADER_NOT_AVAILABLE:
 * on a loaded machine the broker's metadata cache can still answer
 * UNKNOWN_TOPIC_OR_PARTITION for a topic the controller has just created, and the
 * test fails before its first assertion. This waits for every partition's leader
 * and takes either answer as "not yet".
 */

/** Creates the topics and returns once every partition of each has a leader. */
export async function createTestTopics(
  admin: Admin,
  topics: ITopicConfig[],
  timeoutMs = 60_000,
): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map(topic => topic.topic);
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      const led = metadata.topics.every(
        topic =>
          topic.partitions.length > 0 &&
          topic.partitions.every(partition => partition.leader >= 0),
      );
      if (led && metadata.topics.length === names.length) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Topics ${names.join(', ')} had no leaders after ${timeoutMs} ms${
          lastError instanceof Error ? ` (${lastError.message})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, pause));
  }
}
