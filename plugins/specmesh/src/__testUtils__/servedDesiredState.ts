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
  parseSpecText,
  PrincipalMap,
} from '@meshport/plugin-specmesh-common';
import { DesiredStateResponse } from '../api';

/**
 * What the backend's desired-state route answers for an entity with this
 * definition: the rule book's verdict, problems naming the entity. Tests only,
 * to stand in for the backend; the browser never judges a spec itself.
 */
export function servedDesiredState(
  definition: string,
  options: { entityRef?: string; principals?: PrincipalMap } = {},
): DesiredStateResponse {
  const file = options.entityRef ?? 'api:default/onboarding';
  const principals = options.principals ?? {};
  const parsed = parseSpecText(definition, file);
  if (parsed.document === undefined) {
    return { problems: parsed.problems, principals };
  }
  const computed = computeDesiredState(parsed.document, {
    file,
    principalMap: principals,
  });
  return {
    ...(computed.state ? { state: computed.state } : {}),
    problems: [...parsed.problems, ...computed.problems],
    principals,
  };
}

/** A fake backend's getDesiredState that judges this definition, whatever entity is asked for. */
export function judges(
  definition: string,
  options: { entityRef?: string; principals?: PrincipalMap } = {},
) {
  return jest.fn(async () => servedDesiredState(definition, options));
}
