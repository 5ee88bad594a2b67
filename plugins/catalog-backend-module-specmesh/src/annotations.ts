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

// The annotations and labels this module writes on topic entities live in the
// common package, which the frontend reads them with; exported here too.
export {
  MESHPORT_ACCESS_LABEL,
  MESHPORT_GRANTEES_ANNOTATION,
  MESHPORT_PARTITIONS_ANNOTATION,
  MESHPORT_REPLICAS_ANNOTATION,
  MESHPORT_SCHEMA_SUBJECTS_ANNOTATION,
  MESHPORT_TOPIC_CONFIGS_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
