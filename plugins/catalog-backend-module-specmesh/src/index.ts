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
 * Catalog module for Meshport: AsyncAPI specs of SpecMesh data products become
 * API entities annotated with, and owned through, their app-id, and every
 * topic they own becomes a browsable `kafka-topic` Resource entity.
 *
 * @packageDocumentation
 */

export { catalogModuleSpecmesh as default } from './module';
export { SpecmeshAsyncApiProcessor } from './processor/SpecmeshAsyncApiProcessor';
export type { SpecmeshAsyncApiProcessorOptions } from './processor/SpecmeshAsyncApiProcessor';
export { FileLocationDefinitionProcessor } from './processor/FileLocationDefinitionProcessor';
export { UrlLocationDefinitionProcessor } from './processor/UrlLocationDefinitionProcessor';
export type { UrlLocationDefinitionProcessorOptions } from './processor/UrlLocationDefinitionProcessor';
export { AsyncApiFileLocationProcessor } from './processor/AsyncApiFileLocationProcessor';
export type {
  DefinitionProcessorOptions,
  SpecFileProcessorOptions,
} from './processor/SpecFileProcessorOptions';
export { OwnershipRules } from './ownership/OwnershipRules';
export type { Ownership, OwnershipRule } from './ownership/OwnershipRules';
export { entityNameOf } from './naming/entityNameOf';
export {
  KAFKA_TOPIC_RESOURCE_TYPE,
  topicEntityRef,
} from './entities/topicEntity';
export * from './annotations';
