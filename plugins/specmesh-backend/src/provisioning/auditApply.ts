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
import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import type { ApplyRecord } from './types';

/**
 * Runs an apply inside an audit event `entity-apply`: who asked, for which
 * entity and why (a person, or the reconcile), then its id, cluster, outcome
 * and the count of items per state. An apply in which items failed, and one
 * that was refused or could not run, are audited as failures.
 */
export async function auditApply(
  auditor: AuditorService,
  context: {
    entityRef: string;
    actor: string;
    trigger: 'request' | 'reconcile';
    request?: Request<any, any, any, any, any>;
  },
  run: () => Promise<ApplyRecord>,
): Promise<ApplyRecord> {
  const meta = {
    entityRef: context.entityRef,
    actor: context.actor,
    trigger: context.trigger,
  };
  const event = await auditor.createEvent({
    eventId: 'entity-apply',
    severityLevel: 'medium',
    ...(context.request ? { request: context.request } : {}),
    meta,
  });
  let record: ApplyRecord;
  try {
    record = await run();
  } catch (error) {
    await event.fail({ error: error as Error, meta });
    throw error;
  }
  const outcome = {
    ...meta,
    applyId: record.id,
    appId: record.appId,
    cluster: record.cluster,
    status: record.status,
    items: countStates(record),
  };
  if (record.status === 'failed') {
    const failed = record.result?.items.filter(item => item.state === 'FAILED');
    await event.fail({
      error: new Error(
        record.error ??
          `${failed?.length ?? 0} item(s) failed: ${(failed ?? [])
            .map(item => `${item.kind} ${item.key}: ${item.message}`)
            .join('; ')}`,
      ),
      meta: outcome,
    });
  } else {
    await event.success({ meta: outcome });
  }
  return record;
}

function countStates(record: ApplyRecord): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of record.result?.items ?? []) {
    counts[item.state] = (counts[item.state] ?? 0) + 1;
  }
  return counts;
}
