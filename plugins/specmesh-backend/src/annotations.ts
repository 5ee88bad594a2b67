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
 * Annotation on a data product's API entity: the name of the cluster under
 * `specmesh.clusters` it is provisioned on. Without it, the default cluster.
 *
 * @public
 */
export const MESHPORT_CLUSTER_ANNOTATION = 'meshport.dev/cluster';

/**
 * Annotation on a data product's API entity, written by the catalog module: the
 * texts of the schema files its spec references, as a JSON object from the
 * reference as written in the spec to the file's text. Without it, the schemas
 * of file references cannot be registered.
 *
 * @public
 */
export const MESHPORT_SCHEMA_FILES_ANNOTATION = 'meshport.dev/schema-files';
