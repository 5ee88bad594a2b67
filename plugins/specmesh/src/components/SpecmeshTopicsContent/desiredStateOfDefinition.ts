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
  computeDesiredState,
  DesiredStateResult,
  parseSpecText,
} from '@meshport/plugin-specmesh-common';

/**
 * Applies the rule book to the AsyncAPI text of an API entity's definition.
 *
 * Schema files are not available in the browser, so subjects of file-referenced
 * schemas carry their reference only; topics, access and grants are complete.
 */
export function desiredStateOfDefinition(
  definition: string,
): DesiredStateResult {
  const parsed = parseSpecText(definition);
  if (parsed.document === undefined) {
    return { problems: parsed.problems };
  }
  const result = computeDesiredState(parsed.document);
  return {
    state: result.state,
    problems: [...parsed.problems, ...result.problems],
  };
}
