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
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import type {
  GrantChange,
  GrantProposal,
  GrantProposer,
} from '../GrantProposer';
import { ProposalSettings, readProposalSettings } from './proposalSettings';
import { ScaffolderTasks, TaskOutcome } from './ScaffolderTasks';
import { specSourceOf } from './specSourceOf';

const POLL_INTERVAL_MS = 1000;
const MAX_MESSAGE_LENGTH = 300;

/**
 * Proposes a grant (or its revocation) by running a Software Template through
 * the scaffolder's HTTP API, on behalf of the person who decided: the
 * adopter's template decides how the spec changes (a pull request through
 * an SCM integration, an edit in place for local files). The template gets
 * the values its README lists (`proposalValues` builds them).
 *
 * @public
 */
export class ScaffolderGrantProposer implements GrantProposer {
  static fromConfig(
    config: Config,
    deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      catalog: CatalogService;
    },
  ): ScaffolderGrantProposer {
    return new ScaffolderGrantProposer({
      auth: deps.auth,
      catalog: deps.catalog,
      tasks: new ScaffolderTasks({
        discovery: deps.discovery,
        pollIntervalMs: POLL_INTERVAL_MS,
      }),
      settings: readProposalSettings(config),
    });
  }

  /** @internal Tests inject their own task client; adopters use {@link ScaffolderGrantProposer.fromConfig}. */
  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      tasks: ScaffolderTasks;
      settings: ProposalSettings;
    },
  ) {}

  async propose(
    change: GrantChange,
    options: { credentials: BackstageCredentials },
  ): Promise<GrantProposal> {
    const { auth, tasks, settings } = this.deps;
    const values = await this.proposalValues(change, options.credentials);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'scaffolder',
    });
    const taskId = await tasks.start(settings.templateRef, values, token);
    const outcome = await tasks.waitFor(
      taskId,
      token,
      Date.now() + settings.waitMs,
    );
    const taskUrl = `${settings.appBaseUrl}/create/tasks/${encodeURIComponent(
      taskId,
    )}`;
    if (outcome.status === 'completed') {
      return {
        url: firstLink(outcome.output) ?? taskUrl,
        description: describe(outcome, change, settings.templateRef),
        taskId,
      };
    }
    if (outcome.status === 'running') {
      return {
        url: taskUrl,
        description: `The change is still being proposed by ${settings.templateRef}; follow the task`,
        taskId,
      };
    }
    throw new Error(
      `The proposal template ${settings.templateRef} ${
        outcome.status === 'failed' ? 'failed' : 'was cancelled'
      }${
        outcome.message ? `: ${short(outcome.message)}` : ''
      } (scaffolder task ${taskId}, ${taskUrl})`,
    );
  }

  /**
   * The template's values: `entityRef` (the owning data product), `topic`,
   * `appId` (the grantee), `action` (grant or revoke), `requestId`, `comment`,
   * and where the spec lives: `sourceLocation`, `specPath`, `specUrl`, and
   * for repositories `repoUrl`, `repoPath` and `branch`.
   */
  private async proposalValues(
    change: GrantChange,
    credentials: BackstageCredentials,
  ): Promise<JsonObject> {
    const entity = await this.deps.catalog.getEntityByRef(
      change.ownerEntityRef,
      { credentials },
    );
    if (!entity) {
      throw new Error(
        `The data product ${change.ownerEntityRef} is not in the catalog (or not visible to you), so its spec cannot be changed`,
      );
    }
    const source = specSourceOf(entity);
    if (!source) {
      throw new Error(
        `The catalog does not record where the spec of ${change.ownerEntityRef} comes from (no source or managed-by location); add the grant-access tag to the spec by hand`,
      );
    }
    return {
      entityRef: change.ownerEntityRef,
      topic: change.topic,
      appId: change.granteeAppId,
      action: change.action,
      requestId: change.requestId,
      comment: change.comment ?? '',
      ...source,
    };
  }
}

/** The first web link the template output, as links to follow must be. */
function firstLink(output: JsonObject | undefined): string | undefined {
  const links = output?.links;
  if (!Array.isArray(links)) return undefined;
  for (const link of links) {
    const url = (link as { url?: unknown } | null)?.url;
    if (typeof url !== 'string') continue;
    try {
      const { protocol } = new URL(url);
      if (protocol === 'https:' || protocol === 'http:') return url;
    } catch {
      // Not a URL: not a link to show.
    }
  }
  return undefined;
}

function describe(
  outcome: TaskOutcome,
  change: GrantChange,
  templateRef: string,
): string {
  const said = outcome.output?.proposal;
  if (typeof said === 'string' && said.trim()) return short(said.trim());
  return `${change.action === 'grant' ? 'Grant' : 'Revocation'} of ${
    change.granteeAppId
  } on ${change.topic} proposed by ${templateRef}`;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX_MESSAGE_LENGTH
    ? `${line.slice(0, MAX_MESSAGE_LENGTH)}…`
    : line;
}
