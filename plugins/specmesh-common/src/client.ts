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
 * The SpecMesh backend's HTTP API for its callers: `DefaultApiClient` (on a
 * discovery API and a fetch API, with an optional token per request) and the
 * request and response models, all generated from the backend's
 * `src/schema/openapi.yaml` by the backend package's `yarn generate`. The
 * backend's router is generated from the same document.
 *
 * A separate entry point, because some response models (`DesiredState`,
 * `SpecProblem`, ...) carry the names of the rule book's own types at the
 * package root, which they mirror on the wire.
 *
 * @packageDocumentation
 */

export * from './schema/openapi';
