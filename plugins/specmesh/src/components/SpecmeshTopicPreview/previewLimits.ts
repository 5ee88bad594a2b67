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

/** The backend's default cap on messages per preview (`specmesh.preview.maxMessages`). */
export const DEFAULT_MAX_MESSAGES = 20;
/** The hard cap: no configuration goes above it. */
export const HARD_MAX_MESSAGES = 50;

const CHOICES = [5, 10, 20, 50];

/**
 * The limits the selector offers: the usual steps up to the configured
 * maximum, and the maximum itself.
 */
export function limitChoices(configuredMax: number | undefined): number[] {
  const max = Math.min(
    Math.max(1, Math.floor(configuredMax ?? DEFAULT_MAX_MESSAGES)),
    HARD_MAX_MESSAGES,
  );
  return [...new Set([...CHOICES.filter(c => c < max), max])];
}
