/*
 * Copyright 2026 The Meshport Authors
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
import { dateOf } from '../database/migrateDatabase';
import type {
  AccessRequestRecord,
  AccessRequestState,
  GrantCheckRecord,
} from './types';

const TABLE = 'specmesh_access_requests';
/** A list answers with at most this many requests, newest first. */
const LIST_LIMIT = 500;

type Time = Date | number | string;

interface AccessRequestRow {
  id: string;
  kind: AccessRequestRecord['kind'];
  topic: string;
  owner_entity_ref: string;
  owner_app_id: string;
  requester_entity_ref: string;
  requester_app_id: string;
  reason: string;
  state: AccessRequestState;
  pending_key: string | null;
  created_by: string;
  created_at: Time;
  decided_by: string | null;
  decided_at: Time | null;
  decision_comment: string | null;
  proposal: string | null;
  grant_check: string | null;
  updated_at: Time;
}

/** Filters of a list; all optional, combined with AND. */
export interface AccessRequestFilter {
  ownerEntityRef?: string;
  requesterEntityRef?: string;
  topic?: string;
  state?: AccessRequestState;
}

/**
 * Access requests and revocations in `specmesh_access_requests`. One pending
 * request per kind, topic and requester: the database holds that rule (a
 * unique key set only while pending), so concurrent requests merge too.
 */
export class AccessRequestStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Stores a pending request, or returns the pending one of the same kind,
   * topic and requester (`merged: true`), leaving it as it is.
   */
  async createPending(
    request: AccessRequestRecord,
  ): Promise<{ request: AccessRequestRecord; merged: boolean }> {
    const key = pendingKey(request);
    await this.knex(TABLE)
      .insert({ ...toRow(request), pending_key: key })
      .onConflict('pending_key')
      .ignore();
    const stored = await this.knex<AccessRequestRow>(TABLE)
      .where({ pending_key: key })
      .first();
    if (!stored) {
      // Decided between our insert and read: ours was the one stored.
      const own = await this.get(request.id);
      if (own) return { request: own, merged: false };
      throw new Error(`Access request ${request.id} could not be stored`);
    }
    return { request: fromRow(stored), merged: stored.id !== request.id };
  }

  /** Stores a request that is decided from the start (an owner's revocation). */
  async createDecided(request: AccessRequestRecord): Promise<void> {
    await this.knex(TABLE).insert(toRow(request));
  }

  async get(id: string): Promise<AccessRequestRecord | undefined> {
    const row = await this.knex<AccessRequestRow>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Newest first; at most {@link LIST_LIMIT}. */
  async list(filter: AccessRequestFilter): Promise<AccessRequestRecord[]> {
    const query = this.knex<AccessRequestRow>(TABLE);
    if (filter.ownerEntityRef) {
      query.where('owner_entity_ref', filter.ownerEntityRef);
    }
    if (filter.requesterEntityRef) {
      query.where('requester_entity_ref', filter.requesterEntityRef);
    }
    if (filter.topic) query.where('topic', filter.topic);
    if (filter.state) query.where('state', filter.state);
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(LIST_LIMIT);
    return rows.map(fromRow);
  }

  /** The requests whose grant is awaited: approved, not yet in force or gone. */
  async listAwaitingGrant(): Promise<AccessRequestRecord[]> {
    const rows = await this.knex<AccessRequestRow>(TABLE)
      .where('state', 'approved')
      .orderBy('created_at', 'asc');
    return rows.map(fromRow);
  }

  /**
   * Records a decision on a pending request. False when it is no longer
   * pending (someone decided first): the database decides the race.
   */
  async decide(
    id: string,
    decision: {
      state: AccessRequestState;
      decidedBy: string;
      decidedAt: Date;
      comment?: string;
    },
  ): Promise<boolean> {
    const updated = await this.knex(TABLE)
      .where({ id, state: 'pending' })
      .update({
        state: decision.state,
        pending_key: null,
        decided_by: decision.decidedBy,
        decided_at: decision.decidedAt,
        decision_comment: decision.comment ?? null,
        updated_at: decision.decidedAt,
      });
    return updated === 1;
  }

  /** Records the outcome of a proposal: `approved` or `proposal-failed`. */
  async recordProposal(
    id: string,
    state: AccessRequestState,
    proposal: NonNullable<AccessRequestRecord['proposal']>,
    at: Date,
  ): Promise<void> {
    await this.knex(TABLE)
      .where({ id })
      .update({ state, proposal: JSON.stringify(proposal), updated_at: at });
  }

  /**
   * Records a grant check; with `state`, moves the request on, but only from
   * `approved` (a request changed meanwhile keeps its state).
   */
  async recordGrantCheck(
    id: string,
    check: GrantCheckRecord,
    state?: AccessRequestState,
  ): Promise<void> {
    const at = new Date(check.checkedAt);
    await this.knex(TABLE)
      .where({ id, state: 'approved' })
      .update({
        grant_check: JSON.stringify(check),
        ...(state && { state }),
        updated_at: at,
      });
  }

  /** A completed revocation ends the grants it took back. */
  async revokeGranted(topic: string, requesterAppId: string): Promise<void> {
    await this.knex(TABLE)
      .where({
        kind: 'grant',
        state: 'granted',
        topic,
        requester_app_id: requesterAppId,
      })
      .update({ state: 'revoked', updated_at: new Date() });
  }
}

function pendingKey(request: AccessRequestRecord): string {
  return JSON.stringify([
    request.kind,
    request.topic,
    request.requesterEntityRef.toLocaleLowerCase('en-US'),
  ]);
}

function toRow(request: AccessRequestRecord): AccessRequestRow {
  return {
    id: request.id,
    kind: request.kind,
    topic: request.topic,
    owner_entity_ref: request.ownerEntityRef,
    owner_app_id: request.ownerAppId,
    requester_entity_ref: request.requesterEntityRef,
    requester_app_id: request.requesterAppId,
    reason: request.reason,
    state: request.state,
    pending_key: null,
    created_by: request.createdBy,
    created_at: new Date(request.createdAt),
    decided_by: request.decidedBy ?? null,
    decided_at: request.decidedAt ? new Date(request.decidedAt) : null,
    decision_comment: request.decisionComment ?? null,
    proposal: request.proposal ? JSON.stringify(request.proposal) : null,
    grant_check: request.grantCheck ? JSON.stringify(request.grantCheck) : null,
    updated_at: new Date(request.updatedAt),
  };
}

function fromRow(row: AccessRequestRow): AccessRequestRecord {
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    ownerEntityRef: row.owner_entity_ref,
    ownerAppId: row.owner_app_id,
    requesterEntityRef: row.requester_entity_ref,
    requesterAppId: row.requester_app_id,
    reason: row.reason,
    state: row.state,
    createdBy: row.created_by,
    createdAt: dateOf(row.created_at).toISOString(),
    ...(row.decided_by !== null && { decidedBy: row.decided_by }),
    ...(row.decided_at !== null && {
      decidedAt: dateOf(row.decided_at).toISOString(),
    }),
    ...(row.decision_comment !== null && {
      decisionComment: row.decision_comment,
    }),
    ...(row.proposal !== null && { proposal: JSON.parse(row.proposal) }),
    ...(row.grant_check !== null && {
      grantCheck: JSON.parse(row.grant_check),
    }),
    updatedAt: dateOf(row.updated_at).toISOString(),
  };
}
