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
  catalog?: {
    processors?: {
      /**
       * Meshport's SpecMesh catalog module
       * (`@meshport/plugin-catalog-backend-module-specmesh`).
       */
      specmesh?: {
        /**
         * Which `API` entities of `spec.type: asyncapi` are SpecMesh data
         * products, the only ones this module reads, annotates, judges and
         * makes topic entities for. Every other AsyncAPI API passes through
         * the catalog untouched: no processing error, annotation, entity or
         * relation from Meshport.
         *
         * - `annotated`: those whose entity carries the annotation
         *   `meshport.dev/data-product: "true"` (the Software Template and
         *   the examples set it), and the specs registered through a
         *   location that points straight at an AsyncAPI file.
         * - `all`: every AsyncAPI API, for portals that hold only data
         *   products; the module then sets the annotation on each of them,
         *   which the entity tabs look for.
         *
         * Default: `annotated`.
         */
        dataProducts?: 'annotated' | 'all';
        /**
         * Owners (and systems) of data products by app-id prefix, for specs
         * whose entity sets no `spec.owner` (or `spec.system`).
         *
         * Precedence, for the owner and the system separately: the entity's
         * own `spec.owner` / `spec.system`; else the rule with the longest
         * `appIdPrefix` that matches the app-id at a segment boundary and sets
         * the field; else the owner is `group:default/<app-id>` and there is
         * no system.
         *
         * A list, because app-ids contain dots and config keys may not.
         * Default: no rules.
         */
        ownership?: Array<{
          /**
           * Whole app-id segments: `acme.lifestyle` matches
           * `acme.lifestyle` and `acme.lifestyle.onboarding`, not
           * `acme.lifestyles`.
           */
          appIdPrefix: string;
          /**
           * The owner's entity ref, for example `group:default/lifestyle`;
           * kind `group` and namespace `default` when left out. Optional when
           * `system` is set.
           */
          owner?: string;
          /**
           * The System the data products belong to, for example
           * `system:default/lifestyle` or `lifestyle`. Optional.
           */
          system?: string;
        }>;
        /**
         * How many distinct specs the processor remembers the rule engine's
         * result for. Keep it above the number of AsyncAPI entities: the
         * catalog re-processes every entity every few minutes, and a
         * remembered spec costs one hash instead of a parse.
         * Default: 5000.
         */
        cacheSize?: number;
        /**
         * The most bytes of schema files an API entity carries in its
         * `meshport.dev/schema-files` annotation, for the portal to show
         * and the catalog to check. A spec whose files take more gets no
         * annotation and a warning in the log. Default: 262144 (256 KiB).
         */
        schemaFilesMaxBytes?: number;
        /**
         * How much the reader reads for one spec, before any of it reaches
         * the judge. A schema file over `maxFileBytes`, or the spec and its
         * files together over `maxSpecBytes`, is a processing error naming
         * the ref; nothing beyond the limit is read.
         */
        readLimits?: {
          /** The largest schema file, in bytes. Default: 1048576 (1 MiB). */
          maxFileBytes?: number;
          /** The spec and its schema files together, in bytes. Default: 4194304 (4 MiB). */
          maxSpecBytes?: number;
        };
      };
    };
  };
}
