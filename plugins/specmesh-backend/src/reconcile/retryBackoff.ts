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
import type { ApplyRecord } from '../provisioning/types';

/** How long the reconcile waits before applying again what it failed to apply. */
export interface RetryBackoff {
  /** After the first failure. */
  initialMs: number;
  /** The longest wait, however many failures. */
  maxMs: number;
}

/** Doubles from 5 minutes to an hour: a spec fix is picked up within the hour. */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = {
  initialMs: 5 * 60 * 1000,
  maxMs: 60 * 60 * 1000,
};

/**
 * When the reconcile may next apply a data product, given its applies newest
 * first; undefined when nothing holds it back. Only the reconcile's own
 * consecutive failures count: a success, or an apply by a person, starts over.
 */
export function nextReconcileApplyAt(
  history: readonly ApplyRecord[],
  reconcileActor: string,
  backoff: RetryBackoff,
): { at: Date; failures: number } | undefined {
  let failures = 0;
  for (const record of history) {
    if (record.actor !== reconcileActor) break;
    // A blocked apply did what it could; what stays blocked is no pending change.
    if (record.status !== 'failed') break;
    failures += 1;
  }
  if (failures === 0) return undefined;
  const delay = Math.min(
    backoff.initialMs * 2 ** (failures - 1),
    backoff.maxMs,
  );
  return {
    at: new Date(Date.parse(history[0].startedAt) + delay),
    failures,
  };
}
