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
import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { dateOf } from './migrateDatabase';

const TABLE = 'specmesh_locks';
const MAX_ATTEMPTS = 3;
const EXPIRY_KEY = 'specmesh.applyLock.expirySeconds';
/** Long enough for a loaded database to answer a few heartbeats in time. */
const DEFAULT_EXPIRY_SECONDS = 120;
const MIN_EXPIRY_SECONDS = 2;
/** Heartbeats per expiry: a lock survives a few late ones. */
const HEARTBEATS_PER_EXPIRY = 4;

/**
 * How long an apply's lock outlives its replica (`specmesh.applyLock.expirySeconds`),
 * in milliseconds. A running apply renews its lock a few times per expiry, so
 * the expiry bounds only how long a crashed replica's lock blocks the app-id.
 */
export function readApplyLockExpiryMs(config: Config): number {
  const seconds =
    config.getOptionalNumber(EXPIRY_KEY) ?? DEFAULT_EXPIRY_SECONDS;
  if (!(seconds >= MIN_EXPIRY_SECONDS)) {
    throw new InputError(
      `Invalid ${EXPIRY_KEY} ${seconds}: use a number of seconds of at least ${MIN_EXPIRY_SECONDS} (default ${DEFAULT_EXPIRY_SECONDS})`,
    );
  }
  return Math.round(seconds * 1000);
}

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
      /** How long a lock holds without renewal (see {@link AppIdLocks.keepAlive}). */
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

  /**
   * Keeps `holder`'s lock from expiring until `stop` is called: renews it
   * every quarter of the expiry. A replica that dies stops renewing, and its
   * lock expires one expiry after the last renewal at most.
   */
  keepAlive(appId: string, holder: string): { stop(): void } {
    const timer = setInterval(() => {
      this.renew(appId, holder).catch(() => {
        // A missed renewal is retried at the next tick; the expiry allows for a few.
      });
    }, this.options.ttlMs / HEARTBEATS_PER_EXPIRY);
    timer.unref?.();
    return { stop: () => clearInterval(timer) };
  }

  /** Pushes `holder`'s lock's expiry one expiry ahead; false when it no longer has it. */
  async renew(appId: string, holder: string): Promise<boolean> {
    const updated = await this.knex<LockRow>(TABLE)
      .where({ app_id: appId, holder })
      .update({
        expires_at: new Date(this.now().getTime() + this.options.ttlMs),
      });
    return updated === 1;
  }

  /** Releases the lock if `holder` still has it. */
  async release(appId: string, holder: string): Promise<void> {
    await this.knex<LockRow>(TABLE).where({ app_id: appId, holder }).delete();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
