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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

export const PROPOSAL_TEMPLATE_KEY = 'specmesh.accessRequests.proposalTemplate';
export const PROPOSAL_WAIT_KEY = 'specmesh.accessRequests.proposalWait';

/** The template that proposes grants unless configuration names another. */
export const DEFAULT_PROPOSAL_TEMPLATE =
  'template:default/specmesh-grant-access';
/** Long enough for a pull request to open, short enough for a decision request. */
export const DEFAULT_PROPOSAL_WAIT_MS = 30_000;

/** How approvals become proposals. */
export interface ProposalSettings {
  templateRef: string;
  /** How long a decision waits for the template's task before it links to it. */
  waitMs: number;
  /** The portal's address, for links to scaffolder tasks. */
  appBaseUrl: string;
}

export function readProposalSettings(config: Config): ProposalSettings {
  const configured =
    config.getOptionalString(PROPOSAL_TEMPLATE_KEY) ??
    DEFAULT_PROPOSAL_TEMPLATE;
  let templateRef: string;
  try {
    const ref = parseEntityRef(configured, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'template') {
      throw new Error(`its kind is ${ref.kind}`);
    }
    templateRef = stringifyEntityRef(ref);
  } catch (error) {
    throw new InputError(
      `Invalid ${PROPOSAL_TEMPLATE_KEY} '${configured}': ${
        (error as Error).message
      }; name a Software Template, e.g. ${DEFAULT_PROPOSAL_TEMPLATE}`,
    );
  }
  let waitMs = DEFAULT_PROPOSAL_WAIT_MS;
  if (config.has(PROPOSAL_WAIT_KEY)) {
    try {
      waitMs = durationToMilliseconds(
        readDurationFromConfig(config, { key: PROPOSAL_WAIT_KEY }),
      );
    } catch (error) {
      throw new InputError(
        `Invalid ${PROPOSAL_WAIT_KEY}: ${
          (error as Error).message
        }; write e.g. { seconds: 30 }`,
      );
    }
  }
  const appBaseUrl = (config.getOptionalString('app.baseUrl') ?? '').replace(
    /\/+$/,
    '',
  );
  return { templateRef, waitMs, appBaseUrl };
}
