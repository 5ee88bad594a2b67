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
import type { DiscoveryService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a scaffolder task ended, or that it had not ended when we stopped waiting. */
export interface TaskOutcome {
  status: 'completed' | 'failed' | 'cancelled' | 'running';
  /** The template's output (links, text, …), when it completed. */
  output?: JsonObject;
  /** The scaffolder's last word on a task that did not complete. */
  message?: string;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const MAX_ERROR_LENGTH = 300;

/**
 * The few calls of the scaffolder backend's HTTP API a proposal needs: start
 * a task from a template, wait for it, read how it ended. Every call carries
 * a token issued on behalf of the person who decided, so the scaffolder's
 * permissions and its task list see them, not this plugin.
 */
export class ScaffolderTasks {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      /** Between two looks at a running task. */
      pollIntervalMs: number;
    },
  ) {}

  async start(
    templateRef: string,
    values: JsonObject,
    token: string,
  ): Promise<string> {
    const body = await this.call('/v2/tasks', token, {
      method: 'POST',
      body: JSON.stringify({ templateRef, values }),
    });
    const id = (body as { id?: unknown }).id;
    if (typeof id !== 'string' || id.length === 0) {
      throw new Error('The scaffolder started no task (its answer had no id)');
    }
    return id;
  }

  /** Waits until the task ends or `deadline` (epoch ms) passes. */
  async waitFor(
    taskId: string,
    token: string,
    deadline: number,
  ): Promise<TaskOutcome> {
    const path = `/v2/tasks/${encodeURIComponent(taskId)}`;
    for (;;) {
      // The task runs whether or not it can be watched: a failed look is
      // retried until the deadline, and then the task is still `running`
      // for all we know, never `failed`.
      let status = '';
      try {
        const task = (await this.call(path, token)) as { status?: string };
        status = String(task.status ?? '');
      } catch {
        status = '';
      }
      if (TERMINAL.has(status)) {
        return this.outcome(taskId, status as TaskOutcome['status'], token);
      }
      if (Date.now() >= deadline) return { status: 'running' };
      await sleep(
        Math.max(0, Math.min(this.deps.pollIntervalMs, deadline - Date.now())),
      );
    }
  }

  private async outcome(
    taskId: string,
    status: TaskOutcome['status'],
    token: string,
  ): Promise<TaskOutcome> {
    const events = await this.call(
      `/v2/tasks/${encodeURIComponent(taskId)}/events`,
      token,
    );
    const list = Array.isArray(events) ? events : [];
    const completion = [...list]
      .reverse()
      .find(
        event => event?.type === 'completion' || event?.type === 'cancelled',
      );
    const body = (completion?.body ?? {}) as {
      output?: JsonObject;
      message?: unknown;
    };
    // A failed step logs its error (as a stack: the first line is the message),
    // which says more than the completion's "Run completed with status: failed".
    const failedStep = [...list]
      .reverse()
      .find(event => event?.type === 'log' && event.body?.status === 'failed');
    const stepError =
      typeof failedStep?.body?.message === 'string'
        ? `step ${failedStep.body.stepId ?? '?'}: ${
            failedStep.body.message.split('\n')[0]
          }`
        : undefined;
    let message = typeof body.message === 'string' ? body.message : undefined;
    if (status === 'failed' && stepError) message = stepError;
    return {
      status,
      ...(body.output ? { output: body.output } : {}),
      ...(message ? { message } : {}),
    };
  }

  private async call(
    path: string,
    token: string,
    init: { method?: string; body?: string } = {},
  ): Promise<unknown> {
    const baseUrl = await this.deps.discovery.getBaseUrl('scaffolder');
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `The scaffolder answered ${response.status} to ${
          init.method ?? 'GET'
        } ${path.replace(
          /\/v2\/tasks\/[^/]+/,
          '/v2/tasks/<id>',
        )}: ${errorMessageOf(text)}`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`The scaffolder's answer to ${path} is not JSON`);
    }
  }
}

/** The scaffolder's own error message, short; never the request. */
function errorMessageOf(text: string): string {
  let message = text;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON: its text, shortened.
  }
  message = message.replace(/\s+/g, ' ').trim() || 'no message';
  return message.length > MAX_ERROR_LENGTH
    ? `${message.slice(0, MAX_ERROR_LENGTH)}…`
    : message;
}
