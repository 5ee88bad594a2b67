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
import type {
  AuditorService,
  AuditorServiceEvent,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createBackendModule } from '@backstage/backend-plugin-api';
import type { GrantChange, GrantProposer } from '../GrantProposer';
import { specmeshGrantProposerExtensionPoint } from '../grantProposerExtensionPoint';

/** An audit event as it ended. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome: 'pending' | 'success' | 'failure';
  error?: string;
}

/** An auditor that keeps its events, for tests to read. */
export function recordingAuditor(): AuditorService & {
  events: RecordedAuditEvent[];
} {
  const events: RecordedAuditEvent[] = [];
  return {
    events,
    async createEvent(options) {
      const event: RecordedAuditEvent = {
        eventId: options.eventId,
        meta: options.meta as Record<string, unknown>,
        outcome: 'pending',
      };
      events.push(event);
      const ended: AuditorServiceEvent = {
        async success(params) {
          event.outcome = 'success';
          event.meta = { ...event.meta, ...(params?.meta as object) };
        },
        async fail(params) {
          event.outcome = 'failure';
          event.error = params.error.message;
        },
      };
      return ended;
    },
  };
}

/**
 * Ownership as the demo policy decides it, from a table: each user may act on
 * the data products their groups own.
 */
export function ownershipPermissions(
  owned: Record<string, string[]>,
): PermissionsService {
  const decide = (userRef: string | undefined, resourceRef?: string) =>
    userRef && resourceRef && owned[userRef]?.includes(resourceRef)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  return {
    async authorize(requests, options) {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      return requests.map(request => ({
        result: decide(
          principal.userEntityRef,
          'resourceRef' in request ? request.resourceRef : undefined,
        ),
      })) as any;
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({
        result: AuthorizeResult.DENY,
      })) as PolicyDecision[] as any;
    },
  };
}

/** A proposer that records the changes asked for, or fails with `failWith`. */
export function recordingProposer(failWith?: string): GrantProposer & {
  changes: GrantChange[];
} {
  const changes: GrantChange[] = [];
  return {
    changes,
    async propose(change) {
      changes.push(change);
      if (failWith) throw new Error(failWith);
      return {
        url: `https://git.example/pulls/${changes.length}`,
        description: 'Pull request opened',
      };
    },
  };
}

/** A backend module that sets the plugin's grant proposer, as an adopter's would. */
export function grantProposerModule(proposer: GrantProposer) {
  return createBackendModule({
    pluginId: 'specmesh',
    moduleId: 'test-grant-proposer',
    register(env) {
      env.registerInit({
        deps: { proposals: specmeshGrantProposerExtensionPoint },
        async init({ proposals }) {
          proposals.setGrantProposer(proposer);
        },
      });
    },
  });
}
