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
 * Entity tabs for SpecMesh data products: the Kafka topics an AsyncAPI spec
 * owns, who may read them, and the topics it consumes; and an API docs
 * configuration that renders specs whose schemas live in files.
 *
 * @packageDocumentation
 */

export {
  specmeshPlugin,
  EntitySpecmeshTopicsContent,
  EntitySpecmeshAccessContent,
  EntitySpecmeshProvisionContent,
  EntitySpecmeshCostContent,
  SpecmeshTopicExplorerPage,
  EntitySpecmeshTopicCard,
  EntitySpecmeshConsumeCard,
  EntitySpecmeshLagCard,
} from './plugin';
export { SpecmeshConsumePanel } from './components/SpecmeshConsumePanel';
export * from './api';
export { isSpecmeshAvailable } from './isSpecmeshAvailable';
export { isKafkaTopicEntity } from './isKafkaTopicEntity';
export * from './apiDocs';
