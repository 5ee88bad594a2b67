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

/* The reconcile-scale bench's setup and clean-up on the local broker. */
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import type {
  ConfluentSchemaRegistryAdmin,
  KafkaClusterAdmin,
  Plan,
  Provisioner,
} from '@meshport/plugin-specmesh-node';

/** Data products provisioned per merged apply while setting up (their schemas). */
const SETUP_CHUNK = 100;
/** Tries of a chunk's merged apply. */
const SETUP_ATTEMPTS = 4;
/** Topics or bindings per create or delete request. */
const BATCH = 1000;

function merged(plans: Plan[]): Plan {
  return { appId: 'rscale', items: plans.flatMap(plan => plan.items) };
}

/**
 * Provisions the data products quickly: topics and bindings in big batches,
 * then, once the cluster serves them, the schemas through merged applies.
 */
export async function provisionAll(
  kafka: KafkaClusterAdmin,
  provisioner: Provisioner,
  states: DesiredState[],
) {
  const namespaces = states.map(({ appId, principal }) => ({
    appId,
    principal,
  }));
  const existing = new Set(
    (await kafka.describeNamespaces(namespaces)).flatMap(live =>
      live.topics.map(topic => topic.name),
    ),
  );
  const topics = states
    .flatMap(state => state.topics)
    .filter(topic => !existing.has(topic.name));
  const acls = states.flatMap(state => state.acls);
  for (const [items, create] of [
    [topics, (batch: any[]) => kafka.createTopics(batch)],
    [acls, (batch: any[]) => kafka.createAcls(batch)],
  ] as const) {
    for (let i = 0; i < items.length; i += BATCH) {
      // A topic left by an interrupted run is no failure.
      const failures = [...(await create(items.slice(i, i + BATCH)))].filter(
        ([, message]) => !/already exists/i.test(message),
      );
      if (failures.length > 0) {
        throw new Error(`Setup: ${failures.slice(0, 3).join('; ')}`);
      }
    }
  }
  const wanted = states.flatMap(state => state.topics.map(topic => topic.name));
  const deadline = Date.now() + 600_000;
  for (;;) {
    const served = new Set(
      (await kafka.describeNamespaces(namespaces)).flatMap(live =>
        live.topics.map(topic => topic.name),
      ),
    );
    if (wanted.every(name => served.has(name))) break;
    if (Date.now() > deadline) throw new Error('Setup: topics not served');
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  for (let start = 0; start < states.length; start += SETUP_CHUNK) {
    const chunk = states.slice(start, start + SETUP_CHUNK);
    // A registry slowed by a busy machine times out now and then: plan the
    // chunk again, which leaves out what the last attempt did register.
    for (let attempt = 1; ; attempt++) {
      const result = await provisioner.apply(
        merged(await provisioner.planMany(chunk)),
      );
      const failed = result.items.filter(item => item.state === 'FAILED');
      if (failed.length === 0) break;
      if (attempt === SETUP_ATTEMPTS) {
        throw new Error(`Setup failed: ${JSON.stringify(failed.slice(0, 3))}`);
      }
    }
  }
}

/** Deletes the bench's topics, bindings and subjects. */
export async function removeAll(
  kafka: KafkaClusterAdmin,
  registry: ConfluentSchemaRegistryAdmin,
  registryUrl: string,
  states: DesiredState[],
) {
  const topics = (
    await kafka.describeNamespaces(
      states.map(({ appId, principal }) => ({ appId, principal })),
    )
  ).flatMap(live => live.topics.map(topic => topic.name));
  for (let i = 0; i < topics.length; i += BATCH) {
    await kafka.deleteTopics(topics.slice(i, i + BATCH)).catch(() => undefined);
  }
  const acls = states.flatMap(state => state.acls);
  for (let i = 0; i < acls.length; i += BATCH) {
    await kafka.deleteAcls(acls.slice(i, i + BATCH)).catch(() => undefined);
  }
  const existing = new Set(await registry.listSubjects());
  for (const subject of states.flatMap(state =>
    state.schemas.map(schema => schema.subject),
  )) {
    if (!existing.has(subject)) continue;
    // Soft, then hard: Apicurio's Confluent API wants both, as Confluent's.
    for (const suffix of ['', '?permanent=true']) {
      await fetch(
        `${registryUrl}/subjects/${encodeURIComponent(subject)}${suffix}`,
        { method: 'DELETE' },
      ).catch(() => undefined);
    }
  }
}
