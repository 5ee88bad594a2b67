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
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { dateOf } from './migrateDatabase';

const TABLE = 'specmesh_locks';
const MAX_ATTEMPTS = 3;

interface LockRow {
  app_id: string;
  holder: string;
  actor: string;
  acquired_at: Date | number | string;
  expires_at: Date | number | string;
}

/**
 * One apply per app-id at a time, across every replica sharing the database: a
 * row per app-id in `specmesh_locks`. Taking a lock inserts the row, or takes
 * over an expired one (a replica that crashed mid-apply) with a conditional
 * update; both are single atomic statements, so two replicas cannot both win.
 *
 * A second apply is refused at once with a ConflictError rather than queued: a
 * person who clicked twice or a pipeline that raced a colleague learns it right
 * away, and the reconcile simply tries again on its next run.
 */
export class AppIdLocks {
  constructor(
    private readonly knex: Knex,
    private readonly options: {
      /** How long a lock holds without release; longer than any apply. */
      ttlMs: number;
      now?: () => Date;
    },
  ) {}

  /** Takes the app-id's lock for `holder`, or throws a ConflictError naming who has it. */
  async acquire(appId: string, holder: string, actor: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (await this.tryTake(appId, holder, actor)) return;
      const current = await this.knex<LockRow>(TABLE)
        .where({ app_id: appId })
        .first();
      if (current) {
        throw new ConflictError(
          `An apply of app-id '${appId}' is already running (started by ${
            current.actor
          } at ${dateOf(
            current.acquired_at,
          ).toISOString()}): wait until it has finished, then try again`,
        );
      }
      // Released between our attempt and our look: try again, a few times.
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConflictError(
          `Applies of app-id '${appId}' are starting and finishing in quick succession: try again`,
        );
      }
    }
  }

  /** Inserts the lock row, or takes over an expired one; false when someone holds it. */
  private async tryTake(
    appId: string,
    holder: string,
    actor: string,
  ): Promise<boolean> {
    const now = this.now();
    const row: LockRow = {
      app_id: appId,
      holder,
      actor,
      acquired_at: now,
      expires_at: new Date(now.getTime() + this.options.ttlMs),
    };
    try {
      await this.knex<LockRow>(TABLE).insert(row);
      return true;
    } catch (error) {
      if (!isDatabaseConflictError(error)) throw error;
    }
    const tookOver = await this.knex<LockRow>(TABLE)
      .where({ app_id: appId })
      .andWhere('expires_at', '<', now)
      .update(row);
    return tookOver === 1;
  }

  /** Releases the lock if `holder` still has it. */
  async release(appId: string, holder: string): Promise<void> {
    await this.knex<LockRow>(TABLE).where({ app_id: appId, holder }).delete();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
