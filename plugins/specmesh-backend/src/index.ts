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

/**
 * Meshport's SpecMesh backend plugin: for every AsyncAPI data product in the
 * catalog, the Kafka state its spec implies, plans and applies on the
 * configured clusters, live status and drift, the history of applies and a
 * scheduled reconcile.
 *
 * @packageDocumentation
 */

export { specmeshPlugin as default } from './plugin';
export {
  MESHPORT_CLUSTER_ANNOTATION,
  MESHPORT_SCHEMA_FILES_ANNOTATION,
} from './annotations';
export {
  specmeshGrantProposerExtensionPoint,
  type SpecmeshGrantProposerExtensionPoint,
} from './access/grantProposerExtensionPoint';
export type {
  GrantChange,
  GrantProposal,
  GrantProposer,
} from './access/GrantProposer';
export { ScaffolderGrantProposer } from './access/proposals/ScaffolderGrantProposer';
