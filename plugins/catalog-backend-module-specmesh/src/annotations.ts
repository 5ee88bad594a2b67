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

/*
 * Annotations and labels this module writes on topic entities, beside
 * `meshport.dev/app-id` and `meshport.dev/topic` of the common package.
 */

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
