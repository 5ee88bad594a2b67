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
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import type { LiveState } from '../plan/types';
import { mapWithConcurrency } from './mapWithConcurrency';
import type { LiveNamespace } from './ports';
import {
  messageOf,
  ProvisioningAdmins,
  readLiveState,
  readSubjects,
} from './readLiveState';

/** Specs whose subjects are read at once (each reads up to 8 subjects at once). */
const SPEC_CONCURRENCY = 2;

/**
 * The live state of many specs on one cluster, read as one snapshot: the
 * cluster's topics, their configs and its ACL bindings in a fixed number of
 * requests (see `KafkaClusterAdmin.describeNamespaces`), the registry's subject
 * list once, then the latest version of only the subjects the specs declare
 * (one read for a declared subject the list leaves out, to tell a new subject
 * from one past the registry's list cap: see `readSubjects`). The answer is
 * aligned with `desired`.
 *
 * A snapshot is for planning: by the time a change is applied it may be stale,
 * so an apply plans afresh under its app-id's lock.
 *
 * A cluster that cannot be read throws; a registry that cannot be read marks the
 * specs with schemas (`registryError`), as {@link readLiveState} does.
 */
export async function readLiveStates(
  desired: readonly DesiredState[],
  admins: ProvisioningAdmins,
): Promise<LiveState[]> {
  if (desired.length === 0) return [];
  if (!admins.kafka.describeNamespaces) {
    // An adapter without batched reads: one read per spec, in turn.
    return mapWithConcurrency(desired, 1, spec => readLiveState(spec, admins));
  }
  const brokerCount = desired.some(spec =>
    spec.topics.some(topic => topic.replicas !== null && topic.replicas > 1),
  );
  const [cluster, registry] = await Promise.allSettled([
    admins.kafka.describeNamespaces(
      desired.map(({ appId, principal }) => ({ appId, principal })),
      brokerCount ? { brokerCount } : {},
    ),
    readSubjectLists(desired, admins),
  ]);
  if (cluster.status === 'rejected') throw cluster.reason;
  return desired.map((spec, index) => {
    const namespace: LiveNamespace = cluster.value[index];
    if (registry.status === 'rejected') {
      return spec.schemas.length > 0 && admins.registry
        ? { ...namespace, registryError: messageOf(registry.reason) }
        : { ...namespace, ...noSubjects(spec, admins) };
    }
    const subjects = registry.value[index];
    return 'error' in subjects
      ? { ...namespace, registryError: subjects.error }
      : { ...namespace, ...subjects };
  });
}

type SubjectsRead =
  | Pick<LiveState, 'subjects' | 'schemaChecks'>
  | { error: string };

/**
 * Each spec's subjects, after one list of the registry's subjects (which may be
 * cut short: `readSubjects` reads an unlisted subject before taking it for
 * missing).
 */
async function readSubjectLists(
  desired: readonly DesiredState[],
  { registry }: ProvisioningAdmins,
): Promise<SubjectsRead[]> {
  if (!registry) return desired.map(() => ({}));
  const needsList = desired.some(spec => spec.schemas.length > 0);
  const existing = needsList
    ? new Set(await registry.listSubjects())
    : new Set<string>();
  return mapWithConcurrency(desired, SPEC_CONCURRENCY, async spec => {
    try {
      return await readSubjects(spec.schemas, registry, existing);
    } catch (error) {
      // One spec's unreadable subject does not spoil the others' plans.
      return { error: messageOf(error) };
    }
  });
}

function noSubjects(
  spec: DesiredState,
  admins: ProvisioningAdmins,
): Pick<LiveState, 'subjects' | 'schemaChecks'> {
  return admins.registry && spec.schemas.length === 0
    ? { subjects: [], schemaChecks: {} }
    : {};
}
