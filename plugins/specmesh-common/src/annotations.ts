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
 * Annotation on an API entity naming the app-id its AsyncAPI spec declares.
 *
 * @public
 */
export const MESHPORT_APP_ID_ANNOTATION = 'meshport.dev/app-id';

/**
 * Annotation on an `API` entity of `spec.type: asyncapi` that marks it as a
 * SpecMesh data product: `"true"`. Meshport's catalog module and entity tabs
 * leave every other AsyncAPI API alone (see `isDataProductEntity`). The
 * Software Template and the examples set it; the catalog module sets it on
 * the entities it makes from spec files and, with
 * `catalog.processors.specmesh.dataProducts: all`, on every AsyncAPI API.
 *
 * @public
 */
export const MESHPORT_DATA_PRODUCT_ANNOTATION = 'meshport.dev/data-product';

/**
 * Annotation on a topic entity holding the exact Kafka topic name (entity names
 * cannot always hold it).
 *
 * @public
 */
export const MESHPORT_TOPIC_ANNOTATION = 'meshport.dev/topic';

/**
 * Annotation on an API entity: the schema files its AsyncAPI spec refers to,
 * as a JSON object from each `$ref` as written (`/schema/x.avsc`) to the
 * file's text. The catalog module writes it for specs it reads from files, so
 * that the portal can show the schemas and plan their subjects without the
 * file system. Absent when the spec refers to no schema file, or when the
 * files are too large to carry on the entity.
 *
 * @public
 */
export const MESHPORT_SCHEMA_FILES_ANNOTATION = 'meshport.dev/schema-files';

/**
 * `spec.type` of the Resource entities the catalog module writes for topics.
 *
 * @public
 */
export const KAFKA_TOPIC_RESOURCE_TYPE = 'kafka-topic';

/**
 * Label on a topic entity: its access level, `public`, `protected` or
 * `private`.
 *
 * @public
 */
export const MESHPORT_ACCESS_LABEL = 'meshport.dev/access';

/**
 * Annotation on a topic entity: the partitions the spec asks for; absent when
 * the spec leaves them to the cluster's default.
 *
 * @public
 */
export const MESHPORT_PARTITIONS_ANNOTATION = 'meshport.dev/partitions';

/**
 * Annotation on a topic entity: the replication factor the spec asks for;
 * absent when the spec leaves it to the cluster's default.
 *
 * @public
 */
export const MESHPORT_REPLICAS_ANNOTATION = 'meshport.dev/replicas';

/**
 * Annotation on a topic entity: the topic configs the spec sets, as a JSON
 * object of strings; absent when it sets none.
 *
 * @public
 */
export const MESHPORT_TOPIC_CONFIGS_ANNOTATION = 'meshport.dev/topic-configs';

/**
 * Annotation on a topic entity: its schema-registry subjects, comma-separated;
 * absent when it has none.
 *
 * @public
 */
export const MESHPORT_SCHEMA_SUBJECTS_ANNOTATION =
  'meshport.dev/schema-subjects';

/**
 * Annotation on a topic entity: the app-ids granted read access by
 * `grant-access:` tags (`_public` for everyone), comma-separated; absent when
 * there are none.
 *
 * @public
 */
export const MESHPORT_GRANTEES_ANNOTATION = 'meshport.dev/grantees';
