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
/*
 * A deterministic trigger inside an apply, for tests of what happens when the cluster changes
 * half-way through one: the apply's own requests, not the clock, decide when it fires.
 */
import type { KafkaProvisioningAdmin } from '../ports';

/**
 * Wraps a Kafka admin so that `between` runs once the apply's topic creations have returned
 * and before any other change is sent: createTopics goes through at once; partition
 * increases, config updates, deletions and ACL changes wait for the creations and `between`
 * (an apply without creations never sends them). Reads and awaitChanges go straight through.
 */
export function afterTopicCreation(
  inner: KafkaProvisioningAdmin,
  between: () => Promise<void>,
): KafkaProvisioningAdmin {
  let created!: () => void;
  const creations = new Promise<void>(resolve => {
    created = resolve;
  });
  let fired: Promise<void> | undefined;
  const gate = () => (fired ??= creations.then(between));
  const gated =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await gate();
      return call(...args);
    };
  return {
    describeNamespace: (...args) => inner.describeNamespace(...args),
    createTopics: async topics => {
      try {
        return await inner.createTopics(topics);
      } finally {
        created();
      }
    },
    createPartitions: gated(increases => inner.createPartitions(increases)),
    replaceTopicConfigs: gated(updates => inner.replaceTopicConfigs(updates)),
    deleteTopics: gated(topics => inner.deleteTopics(topics)),
    createAcls: gated(bindings => inner.createAcls(bindings)),
    deleteAcls: gated(bindings => inner.deleteAcls(bindings)),
    awaitChanges: async changes => inner.awaitChanges?.(changes),
  };
}
