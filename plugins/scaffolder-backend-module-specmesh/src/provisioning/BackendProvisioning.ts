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

import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, isError, NotFoundError } from '@backstage/errors';
import { formatProblem } from '@meshport/plugin-specmesh-common';
import {
  Plan,
  SpecmeshApplyRecord,
  SpecmeshClient,
  SpecmeshSpecRequest,
} from '@meshport/plugin-specmesh-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { readWorkspaceSpec } from '../spec/readWorkspaceSpec';

/**
 * How long to wait for the catalog to process a just-registered entity, by default.
 *
 * @public
 */
export const DEFAULT_ENTITY_WAIT_MS = 120_000;
const POLL_INTERVAL_MS = 1_000;

/** What a plan or apply step names: which spec, which data product, which cluster. */
export interface ProvisionInput {
  /** `workspace` (default): the workspace's spec; `catalog`: the registered entity's spec. */
  source?: 'workspace' | 'catalog';
  path?: string;
  cluster?: string;
  entityRef?: string;
  deleteUnmanaged?: boolean;
}

/** What a step knows of the task it runs in. */
export interface ProvisionContext {
  workspacePath: string;
  logger: LoggerService;
  signal?: AbortSignal;
  getInitiatorCredentials(): Promise<BackstageCredentials>;
}

/**
 * The actions' way to plan and apply: through the SpecMesh backend, on behalf
 * of the person running the template, so that its permission check, per-app-id
 * lock, apply history and audit hold for templates as for the portal. The
 * module itself holds no cluster credentials.
 */
export class BackendProvisioning {
  constructor(
    private readonly specmesh: SpecmeshClient,
    private readonly options: {
      /** Default {@link DEFAULT_ENTITY_WAIT_MS}. */
      entityWaitMs?: number;
      /** Default one second. */
      pollIntervalMs?: number;
    } = {},
  ) {}

  /** The backend's plan; changes nothing. */
  async plan(
    ctx: ProvisionContext,
    input: ProvisionInput,
  ): Promise<{ cluster: string; plan: Plan }> {
    const credentials = await ctx.getInitiatorCredentials();
    const deleteUnmanaged = input.deleteUnmanaged ?? false;
    if (isCatalogSource(input)) {
      return this.whenEntityProcessed(ctx, input.entityRef, () =>
        this.specmesh.planEntity(input.entityRef, {
          credentials,
          deleteUnmanaged,
          signal: ctx.signal,
        }),
      );
    }
    const request = await this.specRequest(ctx, input);
    const planned = await this.whenEntityProcessed(ctx, input.entityRef, () =>
      this.specmesh.planSpec(request, { credentials, signal: ctx.signal }),
    );
    for (const warning of planned.warnings) {
      ctx.logger.warn(formatProblem(warning));
    }
    return planned;
  }

  /** The backend's apply, as recorded in its history. */
  async apply(
    ctx: ProvisionContext,
    input: ProvisionInput,
  ): Promise<SpecmeshApplyRecord> {
    const credentials = await ctx.getInitiatorCredentials();
    const deleteUnmanaged = input.deleteUnmanaged ?? false;
    if (isCatalogSource(input)) {
      return this.whenEntityProcessed(ctx, input.entityRef, () =>
        this.specmesh.applyEntity(input.entityRef, {
          credentials,
          deleteUnmanaged,
          signal: ctx.signal,
        }),
      );
    }
    const request = await this.specRequest(ctx, input);
    return this.whenEntityProcessed(ctx, input.entityRef, () =>
      this.specmesh.applySpec(request, { credentials, signal: ctx.signal }),
    );
  }

  private async specRequest(
    ctx: ProvisionContext,
    input: ProvisionInput,
  ): Promise<SpecmeshSpecRequest> {
    return {
      spec: await readWorkspaceSpec(ctx.workspacePath, input.path),
      ...(input.cluster !== undefined && { cluster: input.cluster }),
      ...(input.entityRef !== undefined && { entityRef: input.entityRef }),
      ...(input.deleteUnmanaged && { deleteUnmanaged: true }),
    };
  }

  /**
   * Runs `call` until the catalog has processed the named entity: a template
   * registers it a moment before applying, and the backend answers 404 until
   * the Meshport catalog module has annotated it.
   */
  private async whenEntityProcessed<T>(
    ctx: ProvisionContext,
    entityRef: string | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    const waitMs = this.options.entityWaitMs ?? DEFAULT_ENTITY_WAIT_MS;
    const pollMs = this.options.pollIntervalMs ?? POLL_INTERVAL_MS;
    // Counted from the first answer: judging a spec takes a while too.
    let deadline: number | undefined;
    for (;;) {
      try {
        return await call();
      } catch (error) {
        const notYet =
          entityRef !== undefined &&
          isError(error) &&
          error.name === NotFoundError.name;
        if (!notYet) throw error;
        if (deadline === undefined) {
          deadline = Date.now() + waitMs;
          ctx.logger.info(
            `Waiting up to ${waitMs} ms for the catalog to process ${entityRef}`,
          );
        }
        if (Date.now() + pollMs > deadline) throw error;
      }
      await sleep(pollMs, undefined, { signal: ctx.signal });
    }
  }
}

function isCatalogSource(
  input: ProvisionInput,
): input is ProvisionInput & { entityRef: string } {
  if (input.source !== 'catalog') return false;
  if (input.entityRef === undefined) {
    throw new InputError(
      "Input source 'catalog' needs input entityRef: the registered data product whose spec to use",
    );
  }
  if (input.cluster !== undefined) {
    throw new InputError(
      "Input cluster cannot be combined with source 'catalog': a registered data product is provisioned on the cluster of its meshport.dev/cluster annotation",
    );
  }
  return true;
}
