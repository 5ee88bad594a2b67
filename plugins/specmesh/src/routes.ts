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
} from '@backstage/core-plugin-api';

/**
 * The topic explorer page, in the legacy frontend system.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'specmesh' });

/**
 * Where to register an AsyncAPI spec, linked from the topic explorer when the
 * catalog has no topics; bind it to the catalog import page. Optional: the
 * link is left out when the app binds nothing.
 *
 * @public
 */
export const registerSpecRouteRef = createExternalRouteRef({
  id: 'register-spec',
  optional: true,
});
