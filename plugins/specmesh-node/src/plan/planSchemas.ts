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
import type { DesiredSchema } from '@meshport/plugin-specmesh-common';
import { sameSchemaContent } from './schemaContent';
import type {
  CompatibilityLevel,
  LiveState,
  LiveSubject,
  PlanChange,
  PlannedSchema,
  SchemaCheck,
  SchemaPlanItem,
} from './types';

/**
 * Schema items (RULES §4–5): new subjects are created with the configured
 * compatibility; a changed schema is an update when the registry finds it
 * compatible and blocked, with the registry's message, when it does not.
 * A managed subject whose compatibility differs from the configured one is
 * updated to it. When the registry could not be read, every schema is blocked
 * with the registry's message (and fails with it at apply).
 */
export function planSchemas(
  desired: readonly DesiredSchema[],
  live: Pick<LiveState, 'subjects' | 'schemaChecks' | 'registryError'>,
  compatibility: CompatibilityLevel,
): SchemaPlanItem[] {
  const liveBySubject = new Map(
    (live.subjects ?? []).map(subject => [subject.subject, subject]),
  );
  const seen = new Set<string>();
  const items: SchemaPlanItem[] = [];

  for (const schema of desired) {
    if (seen.has(schema.subject)) continue;
    seen.add(schema.subject);
    const after: PlannedSchema = { ...schema, compatibility };
    const base = { kind: 'schema' as const, key: schema.subject, after };

    if (live.subjects === undefined && live.registryError === undefined) {
      items.push({
        ...base,
        state: 'BLOCKED',
        reason:
          'No schema registry is configured for this cluster, so the schema cannot be ' +
          "checked or registered. Configure the cluster's schema registry.",
      });
      continue;
    }
    if (schema.schema === undefined) {
      items.push({
        ...base,
        state: 'BLOCKED',
        reason:
          `The schema text${
            schema.ref ? ` of ${schema.ref}` : ''
          } was not loaded. ` +
          'Plan from the spec file so that its schema files are read.',
      });
      continue;
    }
    if (live.registryError !== undefined) {
      items.push({
        ...base,
        state: 'BLOCKED',
        registryError: live.registryError,
        reason: `${sentence(
          live.registryError,
        )} The schema was neither checked nor registered: plan again once the registry answers.`,
      });
      continue;
    }

    const existing = liveBySubject.get(schema.subject);
    items.push(
      existing
        ? planExistingSubject(
            base,
            schema.schema,
            existing,
            live.schemaChecks?.[schema.subject],
          )
        : {
            ...base,
            state: 'CREATE',
            changes: [{ field: 'compatibility', after: compatibility }],
          },
    );
  }

  return items.sort((a, b) => a.key.localeCompare(b.key));
}

function planExistingSubject(
  base: Pick<SchemaPlanItem, 'kind' | 'key'> & { after: PlannedSchema },
  text: string,
  live: LiveSubject,
  check: SchemaCheck | undefined,
): SchemaPlanItem {
  const { after } = base;
  const item = { ...base, before: live };
  const changes: PlanChange[] = [];

  const schemaChanged =
    live.schemaType !== after.schemaType ||
    !(
      sameSchemaContent(live.schema, text, after.schemaType) ||
      check?.registeredVersion === live.version
    );
  if (schemaChanged) {
    changes.push({
      field: 'schema',
      before: `version ${live.version}`,
      after: 'new version',
    });
  }
  if (live.compatibility !== after.compatibility) {
    changes.push({
      field: 'compatibility',
      ...(live.compatibility !== undefined
        ? { before: live.compatibility }
        : {}),
      after: after.compatibility,
    });
  }

  if (schemaChanged) {
    if (check?.compatible === undefined) {
      return {
        ...item,
        state: 'BLOCKED',
        changes,
        reason: `The registry could not check the new schema's compatibility: ${
          check?.error ?? 'no check was made'
        }.`,
      };
    }
    if (!check.compatible) {
      const details = check.messages?.length
        ? check.messages.join('; ')
        : 'the registry gave no details';
      return {
        ...item,
        state: 'BLOCKED',
        changes,
        reason:
          `The new schema is not compatible with the registered versions of ${live.subject} ` +
          `(compatibility ${
            live.compatibility ?? 'unknown'
          }): ${details}. Make the change ` +
          'compatible (for example add fields with defaults), or register it under a new subject.',
      };
    }
  }

  return changes.length > 0
    ? { ...item, state: 'UPDATE', changes }
    : { ...item, state: 'UNCHANGED' };
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
