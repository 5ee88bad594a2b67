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
import type {
  DesiredSchema,
  DesiredState,
} from '@meshport/plugin-specmesh-common';
import { sameSchemaContent } from '../plan/schemaContent';
import type { LiveState, LiveSubject, SchemaCheck } from '../plan/types';
import { mapWithConcurrency } from './mapWithConcurrency';
import type {
  KafkaProvisioningAdmin,
  SchemaRegistryAdmin,
  SchemaText,
} from './ports';

/** Registry calls in flight at once while reading subjects. */
const REGISTRY_CONCURRENCY = 8;

/**
 * The collaborators provisioning talks to. Without a registry, schema items are
 * blocked.
 *
 * @public
 */
export interface ProvisioningAdmins {
  kafka: KafkaProvisioningAdmin;
  registry?: SchemaRegistryAdmin;
}

/**
 * Takes the snapshot the planner diffs against: the namespace's topics and
 * bindings from Kafka (and the broker count, when the spec asks for more than
 * one replica somewhere), and, for each desired
 * subject that exists, its latest version, its compatibility level and, when
 * the desired schema differs, the registry's compatibility verdict (RULES §4:
 * checked in the plan, before anything is applied).
 *
 * Throws when Kafka cannot be read: a plan is never made from half a picture of
 * the cluster. A registry that cannot be read makes `registryError` instead, so
 * that what does not depend on a schema can still be planned and applied. Both
 * reads are settled before it returns or throws: no request is left running
 * against a connection its caller is about to close.
 *
 * @public
 */
export async function readLiveState(
  desired: DesiredState,
  admins: ProvisioningAdmins,
): Promise<LiveState> {
  // Only a spec that asks for replicas can ask for more than there are brokers.
  const brokerCount = desired.topics.some(
    topic => topic.replicas !== null && topic.replicas > 1,
  );
  const [cluster, registry] = await Promise.allSettled([
    admins.kafka.describeNamespace(desired.appId, desired.principal, {
      brokerCount,
    }),
    readSubjects(desired.schemas, admins.registry),
  ]);
  if (cluster.status === 'rejected') throw cluster.reason;
  if (registry.status === 'rejected') {
    return { ...cluster.value, registryError: messageOf(registry.reason) };
  }
  return { ...cluster.value, ...registry.value };
}

/**
 * The registry's side of the live state: the latest version and compatibility
 * of each of the spec's subjects that exists. `existing` is the registry's
 * subject list when the caller has read it already (a snapshot of many specs).
 *
 * The list only spares reads; it never decides that a subject is missing. A
 * registry may list fewer subjects than it holds (Apicurio's Confluent API lists
 * at most `apicurio.ccompat.max-subjects`, 1,000 by default), so a declared
 * subject that is not listed is read on its own, and is missing only when that
 * read finds nothing (404). With a complete list, that is one read per subject
 * that is really new.
 */
export async function readSubjects(
  schemas: readonly DesiredSchema[],
  registry: SchemaRegistryAdmin | undefined,
  existingSubjects?: ReadonlySet<string>,
): Promise<Pick<LiveState, 'subjects' | 'schemaChecks'>> {
  if (!registry) return {};
  if (schemas.length === 0) return { subjects: [], schemaChecks: {} };

  const existing = existingSubjects ?? new Set(await registry.listSubjects());
  const wanted = [
    ...new Map(schemas.map(schema => [schema.subject, schema])).values(),
  ];

  const read = await mapWithConcurrency(
    wanted,
    REGISTRY_CONCURRENCY,
    async schema => {
      const [latest, compatibility] = await readSubject(
        registry,
        schema.subject,
        existing.has(schema.subject),
      );
      if (!latest) return undefined;
      const subject: LiveSubject = {
        ...latest,
        ...(compatibility ? { compatibility } : {}),
      };
      const text = schema.schema;
      const check =
        text !== undefined &&
        differs({ schemaType: schema.schemaType, schema: text }, subject)
          ? await checkSchema(
              registry,
              schema.subject,
              { schemaType: schema.schemaType, schema: text },
              latest.version,
            )
          : undefined;
      return { subject, check };
    },
  );

  const subjects: LiveSubject[] = [];
  const schemaChecks: Record<string, SchemaCheck> = {};
  for (const entry of read) {
    if (!entry) continue;
    subjects.push(entry.subject);
    if (entry.check) schemaChecks[entry.subject.subject] = entry.check;
  }
  return { subjects, schemaChecks };
}

/**
 * A subject's latest version and compatibility level: both at once when the
 * registry listed the subject; otherwise the latest version first, and the level
 * only when the subject exists after all (a list cut short by the registry).
 */
async function readSubject(
  registry: SchemaRegistryAdmin,
  subject: string,
  listed: boolean,
): Promise<[LiveSubject | undefined, string | undefined]> {
  if (listed) {
    return Promise.all([
      registry.latestSchema(subject),
      registry.compatibilityLevel(subject),
    ]);
  }
  const latest = await registry.latestSchema(subject);
  if (!latest) return [undefined, undefined];
  return [latest, await registry.compatibilityLevel(subject)];
}

function differs(schema: SchemaText, live: LiveSubject): boolean {
  return (
    schema.schemaType !== live.schemaType ||
    !sameSchemaContent(live.schema, schema.schema, schema.schemaType)
  );
}

/**
 * Asks the registry whether it already holds the schema (it may store a
 * reformatted text) and, if not as the latest version, whether it is compatible.
 * An error answer (an invalid schema, say) becomes the check's error; no answer
 * at all is the registry's error (see {@link readLiveState}).
 */
async function checkSchema(
  registry: SchemaRegistryAdmin,
  subject: string,
  schema: SchemaText,
  latestVersion: number,
): Promise<SchemaCheck> {
  try {
    const registeredVersion = await registry.findVersion(subject, schema);
    if (registeredVersion === latestVersion) return { registeredVersion };
    const verdict = await registry.checkCompatibility(subject, schema);
    return {
      ...(registeredVersion !== undefined ? { registeredVersion } : {}),
      compatible: verdict.compatible,
      messages: verdict.messages,
    };
  } catch (error) {
    if (typeof (error as { status?: unknown }).status === 'number') {
      return { error: (error as Error).message };
    }
    throw error;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
