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
  appIdFromSpecId,
  computeDesiredState,
  formatProblem,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';

/** What the catalog needs to know about a spec. */
export interface SpecSummary {
  /** The app-id the spec declares, when its `id` reveals one. */
  appId?: string;
  /** The rule engine's message for every error-severity problem. */
  errors: string[];
}

/**
 * Runs the rule engine on a spec's text, in memory, and keeps only what the
 * catalog uses: the app-id and the error messages.
 */
export function summarizeSpec(text: string, file: string): SpecSummary {
  const parsed = parseSpecText(text, file);
  const computed =
    parsed.document === undefined
      ? undefined
      : computeDesiredState(parsed.document, { file });
  const problems = [...parsed.problems, ...(computed?.problems ?? [])];
  return {
    // A spec with errors has no state; its id may still name the app-id, and
    // an owner derived from it keeps the catalog from piling a second,
    // unrelated "spec.owner is required" error on top of the real one.
    appId: computed?.state?.appId ?? declaredAppId(parsed.document),
    errors: problems.filter(p => p.severity === 'error').map(formatProblem),
  };
}

function declaredAppId(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null) {
    return undefined;
  }
  const id = (document as { id?: unknown }).id;
  return typeof id === 'string' ? appIdFromSpecId(id) : undefined;
}
