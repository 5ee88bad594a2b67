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
import type { ApplyResult, Plan } from '@meshport/plugin-specmesh-node';
import type { Knex } from 'knex';
import type { ApplyRecord, ApplyStatus } from '../provisioning/types';
import { dateOf } from './migrateDatabase';

const TABLE = 'specmesh_applies';
const LOCKS = 'specmesh_locks';
const INTERRUPTED =
  'Interrupted: the backend running this apply stopped before it finished, and its ' +
  'app-id lock expired. The cluster may hold part of the changes; the next apply ' +
  'or reconcile plans again from what the cluster holds.';

interface ApplyRow {
  id: string;
  entity_ref: string;
  app_id: string;
  cluster: string;
  actor: string;
  started_at: Date | number | string;
  finished_at: Date | number | string | null;
  status: ApplyStatus;
  plan: string | null;
  result: string | null;
  error: string | null;
}

/**
 * The history of applies, in the `specmesh_applies` table: a row is written
 * when an apply starts and completed when it ends, so that an apply cut short
 * by a crash still shows as `running` rather than vanishing.
 */
export class ApplyHistoryStore {
  constructor(private readonly knex: Knex) {}

  async start(apply: {
    id: string;
    entityRef: string;
    appId: string;
    cluster: string;
    actor: string;
    startedAt: Date;
  }): Promise<void> {
    await this.knex<ApplyRow>(TABLE).insert({
      id: apply.id,
      entity_ref: apply.entityRef,
      app_id: apply.appId,
      cluster: apply.cluster,
      actor: apply.actor,
      started_at: apply.startedAt,
      status: 'running',
    });
  }

  async recordPlan(id: string, plan: Plan): Promise<void> {
    await this.knex<ApplyRow>(TABLE)
      .where({ id })
      .update({ plan: JSON.stringify(plan) });
  }

  async finish(
    id: string,
    outcome: {
      status: Exclude<ApplyStatus, 'running'>;
      result?: ApplyResult;
      error?: string;
      finishedAt: Date;
    },
  ): Promise<ApplyRecord> {
    await this.knex<ApplyRow>(TABLE)
      .where({ id })
      .update({
        status: outcome.status,
        finished_at: outcome.finishedAt,
        result: outcome.result ? JSON.stringify(outcome.result) : null,
        error: outcome.error ?? null,
      });
    const row = await this.knex<ApplyRow>(TABLE).where({ id }).first();
    if (!row) {
      throw new Error(`Apply ${id} vanished from ${TABLE}`);
    }
    return recordOf(row);
  }

  /**
   * Closes the applies left `running` by a backend that stopped mid-apply: as
   * failed, saying so. `appId` and `except`: the other running applies of an
   * app-id whose lock the caller holds (so none of them can still be alive).
   * Without them: every running apply whose lock is gone or expired, for the
   * reconcile's sweep. Returns how many it closed.
   */
  async closeInterrupted(
    now: Date,
    scope?: { appId: string; except: string },
  ): Promise<number> {
    const query = this.knex<ApplyRow>(TABLE).where({ status: 'running' });
    if (scope) {
      query.andWhere({ app_id: scope.appId }).andWhereNot({ id: scope.except });
    } else {
      query.whereNotExists(
        this.knex(LOCKS)
          .select('app_id')
          .whereRaw('??.?? = ??.??', [LOCKS, 'holder', TABLE, 'id'])
          .andWhere('expires_at', '>=', now),
      );
    }
    return query.update({
      status: 'failed',
      finished_at: now,
      error: INTERRUPTED,
    });
  }

  /** The entity's applies, newest first. */
  async list(
    entityRef: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: ApplyRecord[]; totalCount: number }> {
    const [rows, [{ count }]] = await Promise.all([
      this.knex<ApplyRow>(TABLE)
        .where({ entity_ref: entityRef })
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      this.knex(TABLE).where({ entity_ref: entityRef }).count({ count: '*' }),
    ]);
    return { items: rows.map(recordOf), totalCount: Number(count) };
  }
}

function recordOf(row: ApplyRow): ApplyRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    appId: row.app_id,
    cluster: row.cluster,
    actor: row.actor,
    startedAt: dateOf(row.started_at).toISOString(),
    ...(row.finished_at !== null
      ? { finishedAt: dateOf(row.finished_at).toISOString() }
      : {}),
    status: row.status,
    ...(row.plan !== null ? { plan: JSON.parse(row.plan) } : {}),
    ...(row.result !== null ? { result: JSON.parse(row.result) } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}
