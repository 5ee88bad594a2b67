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

export interface Config {
  /** Configuration of Meshport's SpecMesh plugins. */
  specmesh?: {
    /**
     * Kafka principals of the app-ids that do not authenticate as the default
     * `User:<app-id>`. The mapping applies to the owner of a spec and to every
     * app-id it grants access to. A list, because app-ids contain dots and
     * config keys may not.
     *
     * Default: empty (every app-id is `User:<app-id>`).
     */
    principals?: Array<{
      /** The app-id, for example `acme.lifestyle.onboarding`. */
      appId: string;
      /** Its Kafka principal, for example `User:sa-123abc`. */
      principal: string;
    }>;
  };
}
