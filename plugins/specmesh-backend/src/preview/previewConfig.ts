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
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The most a preview ever shows: the bounds. */
export const PREVIEW_MAX_MESSAGES = 50;
export const PREVIEW_MAX_BYTES = 1_048_576;

/** `specmesh.preview`: how much a preview may show, and to whom. */
export interface PreviewSettings {
  /** Messages per preview at most (and the default `limit`). */
  maxMessages: number;
  /** Key, value and header bytes per preview at most. */
  maxBytes: number;
  /** Whether any signed-in user may preview `_public` topics (read by the policy). */
  publicTopics: boolean;
}

/** Reads `specmesh.preview`, or throws naming the key and its bounds. */
export function readPreviewSettings(config: Config): PreviewSettings {
  const section = config.getOptionalConfig('specmesh.preview');
  return {
    maxMessages: bounded(
      section?.getOptionalNumber('maxMessages'),
      'maxMessages',
      20,
      PREVIEW_MAX_MESSAGES,
    ),
    maxBytes: bounded(
      section?.getOptionalNumber('maxBytes'),
      'maxBytes',
      PREVIEW_MAX_BYTES,
      PREVIEW_MAX_BYTES,
    ),
    publicTopics: section?.getOptionalBoolean('publicTopics') ?? false,
  };
}

function bounded(
  value: number | undefined,
  key: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(
      `Invalid specmesh.preview.${key}: ${value}; use a whole number from 1 to ${max}`,
    );
  }
  return value;
}
