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
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

// The routes of the plugin in the new frontend system; src/routes.ts has the
// legacy system's.

/**
 * The topic explorer page, in the new frontend system.
 *
 * @alpha
 */
export const topicExplorerRouteRef = createRouteRef();

/**
 * Where to register an AsyncAPI spec, linked from the topic explorer when the
 * catalog has no topics: the catalog import page unless the app binds another.
 *
 * @alpha
 */
export const registerSpecExternalRouteRef = createExternalRouteRef({
  defaultTarget: 'catalog-import.importPage',
});
