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
import type { ProblemCollector } from '../problems';
import type { JsonObject } from '../document/refs';

/** The AsyncAPI major versions the rule book reads. */
export type SpecMajorVersion = 2 | 3;

const SUPPORTED_VERSION = /^(2|3)\.\d+\.\d+$/;

/** Reads `asyncapi` and reports documents that are not AsyncAPI 2.x or 3.x. */
export function readSpecVersion(
  document: JsonObject,
  problems: ProblemCollector,
): SpecMajorVersion | undefined {
  const version = document.asyncapi;
  if (version === undefined || version === null) {
    problems.error(
      '/asyncapi',
      'The document is not an AsyncAPI spec: it has no "asyncapi" version field.',
      'Add "asyncapi: 3.0.0" (or "2.6.0") as the first line.',
    );
    return undefined;
  }
  const match =
    typeof version === 'string' ? SUPPORTED_VERSION.exec(version) : null;
  if (!match) {
    problems.error(
      '/asyncapi',
      `The AsyncAPI version ${JSON.stringify(
        version,
      )} is not supported; Meshport reads 2.x and 3.x specs.`,
      'Write the version as a quoted string, e.g. asyncapi: "3.0.0" or asyncapi: "2.6.0".',
    );
    return undefined;
  }
  return match[1] === '2' ? 2 : 3;
}
