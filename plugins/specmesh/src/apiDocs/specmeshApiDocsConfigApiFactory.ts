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
import { createApiFactory } from '@backstage/core-plugin-api';
import { apiDocsConfigRef } from '@backstage/plugin-api-docs';
import { createSpecmeshApiDocsConfig } from './createSpecmeshApiDocsConfig';

/**
 * The API docs configuration with SpecMesh's AsyncAPI rendering (see
 * {@link createSpecmeshApiDocsConfig}), for the legacy frontend system: add it
 * to the app's `apis`.
 *
 * @example
 * ```ts
 * // packages/app/src/apis.ts
 * import { specmeshApiDocsConfigApiFactory } from '@meshport/plugin-specmesh';
 *
 * export const apis: AnyApiFactory[] = [
 *   // ...
 *   specmeshApiDocsConfigApiFactory,
 * ];
 * ```
 *
 * @public
 */
export const specmeshApiDocsConfigApiFactory = createApiFactory({
  api: apiDocsConfigRef,
  deps: {},
  factory: () => createSpecmeshApiDocsConfig(),
});
