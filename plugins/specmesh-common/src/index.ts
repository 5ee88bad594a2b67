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
 * The SpecMesh rule book for Meshport: from an AsyncAPI spec to the Kafka topics,
 * ACL bindings and schema subjects it implies, with validation. Pure: runs in the
 * browser and in Node.
 *
 * @packageDocumentation
 */

export type {
  AccessLevel,
  AclBinding,
  DesiredSchema,
  DesiredState,
  DesiredStateOptions,
  DesiredStateResult,
  DesiredTopic,
  PrincipalMap,
  SpecProblem,
  TopicDependency,
} from './model';
export {
  KAFKA_TOPIC_RESOURCE_TYPE,
  MESHPORT_ACCESS_LABEL,
  MESHPORT_APP_ID_ANNOTATION,
  MESHPORT_DATA_PRODUCT_ANNOTATION,
  MESHPORT_GRANTEES_ANNOTATION,
  MESHPORT_PARTITIONS_ANNOTATION,
  MESHPORT_REPLICAS_ANNOTATION,
  MESHPORT_SCHEMA_FILES_ANNOTATION,
  MESHPORT_SCHEMA_SUBJECTS_ANNOTATION,
  MESHPORT_TOPIC_ANNOTATION,
  MESHPORT_TOPIC_CONFIGS_ANNOTATION,
} from './annotations';
export {
  DATA_PRODUCT_RECOGNITIONS,
  isDataProductEntity,
} from './dataProducts/isDataProductEntity';
export type {
  DataProductCandidate,
  DataProductRecognition,
} from './dataProducts/isDataProductEntity';
export { schemaFileRefs } from './document/schemaFileRefs';
export { SCHEMA_FILE_EXTENSIONS, schemaTypeOfFile } from './rules/schemaTypes';
export type { SchemaType } from './rules/schemaTypes';
export { readSchemaFilesAnnotation } from './schemaFiles/schemaFilesAnnotation';
export type { SchemaFilesAnnotationReading } from './schemaFiles/schemaFilesAnnotation';
export { bundleSchemaRefsForDisplay } from './display/bundleSchemaRefsForDisplay';
export {
  specmeshAccessDecidePermission,
  specmeshAccessRequestPermission,
  specmeshChargebackReadPermission,
  specmeshEntityProvisionPermission,
  specmeshPermissions,
  specmeshTopicPreviewPermission,
} from './permissions';
export { parseSpecText } from './parseSpecText';
export type { ParsedSpecText } from './parseSpecText';
export { computeDesiredState } from './desired/computeDesiredState';
export { formatProblem, jsonPointer } from './problems';
export { appIdFromSpecId, MAX_APP_ID_LENGTH } from './rules/identity';
export { ownerAppIdOfTopic, ownerPrefixOfTopic } from './rules/topicOwnership';
export { ANY_PRINCIPAL, principalOf } from './rules/principals';
export { aclBindingKey, parseAclBindingKey } from './rules/aclBindingKey';
export type { SubjectNameStrategy } from './rules/subjectNaming';
export * from './chargeback';
export * from './consume';
export { editGrantAccess } from './edit/editGrantAccess';
export type {
  GrantAccessChange,
  GrantAccessEdit,
} from './edit/editGrantAccess';
export { GrantEditError } from './edit/GrantEditError';
