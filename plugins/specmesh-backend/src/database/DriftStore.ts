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
import type { Knex } from 'knex';
import type {
  EntityStatus,
  OverallStatus,
  StatusItem,
} from '../provisioning/types';
import { dateOf } from './migrateDatabase';

const TABLE = 'specmesh_drift';

/**
 * The reconcile's verdict on one data product: its status, or `error` when it
 * could not be checked.
 *
 * @public
 */
export interface DriftRecord {
  entityRef: string;
  cluster: string;
  appId?: string;
  status: OverallStatus | 'error';
  /** ISO 8601. */
  checkedAt: string;
  /** ISO 8601: when the current drift was first seen. */
  driftedSince?: string;
  /** The items not in sync. */
  items: StatusItem[];
  /** The topics the check compared; absent for errors and older verdicts. */
  checkedTopics?: string[];
  error?: string;
}

interface DriftRow {
  entity_ref: string;
  cluster: string;
  app_id: string | null;
  status: DriftRecord['status'];
  checked_at: Date | number | string;
  drifted_since: Date | number | string | null;
  items: string | null;
  checked_topics: string | null;
  error: string | null;
}

/**
 * The reconcile's last verdict per data product and cluster, in
 * `specmesh_drift`. A drift keeps the time it was first seen for as long as it
 * lasts, so "drifted for three days" can be told from "drifted just now".
 */
export class DriftStore {
  constructor(private readonly knex: Knex) {}

  async record(verdict: {
    entityRef: string;
    cluster: string;
    appId?: string;
    status: DriftRecord['status'];
    checkedAt: Date;
    items?: StatusItem[];
    checkedTopics?: string[];
    error?: string;
  }): Promise<void> {
    const key = { entity_ref: verdict.entityRef, cluster: verdict.cluster };
    const previous = await this.knex<DriftRow>(TABLE).where(key).first();
    let driftedSince: Date | null = null;
    if (verdict.status === 'drifted') {
      driftedSince =
        previous?.status === 'drifted' && previous.drifted_since !== null
          ? dateOf(previous.drifted_since)
          : verdict.checkedAt;
    }
    const row = {
      ...key,
      app_id: verdict.appId ?? null,
      status: verdict.status,
      checked_at: verdict.checkedAt,
      drifted_since: driftedSince,
      items: JSON.stringify(verdict.items ?? []),
      checked_topics: verdict.checkedTopics
        ? JSON.stringify(verdict.checkedTopics)
        : null,
      error: verdict.error ?? null,
    };
    await this.knex(TABLE)
      .insert(row)
      .onConflict(['entity_ref', 'cluster'])
      .merge();
  }

  /** Records a comparison's verdict, keeping only the items not in sync. */
  async recordStatus(status: EntityStatus): Promise<void> {
    await this.record({
      entityRef: status.entityRef,
      cluster: status.cluster,
      appId: status.appId,
      status: status.status,
      checkedAt: new Date(status.checkedAt),
      items: status.items.filter(item => item.status !== 'in-sync'),
      checkedTopics: status.items
        .filter(item => item.kind === 'topic')
        .map(item => item.key),
    });
  }

  async get(
    entityRef: string,
    cluster: string,
  ): Promise<DriftRecord | undefined> {
    const row = await this.knex<DriftRow>(TABLE)
      .where({ entity_ref: entityRef, cluster })
      .first();
    return row && recordOf(row);
  }

  /** Every verdict, drifted first. */
  async list(): Promise<DriftRecord[]> {
    const rows = await this.knex<DriftRow>(TABLE).orderBy([
      'status',
      'entity_ref',
      'cluster',
    ]);
    return rows.map(recordOf);
  }
}

function recordOf(row: DriftRow): DriftRecord {
  return {
    entityRef: row.entity_ref,
    cluster: row.cluster,
    ...(row.app_id !== null ? { appId: row.app_id } : {}),
    status: row.status,
    checkedAt: dateOf(row.checked_at).toISOString(),
    ...(row.drifted_since !== null
      ? { driftedSince: dateOf(row.drifted_since).toISOString() }
      : {}),
    items: row.items ? JSON.parse(row.items) : [],
    ...(row.checked_topics !== null && row.checked_topics !== undefined
      ? { checkedTopics: JSON.parse(row.checked_topics) }
      : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}
