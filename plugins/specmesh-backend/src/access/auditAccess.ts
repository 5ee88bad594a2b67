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
import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/config';
import { redactUrlCredentials } from '@meshport/plugin-specmesh-node';
import type { Request } from 'express';

/**
 * Runs an access-request operation inside an audit event: who did what to
 * which request; a refusal or failure is audited as a failure.
 */
export async function audited<T>(
  auditor: AuditorService,
  context: {
    eventId:
      | 'access-request-create'
      | 'access-request-decide'
      | 'access-revoke';
    meta: JsonObject;
    request?: Request<any, any, any, any, any>;
  },
  run: () => Promise<{ result: T; meta: JsonObject }>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: context.eventId,
    severityLevel: 'medium',
    ...(context.request ? { request: context.request } : {}),
    meta: context.meta,
  });
  try {
    const { result, meta } = await run();
    await event.success({ meta: { ...context.meta, ...meta } });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error, meta: context.meta });
    throw error;
  }
}

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***'],
  [
    /\b(token|password|passwd|secret|apikey|api_key|authorization|private_token)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
    '$1$2***',
  ],
  [/\b(gh[pousr]_[A-Za-z0-9]{16,}|glpat-[A-Za-z0-9_-]{16,})\b/g, '***'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '***'],
];
const MAX_MESSAGE_LENGTH = 500;

/**
 * An error message fit to store and show: credentials in URLs, bearer and
 * basic tokens, `token=…`-style pairs, known token shapes and JWTs masked, and
 * the length bounded.
 */
export function safeErrorMessage(error: unknown): string {
  let message = redactUrlCredentials(
    error instanceof Error ? error.message : String(error),
  );
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    message = message.replace(pattern, replacement);
  }
  return message.length > MAX_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…`
    : message;
}
